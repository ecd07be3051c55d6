"""Headers of others (issue 25): a plain bibl shown as written, editors and respStmts credited
for what they did, names without glued identifiers or e-mail addresses, labelled facsimile
links, "named in" labels that say where, and DTS titles from heads."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, SHARED
from lxml import html

from toolkit.build import render_paths
from toolkit.context import BuildContext
from toolkit.dts import _unit_title, load_document
from toolkit.xmlsafe import parse_file
from toolkit.xslt import engine

LETTER = FIXTURES / "language" / "adopted-letter.xml"
REAL = SHARED / "real-tei"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason=f"no real TEI: {REAL} is absent")


@pytest.fixture(scope="module")
def letter(tmp_path_factory):
    out = tmp_path_factory.mktemp("letter")
    render_paths([LETTER], ["html", "text"], out)
    page = html.parse(str(out / "html" / "adopted-letter.html")).getroot()
    return page, (out / "text" / "adopted-letter.txt").read_text(encoding="utf-8")


def about(page) -> dict[str, list[str]]:
    section = page.get_element_by_id("ed-about")
    found: dict[str, list[str]] = {}
    for dt in section.iter("dt"):
        found.setdefault(dt.text_content(), []).append(" ".join(dt.getnext().text_content().split()))
    return found


def test_a_plain_bibl_is_shown_as_written(letter):
    page, text = letter
    source = "Northshire Record Office, MS 12/3, a single sheet folded, written on both sides."
    assert about(page)["Source"] == [source]
    assert "Source: Northshire Record Office, MS 12/3, a single sheet folded,\nwritten on both sides." in text


def test_editors_and_respstmts_are_credited_for_what_they_did(letter):
    page, text = letter
    assert about(page)["Credit"] == ["Edited by Jane Reeve", "Transcribed by Northshire Record Office"]
    citation = ("Mary Ashdown. Letter from Mary Ashdown to her brother. Edited by Jane Reeve. "
                "Transcribed by Northshire Record Office. Northshire Letters Project (NLP), 2024.")
    assert citation in " ".join(page.get_element_by_id("ed-cite").text_content().split())
    assert "ed. Northshire" not in text and "Edited by Jane Reeve\nTranscribed by Northshire Record Office" in text


def test_names_have_no_glued_identifier_or_email(letter):
    page, _ = letter
    assert page.xpath("//meta[@name='DC.creator']/@content") == ["Mary Ashdown"]
    assert about(page)["Published by"] == ["Northshire Letters Project (NLP), 2024"]
    assert "letters@example.org" not in page.xpath("string(//header[@class='site-header'])")


def test_a_facsimile_link_is_labelled(letter):
    page, _ = letter
    link = page.xpath("//a[@class='facs']")[0]
    assert (link.get("href"), link.text_content()) == ("sheet1.jpg", "[facsimile of page 1]")


def test_named_in_says_where(letter):
    page, _ = letter
    cited = sorted(" ".join(span.text_content().split()) for span in page.xpath("//span[@class='card-cited']"))
    assert cited == ["Named in the closing · Index entry", "Named in the opening · Index entry"]


def test_datacite_names_and_roles():
    context = BuildContext.create()
    data = json.loads(engine(context).transform("metadata.xsl", parse_file(LETTER).root,
                                                context.stylesheet_params(None, format="datacite")))
    assert data["creators"] == [{"name": "Mary Ashdown", "nameType": "Personal"}]
    assert {"name": "Jane Reeve", "contributorType": "Editor"} in data["contributors"]
    assert data["publisher"] == "Northshire Letters Project (NLP)"


@needs_real
def test_hamlet_in_dts_creator_without_idno_and_scene_titles():
    path = REAL / "drama-hamlet.xml"
    doc = load_document("hamlet", path.read_bytes(), str(path), BuildContext.create())
    assert doc.dublin_core["creator"] == [{"lang": "en", "value": "William Shakespeare"}]
    titles = {u.identifier: _unit_title(u) for u in doc.tree.units}
    assert titles["1"] == "ACT 1" and titles["1.1"] == "Scene 1"


@needs_real
def test_van_gogh_publishers_are_set_apart(tmp_path):
    render_paths([REAL / "letter-vangogh.xml"], ["html"], tmp_path)
    page = html.parse(str(tmp_path / "html" / "letter-vangogh.html")).getroot()
    publisher = page.xpath("string(//p[@class='publisher'])")
    assert publisher == "Huygens Instituut voor Nederlandse Geschiedenis (KNAW); Van Gogh Museum"
    assert "(KNAW)info@" not in page.text_content()
    assert page.xpath("//a[@class='facs']")[0].text_content() == "[facsimile of page 1]"


@needs_real
def test_an_editor_element_naming_two_people_and_a_publisher_given_as_an_address(tmp_path):
    render_paths([REAL / "letter-schnitzler.xml", REAL / "xsl-test32.xml"], ["text"], tmp_path)
    schnitzler = (tmp_path / "text" / "letter-schnitzler.txt").read_text(encoding="utf-8")
    assert "Edited by Müller, Martin Anton and Susen, Gerd-Hermann" in schnitzler
    slovene = " ".join((tmp_path / "text" / "xsl-test32.txt").read_text(encoding="utf-8").split())
    assert "ZRC SAZU; Institute of Slovenian Literature and Literary Studies, SRC SASA" in slovene


def test_an_authors_affiliation_is_shown_beside_the_name_and_kept_out_of_the_citation(tmp_path):
    """generalP5's author: a name, an affiliation and an e-mail address. The page and the text
    show "Charles Dickens (Household Words)"; the citation and DC.creator name the person only."""
    source = SHARED / "peer-tei" / "generalP5.xml"
    if not source.is_file():
        pytest.skip(f"no TEI Consortium test file: {source} is absent")
    render_paths([source], ["html", "text"], tmp_path)
    page = html.parse(str(tmp_path / "html" / "generalP5.html")).getroot()
    assert about(page)["Issued by"] == ["Charles Dickens (Household Words)"]
    assert page.xpath("//meta[@name='DC.creator']/@content") == ["Charles Dickens"]
    text = (tmp_path / "text" / "generalP5.txt").read_text(encoding="utf-8")
    assert "Issued by: Charles Dickens (Household Words)" in text
    assert "How to cite: Charles Dickens. A Christmas Carol." in text
    assert "charles.dickens@gmail.com" not in text
