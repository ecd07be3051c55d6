"""Every command has help text and is documented in the README."""

from __future__ import annotations

import click
import pytest
from conftest import ROOT

from toolkit.cli import main

COMMANDS = sorted(main.commands)


def test_there_are_commands():
    assert {"validate", "render", "build"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help(runner, name):
    command = main.commands[name]
    assert command.help and len(command.help.strip()) > 20
    result = runner.invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert f"Usage: main {name}" in result.output
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"tei {name} {param.opts[0]} has no help"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_the_readme(name):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"tei {name}" in readme


def test_version_and_group_help(runner):
    assert runner.invoke(main, ["--version"]).output.startswith("tei, version ")
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output
