"""Branding (issue 27): the project's name (site-title, site-description) apart from each
document's title, which always comes from its header; and the project's own assets (tei.toml
assets, css, js, logo, favicon), copied once to <output>/assets/, linked by every page the
toolkit writes and in the build cache's key. Tested on README's worked example,
docs/examples/branding/, built by the `branded` fixture (tests/conftest.py)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import BRANDING, EDITION, ROOT, build_branded
from lxml import etree

from toolkit.build import build
from toolkit.cli import main
from toolkit.context import BuildContext
from toolkit.server import editor_preview

PAGES = {"edition": f"html/{EDITION.stem}.html", "index": "index/citation-index.html", "guide": "docs/encoding-guide.html"}
SITE = "An Example Archive"


def head_and_body(path: Path) -> etree._Element:
    return etree.parse(str(path), etree.HTMLParser(recover=False, no_network=True)).getroot()


def test_the_readme_shows_the_example_as_it_is():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert (BRANDING / "tei.toml").read_text(encoding="utf-8") in readme
    for name in ("site.css", "site.js", "logo.svg", "favicon.svg"):
        assert (BRANDING / "assets" / name).is_file() and name in readme


def test_the_assets_are_copied_once_beside_the_pages(branded):
    copied = sorted(p.relative_to(branded).as_posix() for p in (branded / "assets").rglob("*") if p.is_file())
    assert copied == ["assets/favicon.svg", "assets/logo.svg", "assets/site.css", "assets/site.js"]
    for name in copied:
        assert (branded / name).read_bytes() == (BRANDING / name).read_bytes()


@pytest.mark.parametrize("which", sorted(PAGES))
def test_every_page_links_the_projects_css_js_favicon_and_logo(branded, which):
    page = branded / PAGES[which]
    root = head_and_body(page)
    styles = [link.get("href") for link in root.iterfind("head/link[@rel='stylesheet']")]
    assert styles == ["edition.css", "../assets/site.css"]  # the project's after the toolkit's
    assert [link.get("href") for link in root.iterfind("head/link[@rel='icon']")] == ["../assets/favicon.svg"]
    scripts = [s.get("src") for s in root.iterfind("head/script[@src]")]
    assert scripts[-1] == "../assets/site.js" and scripts[:-1] in ([], ["edition.js"])
    logo = root.find(".//header//p[@class='site-name']//img[@class='site-logo']")
    assert logo is not None and logo.get("src") == "../assets/logo.svg" and logo.get("alt") == ""
    assert root.findtext(".//header//p[@class='site-name']//span[@class='site-title']") == SITE
    for href in (*styles, *scripts, logo.get("src")):
        assert (page.parent / href).resolve().is_file(), href  # every URL is relative to its page
    assert root.findtext("head/title").endswith(f" — {SITE}")
    assert root.findtext(".//footer//p[@class='site-description']") == "Sources edited in TEI by an example archive."


def test_the_documents_title_comes_from_its_header_not_from_the_site(branded):
    root = head_and_body(branded / PAGES["edition"])
    title = " ".join(etree.parse(str(EDITION)).findtext(
        ".//{http://www.tei-c.org/ns/1.0}titleStmt/{http://www.tei-c.org/ns/1.0}title[@type='main']").split())
    assert root.findtext(".//header//h1") == title
    assert root.findtext("head/title") == f"{title} — {SITE}"
    assert root.find("head/meta[@name='DC.title']").get("content") == title


def test_a_changed_asset_rerenders_and_is_copied_again(tmp_path):
    out = build_branded(tmp_path)
    context = BuildContext.load(tmp_path / "docs" / "examples" / "branding" / "tei.toml")
    sources = sorted((tmp_path / "tei").glob("*.xml"))
    assert build(sources, out, context=context).cached == len(sources)
    logo = tmp_path / "docs" / "examples" / "branding" / "assets" / "logo.svg"
    logo.write_text(logo.read_text(encoding="utf-8").replace("#fff", "#ffd"), encoding="utf-8")
    changed = BuildContext.load(logo.parent.parent / "tei.toml")
    assert changed.key != context.key  # the asset's bytes are in the build context's key
    result = build(sources, out, context=changed)
    assert result.cached == 0 and (out / "assets" / "logo.svg").read_bytes() == logo.read_bytes()


@pytest.mark.parametrize(("line", "message"), [
    ('logo = "nope.svg"', "logo: no file 'nope.svg' in the assets folder assets: add it there or correct the name"),
    ('css = "../tei.toml"', "css: no file '../tei.toml' in the assets folder assets: add it there or correct the name"),
])
def test_a_missing_asset_is_a_usage_error_at_its_line(runner, tmp_path, monkeypatch, line, message):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "site.css").write_text("", encoding="utf-8")
    (tmp_path / "tei.toml").write_text(f'assets = "assets"\n{line}\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 2
    assert result.output == f"tei.toml:2: error: {message}\n"


@pytest.mark.parametrize(("toml", "message"), [
    ('assets = "nowhere"\n', "tei.toml:1: error: assets: no folder nowhere (the project's CSS, logo, favicon and scripts)"),
    ('logo = "logo.svg"\n', "tei.toml:1: error: logo names a file in the project's assets folder, but no assets "
                            'folder is set: add assets = "FOLDER"'),
])
def test_an_assets_setting_without_its_folder_is_a_usage_error(runner, tmp_path, monkeypatch, toml, message):
    (tmp_path / "tei.toml").write_text(toml, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["config"])
    assert result.exit_code == 2 and result.output == message + "\n"


def test_the_hooks_get_the_asset_urls_and_no_parameter_sets_them(runner, tmp_path, monkeypatch):
    project = tmp_path / "project"
    shutil.copytree(BRANDING / "assets", project / "assets")
    (project / "tei").mkdir()
    shutil.copy(EDITION, project / "tei" / EDITION.name)
    (project / "xslt-local").mkdir()
    (project / "xslt-local" / "index.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
        'xmlns:ed="urn:x-tei-edition-toolkit" exclude-result-prefixes="ed">'
        '<xsl:import href="tei-toolkit:index.xsl"/>'
        '<xsl:template name="ed:hook-footer"><p class="funder"><img src="{$project-assets-href}favicon.svg" '
        'alt="The Trust"/> <xsl:value-of select="$project-css-href"/></p></xsl:template></xsl:stylesheet>', encoding="utf-8")
    (project / "tei.toml").write_text('assets = "assets"\ncss = "site.css"\nstylesheets = "xslt-local"\n',
                                      encoding="utf-8")
    monkeypatch.chdir(project)
    result = runner.invoke(main, ["render", "index", "--param", "project-css-href=x.css"])
    assert result.exit_code == 2 and "unknown stylesheet parameter 'project-css-href'" in result.output
    result = runner.invoke(main, ["render", "index"])
    assert result.exit_code == 0, result.output
    index = (project / "output" / "index" / "citation-index.html").read_text(encoding="utf-8")
    assert re.search(r'<p class="funder"><img src="../assets/favicon.svg" '
                     r'alt="The Trust">\.\./assets/site\.css</p></div></footer>', index)  # the footer's last line
    assert (project / "output" / "assets" / "favicon.svg").is_file()  # the pages' kinds bring the assets
    runner.invoke(main, ["render", "text", "-o", "text-only"])
    assert not (project / "text-only" / "assets").exists()  # the plain text links nothing


def test_without_assets_or_a_site_title_the_pages_are_as_before(built):
    """This repository sets neither: its pages (the goldens) have no site name, logo or project link."""
    page = (built / PAGES["edition"]).read_text(encoding="utf-8")
    assert 'class="site-name"' not in page and "../assets/" not in page and 'rel="icon"' not in page
    assert not (built / "assets").exists()


def test_the_preview_watches_the_assets_folder(tmp_path, monkeypatch):
    example = tmp_path / "branding"
    shutil.copytree(BRANDING, example, ignore=shutil.ignore_patterns("site"))
    (example / "tei.toml").write_text('assets = "assets"\ncss = "site.css"\n', encoding="utf-8")
    monkeypatch.chdir(example)
    preview = editor_preview([], example / "site", lambda: BuildContext.load(example / "tei.toml"),
                             report=lambda line: None)
    assert example / "assets" in preview.watch
