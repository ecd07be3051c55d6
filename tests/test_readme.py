"""The README's examples, run as written; its CLI reference, checked against --help.

Every ``$ command`` line of every ``console`` block runs, in order, in one fresh copy of
the repository (``../shared`` beside it, as in a clone) after the equivalent of
``make edition``, through bash with the virtual environment's ``bin/`` first on PATH,
exactly as a reader who activated it would type it. Its output (stdout and stderr, as a
terminal shows them) must equal the lines that follow it in the README, with two
documented allowances: timings (``0.42 s``) may differ, and a hash the README shortens to
five hex digits and ``…`` stands for the whole hash.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SHARED

from toolkit import clidoc

README = ROOT / "README.md"
BLOCK = re.compile(r"```console\n(.*?)```", re.S)
#: the DTS session: run against a live server (the README's 127.0.0.1:8000 stands for its address)
SESSION = re.compile(r"```shell-session\n(.*?)```", re.S)
README_SERVER = "127.0.0.1:8000"
TIMING = re.compile(r"\b\d+\.\d\d s\b")
SHORT_HASH = re.compile(r"([0-9a-f]{5})…")


def examples(blocks: re.Pattern = BLOCK) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) for every ``$`` line of every console block, in order."""
    found: list[tuple[str, list[str]]] = []
    for block in blocks.findall(README.read_text(encoding="utf-8")):
        for line in block.splitlines():
            if line.startswith("$ "):
                found.append((line[2:], []))
            elif found and (line or found[-1][1]):
                found[-1][1].append(line)
    return [(command, _trim(lines)) for command, lines in found]


def _trim(lines: list[str]) -> list[str]:
    while lines and not lines[-1]:
        lines.pop()
    return lines


def matches(expected: str, actual: str) -> bool:
    pattern = re.escape(TIMING.sub("TIMING", expected))
    pattern = pattern.replace("TIMING", r"\d+\.\d\d\ s")
    pattern = SHORT_HASH.sub(lambda m: m.group(1) + "[0-9a-f]+", pattern.replace(re.escape("…"), "…"))
    return re.fullmatch(pattern, actual) is not None


def test_the_matcher_allows_only_timings_and_marked_hashes():
    assert matches("built; 0.65 s", "built; 12.03 s")
    assert matches("says cfc30…, the", "says cfc3022d57bd, the")
    assert not matches("says cfc30…, the", "says abcde12345, the")
    assert not matches("8 outputs written", "7 outputs written")
    assert matches("occurs … (16 more)", "occurs … (16 more)")


def test_the_readme_has_examples():
    commands = [command for command, _ in examples()]
    assert len(commands) >= 12
    assert "tei validate" in commands and "tei package" in commands


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A copy of the repository as a fresh clone has it, after `make edition` (tei build)."""
    base = tmp_path_factory.mktemp("readme")
    project = base / "main"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", ".venv", "output", "build", "*.egg-info",
                                                                 "__pycache__", "test-artifacts", ".*_cache"))
    (project / "output").mkdir()
    shutil.copy(ROOT / "output" / "README.md", project / "output" / "README.md")
    if SHARED.is_dir():
        (base / "shared").symlink_to(SHARED)
    done = run("tei build", project)
    assert done.returncode == 0, done.stdout
    return project


def run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "COLUMNS")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=300)


@pytest.mark.slow
def test_every_console_example_prints_what_the_readme_says(clone):
    for command, expected in examples():
        if "../shared" in command and not SHARED.is_dir():
            continue  # reported below: the example needs the reference material
        result = run(command, clone)
        actual = result.stdout.rstrip("\n").splitlines()
        assert len(actual) == len(expected), f"$ {command}\n" + result.stdout
        for want, got in zip(expected, actual, strict=True):
            assert matches(want, got), f"$ {command}\nREADME: {want}\nactual: {got}"
    if not SHARED.is_dir():
        pytest.skip(f"the examples that read ../shared were not run: {SHARED} is absent")


@contextlib.contextmanager
def dts_server(project: Path):
    """``tei build --dts`` in the copy, then the application on a free port of 127.0.0.1 (in this
    process); yields a function that runs a README command against it."""
    from dtsclient import live_server

    done = run("tei build --dts", project)
    assert done.returncode == 0, done.stdout
    with live_server(project / "output") as client:
        address = f"{client.base_url.host}:{client.base_url.port}"

        def session(command: str) -> str:
            output = run(command.replace(README_SERVER, address), project).stdout
            return output.replace(address, README_SERVER)

        yield session


@pytest.mark.slow
def test_the_dts_session_prints_what_the_readme_says(clone):
    missing = [tool for tool in ("curl", "jq") if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"the README's DTS session was not run: {' and '.join(missing)} not installed (Debian packages)")
    commands = examples(SESSION)
    assert len(commands) >= 4
    with dts_server(clone) as session:
        for command, expected in commands:
            actual = session(command).rstrip("\n").splitlines()
            assert actual == expected, f"$ {command}\n" + "\n".join(actual)


def regenerate(readme: Path = README) -> None:
    """Run every example in a fresh copy and write its real output into the README (hashes
    of 64 or more hex digits shortened to five and "…"). ``python tests/test_readme.py``;
    review the change with ``git diff README.md``."""
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="readme-"))
    project = base / "main"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".git", ".venv", "output", "build", "*.egg-info",
                                                                 "__pycache__", "test-artifacts", ".*_cache"))
    (project / "output").mkdir()
    if SHARED.is_dir():
        (base / "shared").symlink_to(SHARED)
    run("tei build", project)
    text = readme.read_text(encoding="utf-8")

    def block(match: re.Match) -> str:
        lines: list[str] = []
        for line in match.group(1).splitlines():
            if line.startswith("$ "):
                if lines and lines[-1] != "" and not lines[-1].startswith("$ "):
                    lines.append("")
                lines.append(line)
                output = run(line[2:], project).stdout.rstrip("\n")
                if output:
                    lines.extend(re.sub(r"\b([0-9a-f]{5})[0-9a-f]{59,}\b", r"\1…", output).splitlines())
        return "```console\n" + "\n".join(lines) + "\n```"

    text = BLOCK.sub(block, text)
    with dts_server(project) as session:

        def dts_block(match: re.Match) -> str:
            lines: list[str] = []
            for line in match.group(1).splitlines():
                if line.startswith("$ "):
                    lines.append(line)
                    lines.extend(session(line[2:]).rstrip("\n").splitlines())
            return "```shell-session\n" + "\n".join(lines) + "\n```"

        text = SESSION.sub(dts_block, text)
    readme.write_text(text, encoding="utf-8")
    shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    regenerate()


def test_the_cli_reference_is_the_commands_help():
    text = README.read_text(encoding="utf-8")
    assert clidoc.updated(text) == text, "the README's CLI reference has drifted: run `make readme`"
