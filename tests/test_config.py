"""An edition project's own settings (tei.toml), stylesheet parameters, overrides and hooks
(issue 14), tested on this repository and on a second, minimal project made in a
temporary folder."""

from __future__ import annotations

import re

import pytest
from conftest import EDITION, ROOT

from toolkit.cli import main
from toolkit.config import KEYS, load

LETTER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc>
    <titleStmt><title>A letter to a friend</title></titleStmt>
    <publicationStmt><publisher>The Letters Archive</publisher></publicationStmt>
    <sourceDesc><p>The original letter.</p></sourceDesc>
  </fileDesc></teiHeader>
  <text><body><div type="letter" n="1"><head>First letter</head><p>Dear friend, the garden is in bloom.</p></div></body></text>
</TEI>
"""
FOOTER_OVERRIDE = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:ed="urn:x-tei-edition-toolkit" exclude-result-prefixes="ed">
  <xsl:import href="tei-toolkit:html.xsl"/>
  <xsl:template name="ed:hook-footer">
    <p class="funder">Funded by the Garden Trust.</p>
  </xsl:template>
</xsl:stylesheet>
"""


@pytest.fixture
def second_project(tmp_path, monkeypatch):
    """A minimal edition project of its own: tei/, tei.toml and a one-template override."""
    project = tmp_path / "letters"
    (project / "tei").mkdir(parents=True)
    (project / "tei" / "letter-1.xml").write_text(LETTER, encoding="utf-8")
    (project / "xslt-local").mkdir()
    (project / "xslt-local" / "html.xsl").write_text(FOOTER_OVERRIDE, encoding="utf-8")
    (project / "tei.toml").write_text('output = "site"\nstylesheets = "xslt-local"\njobs = 1\n\n[params]\n'
                                      'site-title = "Letters of the Garden"\n', encoding="utf-8")
    monkeypatch.chdir(project)
    return project


def test_a_second_project_builds_from_its_own_settings_and_override(runner, second_project):
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    page = (second_project / "site" / "html" / "letter-1.html").read_text(encoding="utf-8")
    # the project's name (params) above the document's own title (its header), never in its place
    assert '<span class="site-title">Letters of the Garden</span>' in page
    assert "<h1>A letter to a friend</h1>" in page and "<title>A letter to a friend — Letters of the Garden</title>" in page
    assert '<p class="funder">Funded by the Garden Trust.</p>' in page  # its own override of a hook
    assert "The Letters Archive" in page
    # nothing of this repository's edition, schema or settings leaks into it
    everything = " ".join(p.read_text(encoding="utf-8") for p in (second_project / "site").rglob("*.*")
                          if p.suffix in (".html", ".txt", ".json") and ".cache" not in p.parts)
    for foreign in ("Soviet", "Sourcebook", "edition.rng", "Halsall"):
        assert foreign not in everything, foreign
    assert not (second_project / "site" / "docs").exists()  # no ODD: no encoding guide
    assert not (second_project / "output").exists()
    assert "[no-schema]" in result.output  # its file is its own, but the project has no schema


def test_tei_config_shows_each_setting_and_where_it_came_from(runner, second_project):
    result = runner.invoke(main, ["config"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "# tei.toml"
    assert "output = 'site'  (tei.toml:1)" in lines
    assert "base-url = ''  (default)" in lines
    assert "params.site-title = 'Letters of the Garden'  (tei.toml:6)" in lines
    assert any(line.startswith("toolkit stylesheets (tei-toolkit:) = ") for line in lines)


def test_command_line_options_override_the_file(runner, second_project):
    result = runner.invoke(main, ["build", "-o", "elsewhere", "--param", "site-title=From the command line"])
    assert result.exit_code == 0, result.output
    page = (second_project / "elsewhere" / "html" / "letter-1.html").read_text(encoding="utf-8")
    assert '<span class="site-title">From the command line</span>' in page and "<h1>A letter to a friend</h1>" in page
    assert not (second_project / "site").exists()


@pytest.mark.parametrize(("toml", "message"), [
    ('output = "site"\ncolour = "red"\n', "tei.toml:2: error: unknown key 'colour'; known keys: " + ", ".join(KEYS)),
    ('jobs = "two"\n', "tei.toml:1: error: jobs must be a int (worker processes for tei build), not str"),
    ('sources = "tei"\n', "tei.toml:1: error: sources must be a list (folders or files of the project's own TEI), not str"),
    ('[params]\nsite-title = [1]\n', "tei.toml:2: error: params.site-title must be a string, a number or a boolean"),
    ('[params]\ntitle = "Letters"\n', "tei.toml:2: error: the parameter 'title' is gone: each document's title comes "
                                        "from its teiHeader; the project's name is site-title"),
    ('[params]\ntext-width = "wide"\n', "tei.toml:2: error: parameter 'text-width' must be xs:integer (a whole number), not 'wide'"),
    ('output = \n', "tei.toml:1: error: not valid TOML: "),
])
def test_a_broken_configuration_is_a_usage_error_at_its_line(runner, tmp_path, monkeypatch, toml, message):
    (tmp_path / "tei.toml").write_text(toml, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["config"])
    assert result.exit_code == 2
    assert result.output.startswith(message), result.output


def test_an_unknown_parameter_lists_the_known_ones(runner, tmp_path):
    result = runner.invoke(main, ["render", "html", str(EDITION), "-o", str(tmp_path), "--param", "colour=red"])
    assert result.exit_code == 2
    assert result.output.startswith("tei: error: unknown stylesheet parameter 'colour'; known parameters: contents-group, css-href,")
    assert "headnote-by-label" in result.output and "site-title" in result.output


def test_render_stylesheet_option_overrides_one_output(runner, tmp_path):
    override = tmp_path / "text-override.xsl"
    override.write_text('<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
                        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:ed="urn:x-tei-edition-toolkit">'
                        '<xsl:import href="tei-toolkit:text.xsl"/>'
                        '<xsl:template name="ed:hook-text-header" as="xs:string*">'
                        '<xsl:sequence select="\'Printed for the reading room.\'"/></xsl:template>'
                        '</xsl:stylesheet>', encoding="utf-8")
    result = runner.invoke(main, ["render", "text", str(EDITION), "-o", str(tmp_path / "out"), "--stylesheet",
                                  str(override)])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "text" / f"{EDITION.stem}.txt").read_text(encoding="utf-8")
    assert "Printed for the reading room." in text.split("\n\n[Headnote]")[0]


def test_this_repositorys_settings_live_in_its_tei_toml(runner, tmp_path):
    config = load(ROOT / "tei.toml")
    assert config.get("rng").endswith("schema/edition.rng") and config.params()["document-label"]
    assert 'aria-label="The declaration"' in (ROOT / "tests" / "golden" / f"{EDITION.stem}.html").read_text(
        encoding="utf-8")


def test_no_edition_specific_wording_in_the_stylesheets():
    """Every string specific to this edition is a parameter (tei.toml) or comes from the header."""
    for path in sorted((ROOT / "xslt").rglob("*.xsl")):
        text = path.read_text(encoding="utf-8")
        code = re.sub(r"<xd:doc>.*?</xd:doc>|<!--.*?-->", "", text, flags=re.S)
        for word in ("Sourcebook", "Soviet", "Halsall", "sourcebook-editor", "declaration"):
            assert word not in code.replace("xml-declaration", "").replace("omit-xml-", ""), (path.name, word)
