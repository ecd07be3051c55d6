"""Language and direction (issue 25): BCP 47 tags from ISO 639-2/3 codes, the page's and each
part's lang (WCAG 3.1.1, 3.1.2), dir="rtl" for right-to-left languages and scripts, and the
same tags in DTS and DataCite."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES
from lxml import html

from toolkit.build import render_paths
from toolkit.langtags import bcp47, direction, document_language
from toolkit.xmlsafe import parse_file

LANG = FIXTURES / "language"


@pytest.mark.parametrize(("code", "tag"), [
    ("ger", "de"), ("deu", "de"), ("lat", "la"), ("grc", "grc"), ("eng", "en"), ("fre", "fr"),
    ("heb", "he"), ("de-at", "de-AT"), ("SR-latn-rs", "sr-Latn-RS"), ("syr", "syr"), ("iw", "he"),
    ("en-x-Old", "en-x-old"), ("", ""), ("English language", ""), ("und", "und"), ("MP", "und"), ("Av", "av")])
def test_codes_become_bcp47(code, tag):
    assert bcp47(code) == tag


@pytest.mark.parametrize(("tag", "way"), [
    ("he", "rtl"), ("ara", "rtl"), ("syr", "rtl"), ("fa", "rtl"), ("yi", "rtl"), ("arc", "rtl"),
    ("az-Arab", "rtl"), ("syr-Latn", "ltr"), ("ar-Latn", "ltr"), ("la", "ltr"), ("", "ltr")])
def test_direction_from_script_else_language(tag, way):
    assert direction(tag) == way


def test_document_language_order():
    assert document_language(parse_file(LANG / "hebrew-arabic.xml").root) == "he"  # first of langUsage
    assert document_language(parse_file(LANG / "no-language.xml").root) == ""


def render(tmp_path, name):
    render_paths([LANG / f"{name}.xml"], ["html"], tmp_path)
    return html.parse(str(tmp_path / "html" / f"{name}.html")).getroot()


def test_page_and_parts_carry_their_language_and_direction(tmp_path):
    page = render(tmp_path, "hebrew-arabic")
    assert page.get("lang") == "he"
    assert page.find("body").get("lang") == "en"  # the page's own wording
    article = page.get_element_by_id("ed-text")
    assert (article.get("lang"), article.get("dir")) == ("he", "rtl")
    assert [(e.get("lang"), e.get("dir")) for e in article.xpath(".//*[@lang]")] == [
        ("ar", None), ("syr-Latn", "ltr"), ("de", "ltr"), ("grc", "ltr"), ("la", "ltr")]
    assert page.xpath("//meta[@name='DC.language']/@content") == ["he"]
    linked = json.loads(page.xpath("string(//script[@class='edition-ld'])"))
    assert linked["inLanguage"] == "he"


def test_a_text_of_unknown_language_claims_none(tmp_path):
    page = render(tmp_path, "no-language")
    assert page.get("lang") == "en" and page.find("body").get("lang") is None
    assert page.get_element_by_id("ed-text").get("lang") == "und"
    assert not page.xpath("//meta[@name='DC.language']")


def test_the_stylesheet_aligns_right_to_left_text():
    from toolkit.resources import asset_dir
    css = (asset_dir() / "edition.css").read_text(encoding="utf-8")
    assert '[dir="rtl"] { text-align: right; }' in css


def test_dts_and_datacite_use_bcp47(tmp_path):
    from toolkit.context import BuildContext
    from toolkit.dts import load_document
    from toolkit.xslt import engine
    path = LANG / "hebrew-arabic.xml"
    doc = load_document("x", path.read_bytes(), str(path), BuildContext.create())
    assert doc.lang == "he" and doc.dublin_core["language"] == ["he", "ar"]
    header = json.loads(engine(BuildContext.create()).transform(
        "metadata.xsl", parse_file(path).root, BuildContext.create().stylesheet_params(None, format="datacite")))
    assert header["language"] == "he"
