"""The site (issue 28): the home page lists the documents, each document page links home and to its
neighbours, the register pages list every passage, every page has the same frame, ``tei serve``'s
``/`` is the home page, and the site is cached like the other outputs."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import EDITION, ROOT
from lxml import etree, html

from toolkit.build import build, render_paths
from toolkit.cli import main
from toolkit.context import BuildContext
from toolkit.corpus import write_corpus

TEI = "{http://www.tei-c.org/ns/1.0}"


@pytest.fixture(scope="module")
def edition_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "output"
    build([EDITION], out, context=BuildContext.load(ROOT / "tei.toml"))
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> list[Path]:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "c", 3, seed=5)


def rows(page: Path) -> list[list[str]]:
    tree = html.parse(str(page))
    return [[" ".join(td.text_content().split()) for td in tr.iterfind("td")]
            for tr in tree.iterfind(".//table[@id='ed-doc-table']/tbody/tr")]


def test_the_home_page_lists_the_documents_from_their_headers(runner, corpus, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", *map(str, corpus), "-o", str(out)])
    assert result.exit_code == 0, result.output
    tree = html.parse(str(out / "index.html"))
    links = tree.xpath("//table[@id='ed-doc-table']/tbody/tr/td[1]/a")
    assert [a.get("href") for a in links] == [f"html/{p.stem}.html" for p in corpus]  # the build's order
    for a, source in zip(links, corpus, strict=True):
        header = etree.parse(str(source))
        title = " ".join(header.findtext(f".//{TEI}titleStmt/{TEI}title").split())
        assert a.text_content().startswith(title)
        assert (out / a.get("href")).is_file()
    assert [r[1:5] for r in rows(out / "index.html")] == [["1956-10-30", "Soviet Government", "declaration", "en"]] * 3
    files = tree.xpath("//td[@class='files']/a/@href")
    assert files == [f"{kind}/{p.stem}.{ext}" for p in corpus for kind, ext in (("tei", "xml"), ("text", "txt"))]
    assert all((out / href).is_file() for href in files)


def test_the_edition_home_page_has_its_facts_and_its_links(edition_site):
    assert rows(edition_site / "index.html") == [[
        "Friendship and Cooperation Between the Soviet Union and Other Socialist States (30 October 1956): a digital "
        "edition", "1956-10-30", "Soviet Government", "declaration", "en", "TEI · Text"]]
    tree = html.parse(str(edition_site / "index.html"))
    assert tree.find(".//h1").text_content().split() == ["Documents", "(1)"]  # no site-title in tei.toml
    links = {a.text_content(): a.get("href") for a in tree.iterfind(".//main//a")}
    assert links["Citation index"] == "index/citation-index.html"
    assert links["Encoding guide"] == "docs/encoding-guide.html"
    assert [links[k] for k in ("Persons and groups", "Places", "Organisations", "Treaties", "Events")] == [
        "registers/persons.html", "registers/places.html", "registers/organisations.html", "registers/works.html",
        "registers/events.html"]
    assert "DTS API" not in links  # not built without --dts


def test_the_site_title_and_description_come_from_the_settings(corpus, tmp_path):
    context = BuildContext.create(params={"site-title": "Northshire Letters",
                                          "site-description": "Letters of the Northshire Record Office."})
    out = tmp_path / "out"
    build(corpus, out, context=context)
    tree = html.parse(str(out / "index.html"))
    assert tree.findtext(".//h1") == "Northshire Letters"
    assert tree.findtext(".//p[@class='site-intro']") == "Letters of the Northshire Record Office."
    assert tree.findtext(".//title") == "Northshire Letters"
    for page in ("index.html", f"html/{corpus[0].stem}.html", "registers/persons.html", "index/citation-index.html"):
        name = html.parse(str(out / page)).find(".//header//a[@class='site-home']")
        assert name is not None and name.text_content() == "Northshire Letters", page
        assert (out / Path(page).parent / name.get("href")).resolve() == (out / "index.html").resolve()


def test_each_document_links_home_and_to_its_neighbours(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out)
    order = [a.get("href") for a in html.parse(str(out / "index.html")).xpath("//tbody/tr/td[1]/a")]
    for i, source in enumerate(corpus):
        nav = html.parse(str(out / "html" / f"{source.stem}.html")).find(".//nav[@class='doc-nav']")
        links = {a.get("rel") or a.text_content(): a.get("href") for a in nav.iterfind("a")}
        assert links["All documents"] == "../index.html"
        expected = {"prev": order[i - 1] if i > 0 else None, "next": order[i + 1] if i + 1 < len(order) else None}
        for rel, target in expected.items():
            assert (f"html/{links[rel]}" if rel in links else None) == target


def test_a_new_document_renders_again_only_its_new_neighbour(tmp_path):
    sources = write_corpus(tmp_path / "c", 4, seed=3)
    out = tmp_path / "out"
    first = sources[:3]
    build(first, out)
    before = {p.name: p.read_bytes() for p in (out / "html").glob("*.html")}
    result = build(sources, out)
    assert result.cached == 2  # the first two documents; the third has a next document now
    after = {p.name: p.read_bytes() for p in (out / "html").glob("*.html")}
    assert [name for name in before if before[name] != after[name]] == [f"{sources[2].stem}.html"]
    assert build(sources, out).render.outputs == []  # unchanged: nothing written, the site from the cache


def test_register_pages_list_every_entry_with_every_passage(edition_site):
    index = json.loads((edition_site / "index" / "citation-index.json").read_text(encoding="utf-8"))
    files = {"person": "persons", "place": "places", "org": "organisations", "work": "works", "event": "events"}
    checked = 0
    for kind, name in files.items():
        page = html.parse(str(edition_site / "registers" / f"{name}.html"))
        entries = [e for e in index["entities"] if e["type"] == kind]
        sections = page.xpath("//main//section[@id]")
        found = {s.get("id"): [a.get("href") for a in s.iterfind(".//a[@class='citation-link']")]
                 for s in sections if s.get("id", "").startswith(f"{kind}-")}
        assert found == {e["href"]: [c["href"] for c in e["citations"]] for e in entries}
        for hrefs in found.values():
            for href in hrefs:
                target, _, fragment = href.partition("#")
                text = (edition_site / "registers" / unquote(target)).resolve().read_text(encoding="utf-8")
                assert f'id="{fragment}"' in text  # the stable passage id
                checked += 1
    assert checked >= 30
    listing = html.parse(str(edition_site / "registers" / "index.html"))
    assert [a.get("href") for a in listing.xpath("//main//a")] == [f"../registers/{n}.html" for n in files.values()]


def test_every_link_of_every_site_page_resolves(edition_site):
    pages = [edition_site / "index.html", *sorted((edition_site / "registers").glob("*.html")),
             edition_site / "html" / f"{EDITION.stem}.html", edition_site / "index" / "citation-index.html",
             edition_site / "docs" / "encoding-guide.html"]
    checked = 0
    for page in pages:
        for element in html.parse(str(page)).iter():
            href = element.get("href") or element.get("src") if isinstance(element.tag, str) else None
            if not href or re.match(r"^[a-z]+:", href) or element.tag == "link" and element.get("rel") == "canonical":
                continue
            target, _, fragment = href.partition("#")
            path = (page.parent / unquote(target)).resolve() if target else page
            assert path.is_file(), f"{page.name}: {href}"
            if fragment:
                assert f'id="{fragment}"' in path.read_text(encoding="utf-8"), f"{page.name}: {href}"
            checked += 1
    assert checked > 300


def test_every_page_has_the_same_frame(edition_site):
    """One header (the site bar with the navigation, then the page's head), one layout, one footer."""
    pages = {"home": "index.html", "registers": "registers/persons.html", "edition": f"html/{EDITION.stem}.html",
             "index": "index/citation-index.html", "guide": "docs/encoding-guide.html", "search": "search/index.html"}
    for which, page in pages.items():
        body = html.parse(str(edition_site / page)).find("body")
        assert [e.get("class") for e in body.iterchildren("header", "div", "footer")][:3] == [
            "site-header", body.find("div").get("class"), "site-footer"], which
        assert body.find("div").get("class").startswith("layout"), which
        nav = [a.text_content() for a in body.iterfind("header//nav[@class='site-nav']//a")]
        assert nav == ["Documents", "Registers", "Citation index", "Search", "Encoding guide"], which
        assert len(body.findall(".//h1")) == 1, which
    # the index no longer lists the edition's long title as one of its sections
    toc = html.parse(str(edition_site / pages["index"])).xpath("//nav[@class='toc']//a/text()")
    assert toc == ["Persons and groups", "Places", "Organisations", "Treaties", "Events", "Dates", "Passages"]


def test_the_edition_shows_its_title_once(edition_site):
    page = html.parse(str(edition_site / "html" / f"{EDITION.stem}.html"))
    assert page.find(".//h1").get("class") == "visually-hidden"  # for assistive technology: the text has its own
    assert page.find(".//header[@class='doc-title']") is not None


def test_without_the_site_the_pages_link_no_home_page(tmp_path):
    out = tmp_path / "out"
    render_paths([EDITION], ["html", "index"], out)
    assert not (out / "index.html").exists()
    page = (out / "html" / f"{EDITION.stem}.html").read_text(encoding="utf-8")
    assert "../index.html" not in page and 'class="doc-nav"' not in page
    assert '<a href="../index/citation-index.html">Citation index</a>' in page
    index = html.parse(str(out / "index" / "citation-index.html"))
    assert index.xpath("//p[@class='back-link']/a/@href") == [f"../html/{EDITION.stem}.html"]


def test_serve_answers_the_home_page_at_the_root(edition_site):
    from starlette.testclient import TestClient

    from toolkit.server import create_app

    with TestClient(create_app(edition_site)) as client:
        response = client.get("/", follow_redirects=False)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
        assert response.text == (edition_site / "index.html").read_text(encoding="utf-8")


def test_serve_without_a_home_page_still_redirects_to_the_index(tmp_path):
    from starlette.testclient import TestClient

    from toolkit.server import create_app

    out = tmp_path / "out"
    render_paths([EDITION], ["html", "index"], out)
    with TestClient(create_app(out)) as client:
        response = client.get("/", follow_redirects=False)
        assert response.status_code == 302 and response.headers["location"] == "/index/citation-index.html"


def test_a_deposit_packages_no_page_that_links_outside_the_bag(tmp_path):
    """tei package builds only what the bag holds: its pages link no home page, no register, no guide."""
    from toolkit.package import package

    result = package([EDITION], tmp_path / "out", context=BuildContext.load(ROOT / "tei.toml"))
    data = result.bag / "data"
    assert not (data / "index.html").exists() and not (data / "registers").exists()
    checked = 0
    for page in sorted(data.rglob("*.html")):
        for element in html.parse(str(page)).iter():
            href = element.get("href") if isinstance(element.tag, str) else None
            if not href or re.match(r"^[a-z]+:", href) or href.startswith("#") or element.get("rel") == "canonical":
                continue
            assert (page.parent / unquote(href.partition("#")[0])).resolve().is_file(), f"{page.name}: {href}"
            checked += 1
    assert checked > 50


def test_an_unchanged_corpus_takes_the_site_from_the_cache(tmp_path, monkeypatch):
    import toolkit.outputs.site as site_output

    sources = write_corpus(tmp_path / "c", 2, seed=4)
    out = tmp_path / "out"
    build(sources, out)
    home = (out / "index.html").read_bytes()

    def refuse(*args, **kwargs):
        raise AssertionError("the site was rendered again")

    monkeypatch.setattr(site_output, "write_home", refuse)
    monkeypatch.setattr(site_output, "write_registers", refuse)
    build(sources, out)  # every page from the cache
    assert (out / "index.html").read_bytes() == home
    (out / "index.html").unlink()
    build(sources, out)  # a deleted page comes back from the cache too
    assert (out / "index.html").read_bytes() == home


def test_with_dts_the_home_page_links_the_api(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", "--dts", str(EDITION), "-o", str(out)])
    assert result.exit_code == 0, result.output
    links = {a.text_content(): a.get("href") for a in html.parse(str(out / "index.html")).iterfind(".//main//a")}
    assert links["DTS API"] == "dts/index.json"
    assert json.loads((out / links["DTS API"]).read_text(encoding="utf-8"))["@type"] == "EntryPoint"
