"""docs/api.md: every public name is documented, and every example runs.

The ``python`` blocks run in order, in one namespace, with a fresh copy of the repository
as working directory (the examples use relative paths, as a user at the root would)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

import toolkit

API = ROOT / "docs" / "api.md"
BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def test_every_public_name_is_documented():
    text = API.read_text(encoding="utf-8")
    for name in toolkit.__all__:
        if name != "__version__" and name not in ("BuildResult", "ValidationReport", "ValidationOptions"):
            assert f"`{name}" in text, f"{name} is public but not documented in docs/api.md"


def test_every_example_runs(tmp_path, monkeypatch, capsys):
    copy = tmp_path / "main"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".git", ".venv", "output", "build", "*.egg-info",
                                                              "__pycache__", ".*_cache"))
    monkeypatch.chdir(copy)
    blocks = BLOCK.findall(API.read_text(encoding="utf-8"))
    assert len(blocks) >= 6
    namespace: dict = {}
    for number, block in enumerate(blocks, 1):
        try:
            exec(compile(block, f"docs/api.md block {number}", "exec"), namespace)
        except Exception as exc:  # pragma: no cover - the message names the block
            pytest.fail(f"docs/api.md block {number} failed: {exc!r}\n{block}")
    printed = capsys.readouterr().out
    assert "ptr-ref" in printed and "refusing to render 1 invalid file(s)" in printed
    assert "1 output written | 0 outputs written, 1 up to date" in printed
    assert "['checksum', 'payload-oxum']" in printed
    assert "a.xml:3:7: error: points to no element [ptr-ref]" in printed
    assert "no *.xml file in schema: nothing to do" in printed
    assert Path.cwd() == copy
