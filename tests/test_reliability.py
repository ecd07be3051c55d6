"""Faults and concurrency: a build killed at random points never leaves a truncated
file; two builds at once both finish with a complete, consistent output; an output
that cannot be written is a clear error. (The sources are checked for changes around
the whole session in conftest.py.)"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from toolkit.corpus import write_corpus  # noqa: E402

KILLS = 20
DOCS = 12
TEI = [sys.executable, "-m", "toolkit"]


def files(folder: Path) -> dict[str, bytes]:
    """The outputs (temporary files of a killed run and the build cache are hidden, not outputs)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)}


def build(corpus: Path, out: Path, **kwargs):
    return subprocess.Popen([*TEI, "build", "-q", str(corpus / "tei"), "-o", str(out)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    """Version A of a corpus, and version B with every document's text changed."""
    base = tmp_path_factory.mktemp("corpora")
    write_corpus(base / "a", DOCS, seed=7)
    write_corpus(base / "b", DOCS, seed=7)
    for path in (base / "b" / "tei").glob("*.xml"):
        path.write_text(path.read_text(encoding="utf-8").replace(">Soviet Government<", ">Soviet Government (B)<"), encoding="utf-8")
    outputs = {}
    for version in ("a", "b"):
        out = base / f"out-{version}"
        process = build(base / version, out)
        assert process.wait(timeout=300) == 0, process.stderr.read().decode()
        outputs[version] = files(out)
    return base, outputs


@pytest.mark.slow
def alive_with(text: str, grace: float = 5.0) -> list[int]:
    """Processes (Linux /proc) whose command line contains ``text``, after up to ``grace`` s."""
    proc = Path("/proc")
    if not proc.is_dir():
        pytest.skip("no /proc: cannot look for orphan processes here")
    deadline = time.monotonic() + grace
    while True:
        found = []
        for entry in proc.iterdir():
            if entry.name.isdigit():
                try:
                    if text in (entry / "cmdline").read_bytes().decode(errors="replace"):
                        found.append(int(entry.name))
                except OSError:
                    continue  # ended meanwhile
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def test_killed_builds_leave_complete_files(corpora, tmp_path):
    base, outputs = corpora
    out = tmp_path / "output"
    process = build(base / "a", out)
    assert process.wait(timeout=300) == 0
    started = time.perf_counter()
    assert build(base / "b", tmp_path / "timing").wait(timeout=300) == 0
    duration = time.perf_counter() - started
    rng = random.Random(2026)
    mixed_states = 0
    for kill in range(KILLS):
        version = "b" if kill % 2 == 0 else "a"
        process = build(base / version, out)
        time.sleep(rng.uniform(0.05, duration))
        process.send_signal(signal.SIGKILL)
        process.wait()
        now = files(out)
        # the search bundle's files are named after their content (issue #28): a kill between the
        # new bundle's move and the old one's removal leaves files of both, each complete
        bundle = {name: data for name, data in now.items() if name.startswith("pagefind/")}
        now = {name: data for name, data in now.items() if name not in bundle}
        assert set(now) == {n for n in outputs["a"] if not n.startswith("pagefind/")}, "a file is missing or extra after a kill"
        for name, data in now.items():
            assert data in (outputs["a"][name], outputs["b"][name]), f"kill {kill}: {name} is neither complete version"
        for name, data in bundle.items():
            assert data in (outputs["a"].get(name), outputs["b"].get(name)), f"kill {kill}: {name} is neither complete version"
        mixed_states += len({data == outputs["a"][name] for name, data in now.items()}) > 1
    # The killed builds' pool workers died with them (no orphan holding a Saxon processor).
    assert alive_with(str(out)) == [], "orphan workers of a killed build"
    # A final uninterrupted build completes the new version and sweeps the killed runs' temporary files.
    assert build(base / "b", out).wait(timeout=300) == 0
    assert files(out) == outputs["b"]
    leftovers = [p for p in out.rglob(".*.tmp") if ".cache" not in p.parts]
    assert leftovers == []


@pytest.mark.slow
def test_two_concurrent_builds_both_finish_consistently(corpora, tmp_path):
    base, outputs = corpora
    out = tmp_path / "output"
    first, second = build(base / "b", out), build(base / "b", out)
    assert first.wait(timeout=300) == 0, first.stderr.read().decode()
    assert second.wait(timeout=300) == 0, second.stderr.read().decode()
    assert files(out) == outputs["b"]
    assert not list(out.rglob(".*.tmp"))


def test_output_path_that_is_a_file_is_a_usage_error(corpora, tmp_path):
    base, _ = corpora
    blocker = tmp_path / "output"
    blocker.write_text("not a folder")
    process = build(base / "a", blocker)
    assert process.wait(timeout=300) == 2
    stderr = process.stderr.read().decode()
    assert "Traceback" not in stderr and "is a file" in stderr
    assert blocker.read_text() == "not a folder"


def test_output_folder_blocked_by_a_file_inside_is_a_clear_error(corpora, tmp_path):
    base, _ = corpora
    out = tmp_path / "output"
    out.mkdir()
    (out / "html").write_text("a file where the html folder should be")
    process = build(base / "a", out)
    assert process.wait(timeout=300) == 1
    stderr = process.stderr.read().decode()
    assert "Traceback" not in stderr
    assert stderr.strip().endswith("[writable]") and ":1:1: error: cannot write output:" in stderr
    assert (out / "html").read_text() == "a file where the html folder should be"


def test_read_only_output_folder_keeps_previous_outputs(corpora, tmp_path, monkeypatch):
    """EROFS/EACCES on rename, as on a read-only or full file system: the old outputs stay."""
    from click.testing import CliRunner

    import toolkit.atomic as atomic
    from toolkit.cli import main

    base, outputs = corpora
    out = tmp_path / "output"
    assert build(base / "a", out).wait(timeout=300) == 0

    def refuse(src, dst):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    result = CliRunner().invoke(main, ["build", "-q", str(base / "b" / "tei"), "-o", str(out)])
    assert result.exit_code == 1
    assert "error: cannot write output: Read-only file system [writable]" in result.output
    assert files(out) == outputs["a"]
    assert not list(out.rglob(".*.tmp"))
