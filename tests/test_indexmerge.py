"""The citation index merged in bounded memory (toolkit.indexmerge): the streamed page and
JSON are byte-identical to what index.xsl gives for all the partials at once (the whole-page
path Oxygen uses), for any batch size; batches never split a group; the index is cached on
disk; the spill file never reaches the output folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EDITION, PEER_DIR

from toolkit.build import build
from toolkit.context import BuildContext
from toolkit.corpus import write_corpus
from toolkit.indexmerge import ED, IndexMerge
from toolkit.outputs.index import INDEX
from toolkit.render import render_one
from toolkit.staging import Staging
from toolkit.xmlsafe import parse_file
from toolkit.xslt import engine

HTML, DATA = "index/citation-index.html", "index/citation-index.json"
CONTEXT = BuildContext.create()


def partials_of(paths: list[Path]) -> list[str]:
    return [render_one(parse_file(p), p.stem, CONTEXT, [INDEX]).partial or "" for p in paths]


def whole(partials: list[str]) -> tuple[str, str]:
    """The index from every partial at once (index.xsl's own grouping and sorting)."""
    wrapper = f'<ed:partials xmlns:ed="{ED}">' + "".join(partials) + "</ed:partials>"
    html, data = engine(CONTEXT).transform_each(wrapper, [("index.xsl", CONTEXT.stylesheet_params(None, format=fmt))
                                                          for fmt in ("html", "json")])
    return html, data


def streamed(partials: list[str], tmp_path: Path, batch_bytes: int, order=None) -> tuple[str, str]:
    stage = Staging(tmp_path / f"out-{batch_bytes}")
    try:
        merge = IndexMerge(stage.scratch(), batch_bytes=batch_bytes)
        for i in order or range(len(partials)):  # the order results arrive in does not matter
            merge.add(i, partials[i])
        merge.write(stage, HTML, DATA, CONTEXT)
        merge.close()
        return stage.read(HTML).decode(), stage.read(DATA).decode()
    finally:
        stage.discard()


@pytest.fixture(scope="module")
def corpus_partials(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("corpus")
    return partials_of(write_corpus(folder, 40, seed=3))


@pytest.mark.parametrize("batch_bytes", [1, 5_000, 1 << 20])
def test_streamed_index_equals_the_whole_page_for_a_corpus(corpus_partials, tmp_path, batch_bytes):
    expected = whole(corpus_partials)
    order = list(range(len(corpus_partials)))[::-1]  # arriving in reverse, as a pool may deliver them
    assert streamed(corpus_partials, tmp_path, batch_bytes, order) == expected
    data = json.loads(expected[1])
    assert len(data["documents"]) == 40 and data["dates"]
    assert max(len({c["document"] for c in e["citations"]}) for e in data["entities"]) == 40  # groups span documents


def test_streamed_index_equals_the_whole_page_for_the_edition(tmp_path):
    partials = partials_of([EDITION])
    assert streamed(partials, tmp_path, 1) == whole(partials)


def test_streamed_index_equals_the_whole_page_for_the_peer_files(tmp_path, peer_files):
    partials = partials_of(peer_files + sorted(PEER_DIR.parent.joinpath("real-tei").glob("*.xml")))
    assert streamed(partials, tmp_path, 2_000) == whole(partials)


def test_a_group_sorts_by_its_first_mention_across_documents(tmp_path):
    """One id, labels differing between documents: the group takes the first document's label
    (and sorts by it), whichever document's partial is spilled first."""
    def partial(doc: str, entities: str) -> str:
        return f'<ed:partial xmlns:ed="{ED}" doc="{doc}" title="{doc.upper()}" href="../html/{doc}.html">{entities}</ed:partial>'

    def entity(ident: str, label: str, etype: str = "person") -> str:
        rank = ("person", "place", "org", "work", "event").index(etype)  # its place in the index's order of kinds
        return (f'<ed:entity id="{ident}" type="{etype}" rank="{rank}" label="{label}" sort="{label.lower()}" dates="">'
                f'<ed:citation document="d" passage="p1" count="1" label="¶ 1" href="#p1" snippet="… {label} …"/></ed:entity>')

    partials = [partial("a", entity("x", "Zed") + entity("y", "Mid") + entity("x", "Same id, other type", "place")),
                partial("b", entity("x", "Alpha") + entity("z", "mid") + entity("q", "Ω")),
                partial("c", "")]
    for order in ([0, 1, 2], [2, 1, 0]):
        html, data = streamed(partials, tmp_path, 1, order)
        assert (html, data) == whole(partials)
        labels = [(e["type"], e["label"]) for e in json.loads(data)["entities"]]
        assert labels == [("person", "Mid"), ("person", "mid"), ("person", "Zed"), ("person", "Ω"),
                          ("place", "Same id, other type")]


def test_no_documents_gives_the_empty_index(tmp_path):
    html, data = streamed([], tmp_path, 1)
    assert (html, data) == whole([])
    assert json.loads(data) == {"documents": [], "entities": [], "dates": []}
    assert "0 documents" in html


def group_sizes(partials: list[str]) -> dict[str, tuple[int, int]]:
    """Each person's group: the size of its items' XML and its number of citations."""
    from lxml import etree

    sizes: dict[str, tuple[int, int]] = {}
    for text in partials:
        for entity in etree.fromstring(text).iterfind(f"{{{ED}}}entity[@type='person']"):
            size, cited = sizes.get(entity.get("id"), (0, 0))
            sizes[entity.get("id")] = (size + len(etree.tostring(entity)), cited + len(entity.findall(f"{{{ED}}}citation")))
    return sizes


def test_batches_are_bounded_and_a_large_group_is_split(corpus_partials, tmp_path):
    """Whole groups fill a batch up to its size; a group larger than a batch comes alone, its
    citations in batches of their own (all of them, in order, none twice)."""
    from lxml import etree

    limit = 20_000
    sizes = group_sizes(corpus_partials)
    large = {g for g, (size, _) in sizes.items() if size > limit}
    assert large and len(large) < len(sizes)  # the corpus has both kinds
    stage = Staging(tmp_path / "out")
    try:
        merge = IndexMerge(stage.scratch(), batch_bytes=limit)
        for i, text in enumerate(corpus_partials):
            merge.add(i, text)
        seen_groups, split = [], []
        for batch in merge._batches("entities-person", "html-items"):
            ids = list(dict.fromkeys(e.get("id") for e in etree.fromstring(batch.xml).iter(f"{{{ED}}}entity")))
            seen_groups += ids
            assert batch.items == len(ids)
            if batch.citations is None:
                assert not large & set(ids) and sum(sizes[g][0] for g in ids) <= limit or len(ids) == 1
                continue
            (group,) = ids
            split.append(group)
            pieces = list(batch.citations)
            assert sum(piece.items for piece in pieces) == sizes[group][1]
            for piece in pieces:
                citations = list(etree.fromstring(piece.xml).iter(f"{{{ED}}}citation"))
                assert len(citations) == piece.items
                # UTF-8 bytes, as the merge counts them (tostring() alone escapes non-ASCII as character references)
                assert sum(len(etree.tostring(c, encoding="unicode").encode()) for c in citations[:-1]) < limit
        assert sorted(split) == sorted(large)
        assert len(seen_groups) == len(set(seen_groups)) == len(sizes)
        merge.close()
    finally:
        stage.discard()


def test_the_index_comes_from_the_cache_and_a_damaged_entry_is_rebuilt(tmp_path):
    sources = write_corpus(tmp_path / "c", 6, seed=2)
    out = tmp_path / "out"
    build(sources, out, jobs=1)
    first = (out / HTML).read_bytes(), (out / DATA).read_bytes()
    entries = [p for p in (out / ".cache").rglob("files.json") if (p.parent / "files" / HTML).is_file()]
    assert len(entries) == 1  # the index, kept as files (the site's pages are another entry)
    cached_html = entries[0].parent / "files" / HTML
    assert cached_html.read_bytes() == first[0]
    (out / HTML).unlink()
    build(sources, out, jobs=1)  # every document and the index from the cache
    assert ((out / HTML).read_bytes(), (out / DATA).read_bytes()) == first
    cached_html.write_bytes(b"damaged")  # a size that does not match: ignored, rebuilt
    (out / HTML).unlink()
    build(sources, out, jobs=1)
    assert (out / HTML).read_bytes() == first[0]
    assert cached_html.read_bytes() == first[0]


def test_the_spill_file_never_reaches_the_output(tmp_path):
    sources = write_corpus(tmp_path / "c", 3, seed=2)
    out = tmp_path / "out"
    build(sources, out, jobs=1, cache=False)
    assert not list(out.rglob("*.sqlite"))
    assert not [p for p in out.iterdir() if p.name.startswith(".staging-")]


def linked(partials: list[str], tmp_path: Path, batch_bytes: int) -> tuple[bytes, bytes]:
    from toolkit.linkeddata import LinkedData

    stage = Staging(tmp_path / f"ld-{batch_bytes}")
    try:
        merge = IndexMerge(stage.scratch(), batch_bytes=batch_bytes)
        for i, text in enumerate(partials):
            merge.add(i, text)
        data = LinkedData(stage.scratch())
        merge.write(stage, HTML, DATA, CONTEXT, entries=data.add)
        data.write(stage, "data/entities.jsonld", "data/edition.ttl")
        data.close()
        merge.close()
        return stage.read("data/entities.jsonld"), stage.read("data/edition.ttl")
    finally:
        stage.discard()


def test_the_linked_data_does_not_depend_on_the_batches(corpus_partials, tmp_path, monkeypatch):
    from rdflib import Graph
    from rdflib.compare import isomorphic

    import toolkit.linkeddata

    jsonld, ttl = linked(corpus_partials, tmp_path, 1)
    assert (jsonld, ttl) == linked(corpus_partials, tmp_path, 1 << 30)
    monkeypatch.setattr(toolkit.linkeddata, "_PART", 3)  # long subjectOf lists cut into parts of 3
    assert (jsonld, ttl) == linked(corpus_partials, tmp_path / "parts", 1)
    document = json.loads(jsonld)
    names = {node["name"] for node in document["@graph"] if "isPartOf" not in node}  # entries, not passages
    assert len(names) == 30  # every register entry of the corpus, once
    lines = ttl.decode().splitlines()
    assert lines[0] == "@base <../> ." and lines[1:] == sorted(set(lines[1:]))
    base = (tmp_path / "data" / "x").as_uri()
    assert isomorphic(Graph().parse(data=jsonld, format="json-ld", base=base),
                      Graph().parse(data=ttl, format="turtle", publicID=base))


def test_an_index_without_documents_has_empty_linked_data(tmp_path):
    jsonld, ttl = linked([], tmp_path, 1)
    assert json.loads(jsonld)["@graph"] == [] and ttl == b"@base <../> .\n"
