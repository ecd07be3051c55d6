"""`tei init` (issue #27): a new edition project that validates, builds, packages and serves at
once, with nothing of this repository's edition in it."""

from __future__ import annotations

import re
import signal

import httpx
import pytest
from conftest import ROOT
from dtsclient import start_serve
from lxml import etree

from toolkit.cli import main
from toolkit.validate import validate_paths

TITLE, PUBLISHER = "Northshire Letters", "Northshire Record Office"


@pytest.fixture
def made(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["init", "letters", "--title", TITLE, "--publisher", PUBLISHER, "--language", "en",
                                  "--licence", "CC-BY-4.0"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("letters: a new edition project (16 files). Next: cd letters && tei build")
    project = tmp_path / "letters"
    monkeypatch.chdir(project)
    return project


def test_init_writes_a_complete_project(made):
    files = sorted(str(p.relative_to(made)) for p in made.rglob("*") if p.is_file())
    assert files == [".gitignore", "README.md", "assets/project.css", "oxygen/frameworks/project/css/tei-author.css",
                     "oxygen/frameworks/project/project.exf", "oxygen/frameworks/project/templates/tei-document.xml",
                     "oxygen/project.xpr", "schema/project.odd", "schema/project.rng", "schema/project.sch",
                     "tei.toml", "tei/sample.xml", "xslt-local/guide.xsl", "xslt-local/hooks.xsl",
                     "xslt-local/html.xsl", "xslt-local/index.xsl"]
    settings = (made / "tei.toml").read_text(encoding="utf-8")
    from toolkit.config import KEYS

    for key in KEYS:  # every setting is there, set or commented with what it does
        assert re.search(rf"^# {key}: ", settings, re.M), key
    everything = " ".join(p.read_text(encoding="utf-8") for p in made.rglob("*") if p.is_file())
    for foreign in ("Soviet", "Sourcebook", "1956", "Halsall", "Moscow", "treaty"):
        assert foreign not in everything, foreign


def test_the_new_project_validates_builds_and_packages_at_once(runner, made):
    assert runner.invoke(main, ["validate"]).exit_code == 0
    built = runner.invoke(main, ["build"])
    assert built.exit_code == 0, built.output
    page = (made / "output" / "html" / "sample.html").read_text(encoding="utf-8")
    assert TITLE in page and "<h1>Sample document</h1>" in page and "project.css" in page
    assert (made / "output" / "docs" / "encoding-guide.html").is_file()  # its ODD gives it a guide
    packaged = runner.invoke(main, ["package"])
    assert packaged.exit_code == 0, packaged.output
    assert runner.invoke(main, ["package", "--verify", "output/deposit/sample.zip"]).exit_code == 0


def test_init_refuses_to_overwrite_and_asks_for_what_it_needs(runner, made):
    again = runner.invoke(main, ["init", ".", "--title", "x", "--publisher", "y"])
    assert (again.exit_code, again.output) == (2, "tei: error: . is not empty: tei init never overwrites; choose a "
                                                  "new folder\n")
    missing = runner.invoke(main, ["init", "other", "--title", "x"])
    assert (missing.exit_code, missing.output) == (2, "tei: error: tei init needs the edition's publisher "
                                                      "(--publisher): the person or body responsible\n")


def test_init_asks_on_a_terminal(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("toolkit.cli.stdin_is_terminal", lambda: True)
    result = runner.invoke(main, ["init", "asked"], input=f"{TITLE}\n{PUBLISHER}\nde\nCC0-1.0\n")
    assert result.exit_code == 0, result.output
    sample = (tmp_path / "asked" / "tei" / "sample.xml").read_text(encoding="utf-8")
    assert 'xml:lang="de"' in sample and "publicdomain/zero/1.0" in sample and PUBLISHER in sample


def test_the_oxygen_files_are_this_projects(made):
    project = etree.parse(str(made / "oxygen" / "project.xpr"))
    associated = project.findtext(".//entry[String='scenario.associations']//field[@name='url']/String")
    assert associated == "../tei/sample.xml"
    params = {p.findtext(".//field[@name='localName']/String"): p.findtext("field[@name='value']/String")
              for p in project.iter("transformationParameter")}
    assert params["site-title"] == TITLE
    schemas = [u.findtext("field[@name='uri']/String") for u in project.iter("validationUnitSchema")]
    assert "${pdu}/../schema/project.rng" in schemas and "${pdu}/../schema/project.sch" in schemas
    assert "${frameworks}/tei/xml/tei/custom/schema/relaxng/tei_all.rng" in schemas
    extension = etree.parse(str(made / "oxygen" / "frameworks" / "project" / "project.exf"))
    assert extension.findtext("{http://www.oxygenxml.com/ns/framework/extend}name") == f"TEI P5 edition ({TITLE})"


def test_the_new_document_template_validates_once_filled(made):
    from test_oxygen import fill_template

    template = (made / "oxygen" / "frameworks" / "project" / "templates" / "tei-document.xml").read_text(
        encoding="utf-8")
    target = made / "tei" / "new-document.xml"
    target.write_text(fill_template(template), encoding="utf-8")
    report = validate_paths([target])
    assert [d.format() for d in report.diagnostics] == []


@pytest.mark.slow
def test_the_new_project_serves(made):
    process, url = start_serve(made)
    try:
        with httpx.Client(timeout=30) as client:
            assert client.get(f"{url}/html/sample.html").status_code == 200
            resource = client.get(f"{url}/api/dts/collection", params={"id": "sample"}).json()
            assert resource["title"] == "Sample document"
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(15)


def test_the_repository_is_not_what_init_reads(made):
    assert not (made / "schema" / "edition.rng").exists() and made != ROOT
