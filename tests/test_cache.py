"""Incremental builds: a build cache under the output folder, keyed on everything an
output depends on; a corrupt cache is ignored, never trusted."""

from __future__ import annotations

import json
import shutil

import pytest

from toolkit.build import build
from toolkit.corpus import write_corpus  # noqa: E402


def outputs(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and ".cache" not in p.parts}


@pytest.fixture
def corpus(tmp_path):
    return write_corpus(tmp_path / "corpus", 5, seed=11)


def test_no_change_rebuild_uses_the_cache_and_gives_the_same_bytes(corpus, tmp_path):
    out = tmp_path / "out"
    first = build(corpus, out)
    assert first.cached == 0
    again = build(corpus, out)
    assert again.cached == 5 and "(5 unchanged, from the cache)" in again.summary()
    fresh = tmp_path / "fresh"
    build(corpus, fresh, cache=False)
    assert outputs(out) == outputs(fresh)
    # no cache entry: only the record of which source made which outputs (toolkit/manifest.py)
    assert [p.name for p in (fresh / ".cache").rglob("*")] == ["sources.json"]


def test_one_changed_document_is_the_only_one_rendered_again(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out)
    before = outputs(out)
    corpus[2].write_text(corpus[2].read_text(encoding="utf-8").replace(">Soviet Government<", ">Soviet Government (rev.)<"),
                         encoding="utf-8")
    result = build(corpus, out)
    assert result.cached == 4
    after = outputs(out)
    changed = sorted(name for name in after if after[name] != before.get(name))
    stem = corpus[2].stem
    # the site's pages that show the document's title (the home page's row, the registers' citations
    # "in <title>") change with it; the other documents' pages (their previous/next links) do not
    assert [n for n in changed if not n.startswith("pagefind/")] == sorted([
        f"html/{stem}.html", f"text/{stem}.txt", f"tei/{stem}.xml", "index/citation-index.html",
        "index/citation-index.json", "index.html", "registers/organisations.html",
        "registers/persons.html", "registers/places.html"])
    # the search bundle is made again (its files are named after their content), and the old one's
    # files that are not part of the new one are gone: the folder is what a fresh build writes
    assert "pagefind/pagefind-entry.json" in changed
    assert any(name.startswith("pagefind/") for name in set(before) - set(after))
    build(corpus, tmp_path / "fresh", cache=False)
    fresh = outputs(tmp_path / "fresh")
    assert {n: b for n, b in after.items() if n.startswith("pagefind/")} == {
        n: b for n, b in fresh.items() if n.startswith("pagefind/")}


def test_parameters_and_stylesheets_are_part_of_the_key(corpus, tmp_path):
    """The real key (tests/test_context.py changes each kind of input alone)."""
    out = tmp_path / "out"
    build(corpus, out)
    assert build(corpus, out, base_url="https://example.org/edition/").cached == 0
    assert build(corpus, out, base_url="https://example.org/edition/", params={"site-title": "Other"}).cached == 0
    assert build(corpus, out, base_url="https://example.org/edition/", params={"site-title": "Other"}).cached == len(corpus)


def test_corrupt_cache_is_ignored_and_rebuilt(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out)
    expected = outputs(out)
    # the documents' entries: .cache/XX/KEY.json (not a corpus output's files.json, nor the
    # JSON files it keeps under KEY/files/, nor the cache's own records)
    entries = sorted((out / ".cache").glob("??/*.json"))
    assert len(entries) == len(corpus)
    entries[0].write_text("{not json")
    data = json.loads(entries[1].read_text())
    data["files"] = {"html/x.html": 42}
    entries[1].write_text(json.dumps(data))
    entries[2].write_bytes(b"\x00\xff")
    result = build(corpus, out)
    assert result.cached == len(corpus) - 3  # the three damaged entries are made again
    assert outputs(out) == expected


def test_cache_is_safe_to_delete(corpus, tmp_path):
    out = tmp_path / "out"
    build(corpus, out)
    expected = outputs(out)
    shutil.rmtree(out / ".cache")
    assert build(corpus, out).cached == 0
    assert outputs(out) == expected
