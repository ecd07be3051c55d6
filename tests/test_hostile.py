"""Hostile and broken input, for every command: exit 1 (2 for usage errors), one clear
``file:line:col: severity:`` line per problem, no traceback, nothing written, quickly."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path

import pytest
from conftest import EDITION, FIXTURES, ROOT

from toolkit.cli import main

BAD = FIXTURES / "bad"
GNU = re.compile(r"^.+:\d+:\d+: (error|warning): .+ \[[\w-]+\]$")
SUMMARY = re.compile(r"^(\d+ files?, \d+ invalid, \d+ errors?, \d+ warnings?|tei: error: .+)$")
COMMANDS = [("validate",), ("render", "html"), ("render", "text"), ("render", "index"), ("build",), ("package",)]
PASSWD_LINE = Path("/etc/passwd").read_text().splitlines()[0] if Path("/etc/passwd").is_file() else "root:x:0:0"


def run(runner, command, path: Path, out: Path):
    args = [*command, str(path)]
    if command[0] != "validate":
        args += ["-o", str(out)]
    started = time.perf_counter()
    result = runner.invoke(main, args)
    return result, time.perf_counter() - started


def written(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.is_file()] if out.exists() else []


def assert_clean_failure(result, seconds, out):
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    assert lines and all(GNU.match(line) or SUMMARY.match(line) for line in lines), result.output
    assert any(" error: " in line for line in lines)
    assert written(out) == []
    assert seconds < 10


ATTACKS = ["external-entity-file.xml", "external-entity-http.xml", "external-parameter-entity.xml",
           "external-dtd.xml", "billion-laughs.xml", "malformed.xml", "non-tei-root.xml",
           "wrong-encoding-declaration.xml"]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("name", ATTACKS)
def test_bad_input_fails_cleanly_in_every_command(runner, tmp_path, command, name):
    result, seconds = run(runner, command, BAD / name, tmp_path / "out")
    assert_clean_failure(result, seconds, tmp_path / "out")
    assert PASSWD_LINE not in result.output


def generated_cases(tmp: Path) -> dict[str, Path]:
    cases = {}
    cases["empty"] = tmp / "empty.xml"
    cases["empty"].write_bytes(b"")
    cases["binary"] = tmp / "binary.xml"
    cases["binary"].write_bytes(bytes(range(256)) * 16)
    cases["invalid-utf8"] = tmp / "invalid-utf8.xml"
    cases["invalid-utf8"].write_bytes(EDITION.read_bytes().replace(b"Imre Nagy", b"Imre N\xe1gy", 1))
    cases["deep"] = tmp / "deep.xml"
    cases["deep"].write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">' + "<div>" * 100_000 + "</div>" * 100_000 + "</TEI>")
    big = "x" * 50_000
    cases["quadratic"] = tmp / "quadratic-blowup.xml"
    cases["quadratic"].write_text(f'<?xml version="1.0"?>\n<!DOCTYPE TEI [<!ENTITY a "{big}">]>\n'
                                  f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>{"&a;" * 2000}</p></body></text></TEI>')
    return cases


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("case", ["empty", "binary", "invalid-utf8", "deep", "quadratic"])
def test_broken_files_fail_cleanly_in_every_command(runner, tmp_path, command, case):
    path = generated_cases(tmp_path)[case]
    result, seconds = run(runner, command, path, tmp_path / "out")
    assert_clean_failure(result, seconds, tmp_path / "out")


@pytest.mark.parametrize("command", [("validate",), ("build",), ("package",)], ids=" ".join)
@pytest.mark.parametrize("fixture", ["tei-valid-outside-project-schema.xml", "xinclude-outside.xml"])
def test_documents_outside_the_project_schema_are_refused(runner, tmp_path, command, fixture):
    result, seconds = run(runner, command, BAD / fixture, tmp_path / "out")
    assert_clean_failure(result, seconds, tmp_path / "out")
    assert "[relaxng]" in result.output


@pytest.mark.parametrize("fixture", ["ptr-ref--missing-register-entry.xml", "id-unique--duplicate-xml-id.xml"])
@pytest.mark.parametrize("command", [("validate",), ("build",), ("package",)], ids=" ".join)
def test_broken_references_and_duplicate_ids_are_refused(runner, tmp_path, command, fixture):
    result, seconds = run(runner, command, FIXTURES / "schematron" / fixture, tmp_path / "out")
    assert_clean_failure(result, seconds, tmp_path / "out")


def test_valid_tei_outside_the_project_schema_still_renders(runner, tmp_path):
    result, _ = run(runner, ("render", "html"), BAD / "tei-valid-outside-project-schema.xml", tmp_path / "out")
    assert result.exit_code == 0
    assert (tmp_path / "out" / "html" / "tei-valid-outside-project-schema.html").is_file()


@pytest.mark.slow
@pytest.mark.parametrize("command", COMMANDS[1:4], ids=" ".join)
def test_crafted_uris_are_never_dereferenced(runner, tmp_path, command, listener):
    """No stylesheet reads a file or a URL named in the document (allowedProtocols is empty)."""
    doc = tmp_path / "crafted.xml"
    doc.write_text((BAD / "crafted-uri-attributes.xml").read_text().replace("127.0.0.1:9", f"127.0.0.1:{listener.port}"))
    xinclude = tmp_path / "xinclude.xml"
    shutil.copy(BAD / "xinclude-outside.xml", xinclude)
    out = tmp_path / "out"
    result = runner.invoke(main, [*command, str(doc), str(xinclude), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert listener.connections() == []
    hostname = Path("/etc/hostname").read_bytes().strip() if Path("/etc/hostname").is_file() else b"\0"
    for path in written(out):
        assert PASSWD_LINE.encode() not in path.read_bytes(), path
        if len(hostname) >= 8:  # too short a name would match by chance
            assert hostname not in path.read_bytes(), path
    if command == ("render", "text"):  # the xi:include left no trace but its absence
        assert b"\nBefore after.\n" in (out / "text" / "xinclude.txt").read_bytes()


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_missing_path_is_a_usage_error(runner, tmp_path, command):
    result, _ = run(runner, command, tmp_path / "missing.xml", tmp_path / "out")
    assert result.exit_code == 2
    assert "does not exist" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("option", ["--schema", "--schematron", "--tei-all"])
def test_directory_where_a_file_is_expected_is_a_usage_error(runner, tmp_path, option):
    result = runner.invoke(main, ["validate", option, str(tmp_path), str(EDITION)])
    assert result.exit_code == 2
    assert "is a directory" in result.output


def test_verify_of_a_folder_that_is_not_a_bag(runner, tmp_path):
    result = runner.invoke(main, ["package", "--verify", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(f"{tmp_path}/bagit.txt:1:1: error: not a valid bag")


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_unreadable_file(runner, tmp_path, monkeypatch, command):
    locked = tmp_path / "locked.xml"
    shutil.copy(EDITION, locked)
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.xml":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)  # root reads anything: simulate the OS error
    result, seconds = run(runner, command, locked, tmp_path / "out")
    assert_clean_failure(result, seconds, tmp_path / "out")
    assert f"{locked}:1:1: error: the file cannot be read: permission denied [readable]" in result.output


@pytest.mark.parametrize("command", COMMANDS[:5], ids=" ".join)
def test_names_with_spaces_and_non_ascii_work(runner, tmp_path, command):
    folder = tmp_path / "tei"
    folder.mkdir()
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    doc = folder / "Déclaration soviétique 1956.xml"
    shutil.copy(EDITION, doc)
    result, _ = run(runner, command, doc, tmp_path / "out")
    assert result.exit_code == 0, result.output
    if command[0] != "validate":
        assert written(tmp_path / "out")
    if command == ("render", "index"):
        index = (tmp_path / "out" / "index" / "citation-index.html").read_text(encoding="utf-8")
        assert "../html/D%C3%A9claration%20sovi%C3%A9tique%201956.html#par-1" in index


def test_package_refuses_a_non_ascii_edition_file_name(runner, tmp_path):
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    (tmp_path / "tei").mkdir()
    doc = tmp_path / "tei" / "Déclaration.xml"
    shutil.copy(EDITION, doc)
    result, _ = run(runner, ("package",), doc, tmp_path / "out")
    assert result.exit_code == 1
    assert "deposit packages use ASCII names only [package]" in result.output
