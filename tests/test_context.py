"""One explicit build context (issue #24): everything a renderer reads is in the cache key,
parameters are typed as the stylesheets declare them, and the context reaches every worker
whatever the process start method."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EDITION, ROOT

from toolkit.build import build
from toolkit.cli import main
from toolkit.context import BuildContext, param_specs
from toolkit.corpus import write_corpus
from toolkit.errors import UsageError
from toolkit.resources import resource_dir
from toolkit.server import editor_preview

STEM = EDITION.stem
OVERRIDE = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:ed="urn:x-tei-edition-toolkit" exclude-result-prefixes="ed">
  <xsl:import href="tei-toolkit:html.xsl"/>
  <xsl:template name="ed:hook-footer"><p class="funder">{words}</p></xsl:template>
</xsl:stylesheet>
"""


@pytest.fixture
def own(tmp_path, monkeypatch) -> Path:
    """A copy of this project (tei/, schema/, tei.toml) as working directory."""
    for name in ("tei", "schema"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "tei.toml", tmp_path / "tei.toml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def page(project: Path) -> str:
    return (project / "output" / "html" / f"{STEM}.html").read_text(encoding="utf-8")


def cli(runner, *args: str) -> str:
    result = runner.invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


# ---- stale pages: the cache key covers every input, tested on the real key ----------------------------

def test_a_changed_parameter_in_tei_toml_is_never_served_from_the_cache(runner, own):
    cli(runner, "build")
    assert 'aria-label="The declaration"' in page(own)
    toml = own / "tei.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('"The declaration"', '"The statement"'), encoding="utf-8")
    output = cli(runner, "build")
    assert "from the cache" not in output
    assert 'aria-label="The statement"' in page(own)


def test_an_override_stylesheet_added_then_edited_rebuilds_the_pages(runner, own):
    cli(runner, "build")
    (own / "xslt-local").mkdir()
    (own / "xslt-local" / "html.xsl").write_text(OVERRIDE.format(words="Funded by the Trust."), encoding="utf-8")
    text = (own / "tei.toml").read_text(encoding="utf-8")
    (own / "tei.toml").write_text('stylesheets = "xslt-local"\n' + text, encoding="utf-8")
    cli(runner, "build")
    assert "Funded by the Trust." in page(own)
    (own / "xslt-local" / "html.xsl").write_text(OVERRIDE.format(words="Funded by the Foundation."), encoding="utf-8")
    cli(runner, "build")
    assert "Funded by the Foundation." in page(own) and "the Trust" not in page(own)


def test_a_command_line_parameter_and_no_cache_leave_no_stale_page_behind(runner, own):
    cli(runner, "build")
    cli(runner, "build", "--param", "document-label=A statement")
    assert 'aria-label="A statement"' in page(own)
    assert "from the cache" in cli(runner, "build", "--param", "document-label=A statement")
    cli(runner, "build", "--no-cache", "--param", "document-label=Once")
    output = cli(runner, "build")  # the plain build puts the settings' page back, not a stale one
    assert 'aria-label="The declaration"' in page(own) and "Once" not in page(own)
    assert "from the cache" in output  # that page was cached under the settings' own key


def test_render_then_build_agree(runner, own):
    cli(runner, "build")
    cli(runner, "render", "html", "--param", "document-label=Rendered")
    assert 'aria-label="Rendered"' in page(own)
    cli(runner, "build")  # the settings' page, not the rendered one, and not a stale cached one
    assert 'aria-label="The declaration"' in page(own)


@pytest.mark.parametrize("change", ["source", "toml-param", "param", "override", "toolkit-stylesheet", "schema",
                                    "asset"])
def test_each_input_kind_invalidates_the_cache(own, tmp_path, change):
    """The real key (no monkeypatching): each kind of input, changed alone, re-renders."""
    corpus = [own / "tei" / EDITION.name]
    (own / "assets").mkdir()
    (own / "assets" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    (own / "tei.toml").write_text('assets = "assets"\nlogo = "logo.svg"\n' + (own / "tei.toml").read_text(encoding="utf-8"),
                                  encoding="utf-8")
    xslt = tmp_path / "toolkit-xslt"
    shutil.copytree(resource_dir("xslt"), xslt)
    overrides = tmp_path / "over"
    overrides.mkdir()
    (overrides / "html.xsl").write_text(OVERRIDE.format(words="One."), encoding="utf-8")

    def context(**params) -> BuildContext:
        return BuildContext.load(own / "tei.toml", params=params, stylesheets={"html.xsl": overrides / "html.xsl"},
                                 toolkit_xslt=xslt)

    out = own / "output"
    assert build(corpus, out, context=context()).cached == 0
    assert build(corpus, out, context=context()).cached == 1
    params = {}
    if change == "source":
        corpus[0].write_text(corpus[0].read_text(encoding="utf-8").replace("After <persName", "Then. After <persName",
                                                                           1), encoding="utf-8")
    elif change == "toml-param":
        (own / "tei.toml").write_text((own / "tei.toml").read_text(encoding="utf-8").replace(
            '"The declaration"', '"The text"'), encoding="utf-8")
    elif change == "param":
        params = {"text-width": 60}
    elif change == "override":
        (overrides / "html.xsl").write_text(OVERRIDE.format(words="Two."), encoding="utf-8")
    elif change == "toolkit-stylesheet":
        hooks = xslt / "common" / "hooks.xsl"
        hooks.write_text(hooks.read_text(encoding="utf-8").replace("</xsl:stylesheet>", "<!-- edited -->\n</xsl:stylesheet>"),
                         encoding="utf-8")
    elif change == "schema":
        rules = own / "schema" / "edition.sch"
        rules.write_text(rules.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    elif change == "asset":
        (own / "assets" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1"/>', encoding="utf-8")
    assert build(corpus, out, context=context(**params)).cached == 0, change


def test_the_engine_compiles_the_contexts_own_toolkit_stylesheets(tmp_path):
    """A context names the stylesheets it was made from, and its engine runs exactly those."""
    xslt = tmp_path / "xslt"
    shutil.copytree(resource_dir("xslt"), xslt)
    hooks = xslt / "common" / "hooks.xsl"
    hooks.write_text(hooks.read_text(encoding="utf-8").replace(
        '<xsl:template name="ed:hook-footer"/>', '<xsl:template name="ed:hook-footer"><p>From the copy.</p></xsl:template>'),
        encoding="utf-8")
    build([EDITION], tmp_path / "out", context=BuildContext.create(toolkit_xslt=xslt))
    assert "From the copy." in (tmp_path / "out" / "html" / f"{STEM}.html").read_text(encoding="utf-8")
    build([EDITION], tmp_path / "plain", context=BuildContext.create())
    assert "From the copy." not in (tmp_path / "plain" / "html" / f"{STEM}.html").read_text(encoding="utf-8")


# ---- typed parameters ---------------------------------------------------------------------------------

def test_text_width_from_the_command_line_and_from_tei_toml(runner, own):
    cli(runner, "build", "--param", "text-width=40")
    narrow = (own / "output" / "text" / f"{STEM}.txt").read_text(encoding="utf-8")
    (own / "tei.toml").write_text((own / "tei.toml").read_text(encoding="utf-8").replace("[params]", "[params]\ntext-width = 50"),
                                  encoding="utf-8")
    cli(runner, "build")
    middle = (own / "output" / "text" / f"{STEM}.txt").read_text(encoding="utf-8")
    lines = [max(len(line) for line in text.splitlines() if " " in line and "://" not in line) for text in (narrow, middle)]
    assert lines[0] <= 41 < lines[1] <= 51  # wrapped at the width (a word is never split)


@pytest.mark.parametrize(("args", "toml", "message"), [
    (["--param", "text-width=forty"], "", "tei: error: parameter 'text-width' must be xs:integer (a whole number), not 'forty'"),
    ([], "text-width = \"wide\"", "tei.toml:LINE: error: parameter 'text-width' must be xs:integer (a whole number), not 'wide'"),
    ([], "text-width = 4.5", "tei.toml:LINE: error: parameter 'text-width' must be xs:integer (a whole number), not 4.5"),
    ([], "site-title = true", "tei.toml:LINE: error: parameter 'site-title' must be xs:string (a string), not True"),
    (["--param", "format=json"], "", "tei: error: unknown stylesheet parameter 'format'; known parameters: contents-group, css-href,"),
    (["--param", "section=x"], "", "tei: error: unknown stylesheet parameter 'section'; known parameters: contents-group, css-href,"),
])
def test_a_bad_parameter_is_one_usage_error_naming_it_and_its_type(runner, own, args, toml, message):
    if toml:
        text = (own / "tei.toml").read_text(encoding="utf-8").replace("[params]\n", f"[params]\n{toml}\n")
        (own / "tei.toml").write_text(text, encoding="utf-8")
        message = message.replace("LINE", str(text.splitlines().index(toml) + 1))  # the line the message names
    result = runner.invoke(main, ["build", *args])
    assert result.exit_code == 2
    assert result.output.startswith(message), result.output
    assert len(result.output.splitlines()) == 1 and "Traceback" not in result.output


def valid_value(kind: str, name: str):
    return {"integer": 30, "boolean": True, "decimal": "1.5", "double": 2.0}.get(kind, f"value of {name}")


def test_every_documented_parameter_can_be_set(tmp_path):
    """Each parameter `tei config` lists is set, with a value of its declared type, and the
    build succeeds (string parameters that are links keep working values)."""
    specs = {n: s for n, s in param_specs().items() if not s.internal}
    assert {"text-width", "snippet-context", "site-title", "site-description", "publisher", "lang", "headnote-by-label"} <= set(specs)
    links = {"index-href": "../index/citation-index.html",
             "edition-dir-href": "../html/", "css-href": "edition.css", "js-href": "edition.js", "lang": "en",
             "edition-href": "../html/", "work-schema-type": "Book"}
    params = {n: links.get(n, valid_value(s.xs_type, n)) for n, s in specs.items()}
    context = BuildContext.create(params=params)
    assert {p.name for p in context.params} == set(specs)
    result = build([EDITION], tmp_path / "out", context=context)
    assert result.ok
    text = (tmp_path / "out" / "text" / f"{STEM}.txt").read_text(encoding="utf-8")
    assert max(len(line) for line in text.splitlines() if " " in line and "://" not in line) <= 31
    assert "value of site-title" in (tmp_path / "out" / "html" / f"{STEM}.html").read_text(encoding="utf-8")


def test_tei_config_lists_the_parameters_with_their_types_and_no_internal_one(runner, own):
    output = cli(runner, "config")
    listed = output.split("stylesheet parameters: ", 1)[1].splitlines()[0].split(", ")
    for internal in ("format", "section", "offset", "citation-slot", "documents", "doc-stem"):
        assert internal not in listed
    assert ("  text-width (xs:integer, default 72): Plain-text line width. Lines break only at spaces, so no word is "
            "ever split.") in output.splitlines()
    assert "output kinds: html, text, tei, ids, index, data, guide, releases, assets, dts (on request)" in output


def test_an_override_of_no_entry_stylesheet_is_refused(tmp_path):
    with pytest.raises(UsageError, match="no toolkit stylesheet nothing.xsl to override"):
        BuildContext.create(stylesheets={"nothing.xsl": tmp_path / "x.xsl"})


# ---- the context reaches every worker, whatever the start method ---------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("method", ["fork", "spawn", "forkserver"])
def test_build_j2_under_each_start_method_applies_tei_toml_everywhere(tmp_path, method):
    project = tmp_path / "project"
    write_corpus(project / "tei", 4, seed=11)
    (project / "tei.toml").write_text('[params]\npublisher = "Matrix Press"\n', encoding="utf-8")
    script = ("import multiprocessing, sys\n"
              f"multiprocessing.set_start_method({method!r}, force=True)\n"
              "from toolkit.cli import main\n"
              "sys.argv = ['tei', 'build', '-j', '2', '--no-cache']\n"
              "main()\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode in (0, 1), done.stderr  # generated documents have no schema: warnings only
    assert "Traceback" not in done.stderr and "BrokenProcessPool" not in done.stderr, done.stderr
    pages = sorted((project / "output" / "html").glob("*.html"))
    assert len(pages) == 4
    for page_file in pages:
        assert '<p class="publisher">Matrix Press</p>' in page_file.read_text(encoding="utf-8"), page_file.name


# ---- tei serve: a saved tei.toml or override stylesheet rebuilds --------------------------------------

def test_the_preview_rebuilds_with_a_saved_tei_toml_and_override(own):
    (own / "xslt-local").mkdir()
    (own / "xslt-local" / "html.xsl").write_text(OVERRIDE.format(words="First."), encoding="utf-8")
    toml = own / "tei.toml"
    toml.write_text('stylesheets = "xslt-local"\n' + toml.read_text(encoding="utf-8"), encoding="utf-8")
    preview = editor_preview([], own / "output", lambda: BuildContext.load(toml), report=lambda line: None)
    assert toml in preview.watch and own / "xslt-local" in preview.watch
    assert preview.rebuild() == []
    assert "First." in page(own) and 'aria-label="The declaration"' in page(own)
    toml.write_text(toml.read_text(encoding="utf-8").replace('"The declaration"', '"The statement"'), encoding="utf-8")
    assert preview.rebuild() == []
    assert 'aria-label="The statement"' in page(own)
    (own / "xslt-local" / "html.xsl").write_text(OVERRIDE.format(words="Second."), encoding="utf-8")
    assert preview.rebuild() == []
    assert "Second." in page(own) and "First." not in page(own)
    toml.write_text(toml.read_text(encoding="utf-8").replace("[params]", "[params]\ntext-width = \"wide\""),
                    encoding="utf-8")
    problems = preview.rebuild()
    assert len(problems) == 1 and "parameter 'text-width' must be xs:integer" in problems[0]
