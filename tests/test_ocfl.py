"""Versioned deposit (issue 19): `tei package --ocfl ROOT` adds the package as a new version of
the edition's OCFL object (ocfl-py); the root validates with no error and no warning after
one, two and three versions; an unchanged edition adds no version; every version reads back
byte for byte; a run killed while writing leaves the root valid."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EDITION, ROOT

from toolkit import ocfl_store
from toolkit.cli import main
from toolkit.package import package
from toolkit.xmlsafe import parse_file

ID = "soviet-declaration-1956-10-30"
OBJECT = ocfl_store.LOCAL_URI + ID
CHANGES = ["", '<change when="2026-12-03" who="#project">Second version (test).</change>',
           '<change when="2026-12-04" who="#project">Third version (test).</change>']


def edition_copy(folder: Path, extra_changes: list[str]) -> Path:
    """The edition in a project folder of its own (tei/ and schema/), with changes added."""
    text = EDITION.read_text(encoding="utf-8")
    text = text.replace("<revisionDesc>", "<revisionDesc>" + "".join(reversed(extra_changes)), 1)
    shutil.copytree(ROOT / "schema", folder / "schema")
    folder = folder / "tei"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{ID}.xml"
    path.write_text(text, encoding="utf-8")
    return path


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def three_versions(tmp_path_factory):
    base = tmp_path_factory.mktemp("ocfl")
    root, kept, results, checks = base / "root", [], [], []
    for n in range(3):
        tei = edition_copy(base / f"tei{n}", [c for c in CHANGES[1:n + 1]])
        made = package([tei], base / f"out{n}")
        results.append(ocfl_store.deposit(root, made.bag, tei))
        checks.append(ocfl_store.problems(root))
        kept.append(files_of(made.bag))
    return root, results, checks, kept, base


def test_three_versions_each_valid_with_no_error_or_warning(three_versions):
    root, results, checks, _, _ = three_versions
    assert [r.added for r in results] == ["v1", "v2", "v3"]
    assert checks == [[], [], []]  # ocfl-py's validator, warnings included, after each version


def test_versions_take_date_message_and_agent_from_the_newest_change(three_versions):
    root, *_ = three_versions
    listed = ocfl_store.versions(root, OBJECT)
    assert [(v.version, v.created) for v in listed] == [
        ("v1", "2026-12-02T00:00:00Z"), ("v2", "2026-12-03T00:00:00Z"), ("v3", "2026-12-04T00:00:00Z")]
    assert listed[0].message.startswith("Revision for signature (the reviewing editor's items of issue 26")
    assert [v.message for v in listed[1:]] == ["Second version (test).", "Third version (test)."]
    assert ocfl_store.objects(root) == [OBJECT]


def test_each_version_reads_back_byte_for_byte(three_versions, tmp_path):
    root, _, _, kept, _ = three_versions
    for n, expected in enumerate(kept, 1):
        target = tmp_path / f"v{n}"
        ocfl_store.extract(root, OBJECT, f"v{n}", target)
        assert files_of(target) == expected


def test_an_unchanged_edition_adds_no_version(three_versions, tmp_path):
    root, _, _, _, base = three_versions
    copy = tmp_path / "root"
    shutil.copytree(root, copy)
    tei = base / "tei2" / "tei" / f"{ID}.xml"
    result = ocfl_store.deposit(copy, base / "out2" / "deposit" / ID, tei)
    assert (result.added, result.head) == (None, "v3")
    assert result.summary().endswith("unchanged, no version added (head v3); " + f"{result.seconds:.2f} s")
    assert files_of(copy) == files_of(root)


def test_cli_adds_lists_and_extracts(tmp_path, runner, monkeypatch):
    monkeypatch.chdir(ROOT)
    root, out = tmp_path / "root", tmp_path / "output"
    first = runner.invoke(main, ["package", str(EDITION), "-o", str(out), "--ocfl", str(root)])
    assert first.exit_code == 0, first.output
    assert first.output.splitlines()[-1].startswith(f"ocfl {root}: {OBJECT} v1 added; ")
    again = runner.invoke(main, ["package", str(EDITION), "-o", str(out), "--ocfl", str(root)])
    assert again.output.splitlines()[-1].startswith(f"ocfl {root}: {OBJECT} unchanged, no version added (head v1); ")
    listed = runner.invoke(main, ["package", "--ocfl", str(root), "--show-versions"])
    assert listed.exit_code == 0
    assert listed.output.splitlines()[:2] == [OBJECT, "  v1  2026-12-02T00:00:00Z  Revision for signature "
                                              + listed.output.splitlines()[1].split("Revision for signature ", 1)[1]]
    extracted = runner.invoke(main, ["package", "--ocfl", str(root), "--extract", "v1", str(tmp_path / "v1")])
    assert (extracted.exit_code, extracted.output) == (0, f"{OBJECT} v1 written to {tmp_path / 'v1'}\n")
    assert files_of(tmp_path / "v1") == files_of(out / "deposit" / ID)
    usage = runner.invoke(main, ["package", "--show-versions"])
    assert (usage.exit_code, usage.output) == (2, "tei: error: --show-versions and --extract need --ocfl ROOT\n")


def test_a_folder_that_is_not_a_root_is_refused(tmp_path):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    with pytest.raises(ocfl_store.OutputError) as caught:
        ocfl_store.add_version(busy, tmp_path, OBJECT, None)
    assert caught.value.lines() == [f"{busy}:1:1: error: exists, is not empty and is not an OCFL storage root: "
                                    "name a new folder [ocfl-root]"]
    assert (busy / "notes.txt").read_text() == "mine"


WRITER = """
import sys
from pathlib import Path
from toolkit import ocfl_store
root, a, b, tei = map(Path, sys.argv[1:5])
identifier = ocfl_store.object_id("{id}")
from toolkit.xmlsafe import parse_file
metadata = ocfl_store.version_metadata(parse_file(tei).root, identifier)
while True:  # alternate two contents: every call writes a new version
    for source in (a, b):
        ocfl_store.add_version(root, source, identifier, metadata)
"""


@pytest.mark.slow
def test_a_killed_writer_leaves_the_root_valid(three_versions, tmp_path):
    _, _, _, _, base = three_versions
    a, b = base / "out0" / "deposit" / ID, base / "out1" / "deposit" / ID
    root, tei = tmp_path / "root", base / "tei0" / "tei" / f"{ID}.xml"
    ocfl_store.add_version(root, a, OBJECT, ocfl_store.version_metadata(parse_file(tei).root, OBJECT))
    script = WRITER.replace("{id}", ID)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    kills = 0
    for delay in (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9, 1.2):
        writer = subprocess.Popen([sys.executable, "-c", script, str(root), str(a), str(b), str(tei)],
                                  env=env, stderr=subprocess.PIPE)
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        kills += 1
        assert ocfl_store.problems(root) == [], f"after a kill at {delay} s"
    versions = ocfl_store.versions(root, OBJECT)
    assert kills == 10 and len(versions) > 10  # the writer wrote versions between kills
    assert not list(root.glob("**/*staging*"))  # staging happens beside the root, never in it
    (tmp_path / ".root.staging-left-by-a-kill" / "object").mkdir(parents=True)  # as a kill mid-write leaves
    ocfl_store.add_version(root, b, OBJECT, ocfl_store.version_metadata(parse_file(tei).root, OBJECT))
    assert not list(tmp_path.glob(".root.staging-*"))  # the next writer removes what killed runs left
    assert ocfl_store.problems(root) == []


def test_a_folder_that_is_not_a_root_cannot_be_listed(tmp_path, runner):
    result = runner.invoke(main, ["package", "--ocfl", str(tmp_path), "--show-versions"])
    assert (result.exit_code, result.output) == (1, f"{tmp_path}:1:1: error: not an OCFL storage root: it has no "
                                                    "root conformance declaration (0=ocfl_1.1) [ocfl-root]\n")
