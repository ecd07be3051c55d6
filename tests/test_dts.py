"""The DTS 1.0 API over HTTP (uvicorn on 127.0.0.1, in the test process).

Every response is checked against JSON Schemas written from the specification
(tests/dts/dts-1.0.schema.json); every citable unit of the edition and of three real
documents (a Perseus text, a play, a letter) is walked through Navigation and Document, and
each passage's TEI is compared with the same passage of the plain-text edition.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import EDITION, SHARED
from dtsclient import build_output, check_shape, live_server, text_segments
from lxml import etree
from textcheck import WORD, missing_words, tei_words

from toolkit.context import BuildContext

STEM = EDITION.stem
TEI = "{http://www.tei-c.org/ns/1.0}"
DTS = "{https://w3id.org/api/dts#}"
REAL = {"perseus": "cts-eclogues", "play": "drama-hamlet", "letter": "letter-vangogh"}


@pytest.fixture(scope="module")
def edition_out(tmp_path_factory) -> Path:
    return build_output([EDITION], tmp_path_factory.mktemp("dts-edition") / "output")


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory) -> Path:
    files = [SHARED / "real-tei" / f"{name}.xml" for name in REAL.values()]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        pytest.skip(f"real documents skipped: {', '.join(missing)} absent (see shared/real-tei)")
    return build_output([EDITION, *files], tmp_path_factory.mktemp("dts-corpus") / "output")


@pytest.fixture(scope="module")
def edition(edition_out):
    with live_server(edition_out) as client:
        yield client


@pytest.fixture(scope="module")
def corpus(corpus_out):
    with live_server(corpus_out) as client:
        yield client


def get_json(client, path: str, params: dict | None = None, status: int = 200, shape: str | None = None) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == status, (path, params, response.text[:300])
    assert response.headers["content-type"].startswith("application/ld+json")
    data = response.json()
    if shape:
        check_shape(data, shape)
    return data


def nav(client, **params) -> dict:
    return get_json(client, "/api/dts/navigation", params, shape="Navigation")


def ids(units: list[dict]) -> list[str]:
    return [u["identifier"] for u in units]


# ---- Entry and Collection ----------------------------------------------------------------------

def test_entry_advertises_the_three_endpoints_as_uri_templates(edition):
    data = get_json(edition, "/api/dts", shape="Entry")
    base = str(edition.base_url).rstrip("/")
    assert data == {
        "@context": "https://dtsapi.org/context/v1.0.json", "dtsVersion": "1.0", "@id": f"{base}/api/dts",
        "@type": "EntryPoint",
        "collection": f"{base}/api/dts/collection{{?id,page,nav}}",
        "navigation": f"{base}/api/dts/navigation{{?resource,ref,start,end,down,tree,page}}",
        "document": f"{base}/api/dts/document{{?resource,ref,start,end,tree,mediaType}}",
    }
    assert get_json(edition, "/api/dts/") == data


def test_the_root_collection_lists_every_document_as_a_resource(corpus):
    data = get_json(corpus, "/api/dts/collection", shape="Collection")
    assert data["@id"] == "root" and data["@type"] == "Collection"
    assert data["totalParents"] == 0 and data["totalChildren"] == 4 == len(data["member"])
    assert sorted(m["@id"] for m in data["member"]) == sorted([STEM, *REAL.values()])
    assert get_json(corpus, "/api/dts/collection", {"id": "root"}) == data
    for member in data["member"]:
        assert member["@type"] == "Resource" and member["totalParents"] == 1
        assert member["citationTrees"][0]["@type"] == "CitationTree"
        assert member["mediaTypes"] == ["application/tei+xml", "text/html", "text/plain"]
    assert get_json(corpus, "/api/dts/collection", {"nav": "parents"}, shape="Collection")["member"] == []


def test_a_resource_has_its_header_metadata_and_its_root_as_parent(edition):
    data = get_json(edition, "/api/dts/collection", {"id": STEM}, shape="Collection")
    assert data["@type"] == "Resource" and data["member"] == []
    assert data["title"].startswith("Friendship and Cooperation Between the Soviet Union")
    dc = data["dublinCore"]
    assert dc["publisher"] == [{"lang": "en", "value": "TEI Edition Toolkit project"}]
    assert dc["creator"] == [{"lang": "en", "value": "Soviet Government"}]
    assert dc["identifier"] == STEM and dc["language"] == "en"
    assert data["citationTrees"] == [{"@type": "CitationTree", "citeStructure": [
        {"@type": "CiteStructure", "citeType": "headnote"}, {"@type": "CiteStructure", "citeType": "paragraph"}]}]
    parents = get_json(edition, "/api/dts/collection", {"id": STEM, "nav": "parents"}, shape="Collection")
    assert [m["@id"] for m in parents["member"]] == ["root"]


@pytest.mark.parametrize(("params", "status", "description"), [
    ({"id": "nope"}, 404, "no resource 'nope'"),
    ({"nav": "siblings"}, 400, "nav must be 'children' or 'parents', not 'siblings'"),
    ({"page": "x"}, 400, "page must be a positive integer, not 'x'"),
    ({"page": "2"}, 404, "page 2 does not exist: there are 1"),
])
def test_collection_errors(edition, params, status, description):
    data = get_json(edition, "/api/dts/collection", params, status=status, shape="Error")
    assert data["statusCode"] == status and data["description"] == description


def test_collection_paging(corpus_out):
    with live_server(corpus_out, page_size=3) as client:
        first = get_json(client, "/api/dts/collection", shape="Collection")
        assert len(first["member"]) == 3 and first["totalChildren"] == 4
        view = first["view"]
        check_shape(view, "Pagination")
        assert view["first"].endswith("page=1") and view["last"].endswith("page=2") and view["next"].endswith("page=2")
        second = get_json(client, "/api/dts/collection", {"page": "2"}, shape="Collection")
        assert len(second["member"]) == 1 and second["view"]["previous"].endswith("page=1")
        assert {m["@id"] for m in first["member"] + second["member"]} == {STEM, *REAL.values()}
        error = get_json(client, "/api/dts/collection", {"page": "3"}, status=404, shape="Error")
        assert error["description"] == "page 3 does not exist: there are 2"
        get_json(client, "/api/dts/collection", {"page": "0"}, status=400, shape="Error")


# ---- Navigation: the specification's table ------------------------------------------------------

def test_navigation_follows_the_table_of_down_ref_start_and_end(edition):
    r = {"resource": STEM}
    one = nav(edition, **r, ref="¶ 2")
    assert one["ref"]["identifier"] == "¶ 2" and "member" not in one
    assert one["ref"] == {"identifier": "¶ 2", "@type": "CitableUnit", "level": 1, "parent": None,
                          "citeType": "paragraph", "dublinCore": {"title": [{"lang": "en", "value": "¶ 2"}]},
                          "@id": f"{str(edition.base_url).rstrip('/')}/html/{STEM}.html#par-2"}
    span = nav(edition, **r, start="¶ 1", end="¶ 3")
    assert span["start"]["identifier"] == "¶ 1" and span["end"]["identifier"] == "¶ 3" and "member" not in span
    assert ids(nav(edition, **r, ref="¶ 2", down="0")["member"]) == ["headnote"] + [f"¶ {n}" for n in range(1, 7)]
    assert ids(nav(edition, **r, down="1")["member"]) == ["headnote"] + [f"¶ {n}" for n in range(1, 7)]
    assert ids(nav(edition, **r, down="-1")["member"]) == ["headnote"] + [f"¶ {n}" for n in range(1, 7)]
    assert ids(nav(edition, **r, ref="¶ 4", down="-1")["member"]) == ["¶ 4"]  # nothing below: only the ref
    assert ids(nav(edition, **r, start="¶ 2", end="¶ 4", down="1")["member"]) == ["¶ 2", "¶ 3", "¶ 4"]
    assert nav(edition, **r, down="1")["@id"] == f"{str(edition.base_url).rstrip('/')}/api/dts/navigation?resource={STEM}&down=1"


def test_navigation_of_a_hierarchical_tree(corpus):
    r = {"resource": "cts-eclogues"}
    top = nav(corpus, **r, down="1")["member"]
    assert ids(top) == [str(n) for n in range(1, 11)] and {u["level"] for u in top} == {1}
    two = nav(corpus, **r, ref="2", down="1")["member"]
    assert two[0]["identifier"] == "2" and all(u["parent"] == "2" and u["level"] == 2 for u in two[1:])
    assert ids(two[1:4]) == ["2.1", "2.2", "2.3"]
    siblings = nav(corpus, **r, ref="2.3", down="0")["member"]
    assert ids(siblings) == ids(two[1:])
    span = nav(corpus, **r, start="1.82", end="2.2", down="0" if False else "-1")["member"]
    assert ids(span) == ["1.82", "1.83", "1.84", "2", "2.1", "2.2"]
    tops = nav(corpus, **r, start="1", end="3", down="1")["member"]
    assert [u["identifier"] for u in tops if u["level"] == 1] == ["1", "2", "3"]
    assert len(tops) == 3 + sum(len(nav(corpus, **r, ref=n, down="1")["member"]) - 1 for n in ("1", "2", "3"))
    tree = get_json(corpus, "/api/dts/collection", {"id": "cts-eclogues"})["citationTrees"]
    assert tree == [{"@type": "CitationTree", "citeStructure": [
        {"@type": "CiteStructure", "citeType": "poem", "citeStructure": [{"@type": "CiteStructure", "citeType": "line"}]}]}]


def test_a_play_is_navigated_by_acts_and_scenes(corpus):
    units = nav(corpus, resource="drama-hamlet", down="-1")["member"]
    acts = [u for u in units if u["level"] == 1]
    assert ids(acts) == ["1", "2", "3", "4", "5"] and {u["citeType"] for u in acts} == {"act"}
    assert ids([u for u in units if u["parent"] == "1"]) == ["1.1", "1.2", "1.3", "1.4", "1.5"]


@pytest.mark.parametrize(("params", "status", "description"), [
    ({}, 400, "the resource parameter is required"),
    ({"resource": "nope", "down": "1"}, 404, "no resource 'nope'"),
    ({"resource": STEM}, 400, "give ref, start and end, or down"),
    ({"resource": STEM, "ref": "¶ 9"}, 404, f"'{STEM}' has no citable unit '¶ 9'"),
    ({"resource": STEM, "start": "¶ 1", "end": "¶ 9"}, 404, f"'{STEM}' has no citable unit '¶ 9'"),
    ({"resource": STEM, "ref": "¶ 1", "start": "¶ 1", "end": "¶ 2"}, 400, "ref cannot be combined with start or end"),
    ({"resource": STEM, "ref": "¶ 1", "end": "¶ 2"}, 400, "ref cannot be combined with start or end"),
    ({"resource": STEM, "start": "¶ 1"}, 400, "start and end must be given together"),
    ({"resource": STEM, "end": "¶ 1", "down": "1"}, 400, "start and end must be given together"),
    ({"resource": STEM, "down": "0"}, 400, "down=0 needs ref (it asks for the siblings of ref)"),
    ({"resource": STEM, "down": "0", "start": "¶ 1", "end": "¶ 2"}, 400, "down=0 needs ref (it asks for the siblings of ref)"),
    ({"resource": STEM, "down": "x"}, 400, "down must be an integer of -1 or more, not 'x'"),
    ({"resource": STEM, "down": "-2"}, 400, "down must be an integer of -1 or more, not '-2'"),
    ({"resource": STEM, "down": "1", "tree": "pages"}, 404, f"'{STEM}' has no citation tree 'pages': it has only its default tree"),
    ({"resource": STEM, "start": "¶ 3", "end": "¶ 1"}, 400, "start '¶ 3' comes after end '¶ 1'"),
])
def test_navigation_errors(edition, params, status, description):
    data = get_json(edition, "/api/dts/navigation", params, status=status, shape="Error")
    assert data["statusCode"] == status and data["description"] == description
    assert data["title"] == {400: "Bad Request", 404: "Not Found"}[status]


@pytest.mark.parametrize(("params", "status", "description"), [
    ({}, 400, "the resource parameter is required"),
    ({"resource": "nope"}, 404, "no resource 'nope'"),
    ({"resource": STEM, "ref": "¶ 9"}, 404, f"'{STEM}' has no citable unit '¶ 9'"),
    ({"resource": STEM, "ref": "¶ 1", "start": "¶ 1", "end": "¶ 2"}, 400, "ref cannot be combined with start or end"),
    ({"resource": STEM, "start": "¶ 1"}, 400, "start and end must be given together"),
    ({"resource": STEM, "ref": "¶ 1", "tree": "pages"}, 404, f"'{STEM}' has no citation tree 'pages': it has only its default tree"),
    ({"resource": STEM, "mediaType": "application/pdf"}, 404,
     "media type 'application/pdf' is not available; available: application/tei+xml, text/html, text/plain"),
])
def test_document_errors(edition, params, status, description):
    data = get_json(edition, "/api/dts/document", params, status=status, shape="Error")
    assert data["statusCode"] == status and data["description"] == description


# ---- Document ----------------------------------------------------------------------------------

def test_the_whole_document_is_the_tei_file_unchanged(edition):
    response = edition.get("/api/dts/document", params={"resource": STEM})
    assert response.status_code == 200 and response.headers["content-type"] == "application/tei+xml"
    assert response.content == EDITION.read_bytes()
    # "tree MUST not have effects on the response if used without a ref, or a start and an end"
    assert edition.get("/api/dts/document", params={"resource": STEM, "tree": "pages"}).content == response.content
    assert response.headers["link"] == (f'<{str(edition.base_url).rstrip("/")}/api/dts/collection?id={STEM}>; '
                                        'rel="collection"')


def test_a_passage_is_wrapped_in_tei_with_the_original_header(edition):
    response = edition.get("/api/dts/document", params={"resource": STEM, "ref": "¶ 3"})
    assert response.headers["content-type"] == "application/tei+xml"
    root = etree.fromstring(response.content)
    source = etree.parse(str(EDITION)).getroot()
    assert root.tag == f"{TEI}TEI" and root.attrib == source.attrib
    assert etree.tostring(root.find(f"{TEI}teiHeader")) == etree.tostring(source.find(f"{TEI}teiHeader"))
    wrapper = root.find(f".//{DTS}wrapper")
    assert [etree.QName(a).localname for a in wrapper.iterancestors()] == ["div", "body", "text", "TEI"]
    (passage,) = wrapper
    original = source.find(f".//{TEI}div[@type='declaration']/{TEI}p[@n='3']")
    original.tail = None
    def c14n(el):  # exclusive canonical XML: the wrapper's dts namespace, unused in the passage, is left out
        return etree.tostring(el, method="c14n", exclusive=True)

    assert c14n(passage) == c14n(original)  # the markup is not changed


def test_a_range_keeps_what_lies_between_its_ends(corpus):
    response = corpus.get("/api/dts/document", params={"resource": "cts-eclogues", "start": "1.83", "end": "2.2"})
    wrapper = etree.fromstring(response.content).find(f".//{DTS}wrapper")
    lines = [(next(a.get("n") for a in verse.iterancestors(f"{TEI}div")), verse.get("n"))
             for verse in wrapper.iter(f"{TEI}l")]
    assert lines == [("1", "83"), ("1", "84"), ("2", "1"), ("2", "2")]
    assert [d.get("n") for d in wrapper.findall(f"{TEI}div")] == ["1", "2"]
    assert wrapper.find(f".//{TEI}head").text == "ECLOGA II."  # between the ends: kept


def test_a_passage_as_plain_text_and_html(edition):
    text = edition.get("/api/dts/document", params={"resource": STEM, "ref": "¶ 6", "mediaType": "text/plain"})
    assert text.headers["content-type"] == "text/plain; charset=utf-8"
    assert "This the Soviet Government considers" in " ".join(text.text.split()) or "Soviet Government" in text.text
    assert "[¶ 6]" in text.text and "[¶ 5]" not in text.text
    page = edition.get("/api/dts/document", params={"resource": STEM, "ref": "¶ 6", "mediaType": "text/html"})
    assert page.headers["content-type"] == "text/html; charset=utf-8" and page.text.startswith("<!DOCTYPE html>")
    assert 'id="par-6"' in page.text and 'id="par-5"' not in page.text


def test_responses_carry_an_etag_and_answer_304(edition):
    first = edition.get("/api/dts/navigation", params={"resource": STEM, "down": "1"})
    again = edition.get("/api/dts/navigation", params={"resource": STEM, "down": "1"},
                        headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


# ---- every citable unit, through Navigation and Document ---------------------------------------

def _passage_words(tei: bytes) -> list[str]:
    root = etree.fromstring(tei)
    body, _notes = tei_words(root)
    return body


@pytest.mark.slow
@pytest.mark.parametrize("stem", [STEM, *REAL.values()])
def test_every_citable_unit_matches_the_plain_text_edition(corpus, corpus_out, stem):
    units = nav(corpus, resource=stem, down="-1")["member"]
    assert units, f"{stem}: no citable unit"
    assert len(set(ids(units))) == len(units)
    index = json.loads((corpus_out / "index" / "citation-index.json").read_text(encoding="utf-8"))
    passages = next(d["passages"] for d in index["documents"] if d["id"] == stem)
    anchors = {p["id"]: p["label"] for p in passages}
    text = (corpus_out / "text" / f"{stem}.txt").read_text(encoding="utf-8")
    segments = text_segments(text, [p["label"] for p in passages])
    words: dict[str, list[str]] = {}
    for unit in units:
        ref = nav(corpus, resource=stem, ref=unit["identifier"])["ref"]
        assert {k: v for k, v in ref.items()} == unit
        response = corpus.get("/api/dts/document", params={"resource": stem, "ref": unit["identifier"]})
        assert response.status_code == 200, (stem, unit["identifier"])
        words[unit["identifier"]] = _passage_words(response.content)
    cited = 0
    for unit in units:
        anchor = unit.get("@id", "").rsplit("#", 1)[-1]
        if anchor in anchors:  # a passage of the HTML, the text and the index
            cited += 1
            mine = words[unit["identifier"]]
            if not mine:  # an empty passage (an empty <ab/>): the text edition prints no marker for it
                assert anchors[anchor] not in segments, (stem, unit["identifier"])
                continue
            segment = WORD.findall(segments[anchors[anchor]])
            # the passage starts where its segment starts (a word may be split by markup, as in textcheck)
            assert mine and segment and mine[0] in segment[0], (stem, unit["identifier"], mine[:5], segment[:5])
            assert missing_words(mine, " ".join(segment)) == [], (stem, unit["identifier"])
        else:  # a unit above the passages: its TEI holds each of its passages, in order
            below = [u for u in units if u["parent"] == unit["identifier"]]
            assert below, (stem, unit["identifier"])
            assert missing_words([w for u in below for w in words[u["identifier"]]],
                                 " ".join(words[unit["identifier"]])) == []
    assert cited == len(passages)


# ---- the static export ---------------------------------------------------------------------------

def test_build_dts_writes_the_static_responses(edition_out, edition):
    folder = edition_out / "dts"
    check_shape(json.loads((folder / "index.json").read_text(encoding="utf-8")), "Entry")
    root = json.loads((folder / "collection" / "root.json").read_text(encoding="utf-8"))
    check_shape(root, "Collection")
    assert [m["navigation"] for m in root["member"]] == [f"../navigation/{quote(STEM)}.json"]
    tree = json.loads((folder / "navigation" / f"{STEM}.json").read_text(encoding="utf-8"))
    check_shape(tree, "Navigation")
    served = nav(edition, resource=STEM, down="-1")
    assert ids(tree["member"]) == ids(served["member"])
    assert (folder / "document" / f"{STEM}.xml").read_bytes() == EDITION.read_bytes()
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert "What static hosting cannot do: a file cannot read query parameters." in readme


def test_a_reloaded_library_reads_again_only_the_files_that_changed(tmp_path):
    import os

    from toolkit.dts import Library

    for name in ("a", "b"):
        (tmp_path / f"{name}.xml").write_bytes(EDITION.read_bytes())
    context = BuildContext.create()
    first = Library.from_folder(tmp_path, context)
    changed = tmp_path / "b.xml"
    changed.write_bytes(EDITION.read_bytes().replace(b"After <persName", b"Changed. After <persName", 1))
    os.utime(changed, ns=(changed.stat().st_atime_ns, changed.stat().st_mtime_ns + 10**9))
    second = Library.from_folder(tmp_path, context, previous=first)
    assert second.documents["a"] is first.documents["a"]
    assert second.documents["b"] is not first.documents["b"]
    assert b"Changed." in second.documents["b"].parsed.data


def test_a_resource_without_a_citation_tree_answers_an_empty_member_never_an_error(tmp_path):
    from toolkit.dts import Library, collection, navigation

    bare = tmp_path / "bare.xml"
    bare.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Bare</title>'
                    '</titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc>'
                    '</teiHeader><text><body><div><figure/></div></body></text></TEI>', encoding="utf-8")
    library = Library([bare], BuildContext.create())
    resource = collection(library, "/api/dts", {"id": "bare"}).body
    check_shape(resource, "Collection")
    assert resource["citationTrees"] == []
    for params in ({"down": "1"}, {"ref": "1"}, {"start": "1", "end": "2"}, {"down": "-1", "ref": "x"}):
        reply = navigation(library, "/api/dts", "", "http://host/api/dts/navigation", {"resource": "bare", **params})
        check_shape(reply.body, "Navigation")
        assert reply.status == 200 and reply.body["member"] == [], params
