"""Outputs follow sources (issue 27): a deleted source's outputs go at the next successful
build, recorded in <output>/.cache/sources.json (toolkit/manifest.py); a source that exists
but was not named keeps its outputs; a failed run removes nothing."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT
from test_config import LETTER

from toolkit.build import build
from toolkit.cli import main
from toolkit.manifest import MANIFEST, plan_removal


@pytest.fixture
def letters(tmp_path, monkeypatch):
    """A project of two letters (tei/letter-1.xml, tei/letter-2.xml) as working directory."""
    (tmp_path / "tei").mkdir()
    for n, title in ((1, "A letter to a friend"), (2, "A second letter")):
        (tmp_path / "tei" / f"letter-{n}.xml").write_text(LETTER.replace("A letter to a friend", title), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def tei(runner, *args):
    result = runner.invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_a_deleted_sources_outputs_go_at_the_next_build(runner, letters):
    tei(runner, "build", "-j", "1")
    out = letters / "output"
    assert {p.name for p in (out / "html").glob("*.html")} == {"letter-1.html", "letter-2.html"}
    assert "A second letter" in (out / "index" / "citation-index.json").read_text(encoding="utf-8")
    (letters / "tei" / "letter-2.xml").unlink()
    summary = tei(runner, "build", "-j", "1").splitlines()[-1]
    assert ", 4 removed; " in summary  # its page, its text, its TEI copy and its published IDs
    assert {p.name for p in (out / "html").glob("*.html")} == {"letter-1.html"}
    assert sorted(p.name for p in (out / "text").iterdir()) == ["letter-1.txt"]
    index = json.loads((out / "index" / "citation-index.json").read_text(encoding="utf-8"))
    assert [d["title"] for d in index["documents"]] == ["A letter to a friend"]
    assert "A second letter" not in (out / "index" / "citation-index.html").read_text(encoding="utf-8")
    record = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert record["sources"] == {"../tei/letter-1.xml": ["html/letter-1.html", "ids/letter-1.json", "tei/letter-1.xml",
                                                         "text/letter-1.txt"]}
    assert "removed" not in tei(runner, "build", "-j", "1")  # nothing more to remove


def test_a_source_not_named_in_the_run_keeps_its_outputs(runner, letters):
    tei(runner, "build", "-j", "1")
    output = tei(runner, "build", "-j", "1", "tei/letter-1.xml")
    assert "removed" not in output
    assert (letters / "output" / "html" / "letter-2.html").is_file()
    (letters / "tei" / "letter-2.xml").unlink()
    tei(runner, "render", "text", "tei/letter-1.xml")  # tei render follows the sources too
    assert not (letters / "output" / "html" / "letter-2.html").exists()


def test_a_failed_run_removes_nothing(runner, letters):
    tei(runner, "build", "-j", "1")
    (letters / "tei" / "letter-2.xml").unlink()
    broken = letters / "tei" / "letter-1.xml"
    good = broken.read_text(encoding="utf-8")
    broken.write_text(good.replace("</TEI>", ""), encoding="utf-8")  # not well-formed: the run fails
    result = runner.invoke(main, ["build", "-j", "1"])
    assert result.exit_code == 1
    assert (letters / "output" / "html" / "letter-2.html").is_file()
    broken.write_text(good, encoding="utf-8")
    assert "4 removed" in tei(runner, "build", "-j", "1")
    assert not (letters / "output" / "html" / "letter-2.html").exists()


def test_a_file_another_source_also_produced_stays(letters):
    """Two sources in different folders with one stem write the same files: deleting one keeps them."""
    (letters / "other").mkdir()
    (letters / "other" / "letter-2.xml").write_text((letters / "tei" / "letter-2.xml").read_text(encoding="utf-8"),
                                                    encoding="utf-8")
    out = letters / "output"
    build([letters / "tei" / "letter-1.xml", letters / "tei" / "letter-2.xml"], out)
    build([letters / "other" / "letter-2.xml"], out)
    (letters / "tei" / "letter-2.xml").unlink()
    result = build([letters / "tei" / "letter-1.xml"], out)
    assert result.render.removed == [] and (out / "html" / "letter-2.html").is_file()


def test_the_record_never_removes_outside_the_outputs(tmp_path):
    recorded = {"../gone.xml": {"html/gone.html", "../outside.txt", "/etc/passwd", ".cache/x.json"},
                "../kept.xml": {"html/kept.html"}}
    (tmp_path / "kept.xml").write_text("<x/>", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    removal, record = plan_removal(out, recorded, {})
    assert removal == ["html/gone.html"] and record == {"../kept.xml": {"html/kept.html"}}


def test_this_repositorys_build_records_its_edition(built):
    record = json.loads((built / MANIFEST).read_text(encoding="utf-8"))
    [(source, files)] = record["sources"].items()
    assert (built / source).resolve() == (ROOT / "tei" / "soviet-declaration-1956-10-30.xml")
    assert files == ["html/soviet-declaration-1956-10-30.html", "ids/soviet-declaration-1956-10-30.json",
                     "tei/soviet-declaration-1956-10-30.xml", "text/soviet-declaration-1956-10-30.txt"]
