"""The encoding guide (issue 12): built by `tei build` from what `tei schema` generates from
the ODD, one entry per element the grammar allows, with its description, attributes and
closed values, context, rules and a real example linked to its passage."""

from __future__ import annotations

import pytest
from conftest import EDITION, ROOT
from lxml import html

from toolkit.build import build
from toolkit.rnginfo import GrammarInfo
from toolkit.xmlsafe import parse_file


@pytest.fixture(scope="module")
def guide(tmp_path_factory):
    out = tmp_path_factory.mktemp("guide") / "output"
    build([EDITION], out)
    return out, html.parse(str(out / "docs" / "encoding-guide.html")).getroot()


def test_one_entry_per_element_with_contents_and_index(guide):
    out, page = guide
    grammar = GrammarInfo(parse_file(ROOT / "schema" / "edition.rng").tree)
    entries = page.xpath("//section[@class='guide-element']/@id")
    assert entries == [f"el-{name}" for name in grammar.names()] and len(entries) == 87  # samplingDecl (issue 26)
    index = page.xpath("//nav[@class='toc']//ol[contains(@class, 'guide-index')]/li/a/@href")
    assert index == [f"#{e}" for e in entries]
    for entry in page.xpath("//section[@class='guide-element']"):
        assert entry.xpath("string(p[@class='guide-desc'])").strip(), entry.get("id")
    assert (out / "docs" / "edition.css").is_file()


def test_attributes_show_closed_values_with_their_glosses(guide):
    _, page = guide
    rs = page.xpath("//section[@id='el-rs']")[0]
    values = {li.xpath("string(code)"): li.text_content() for li in rs.xpath(".//ul[@class='guide-values']/li")}
    assert values["people"] == "people: a group of people"
    assert "(required)" in rs.xpath("string(.//ul[@class='guide-attributes']/li[code='@type'])")
    place = page.xpath("//section[@id='el-place']")[0].text_content()
    assert "state-group" not in place and "continent: a continent" in place


def test_context_rules_and_examples(guide):
    out, page = guide
    seg = page.xpath("//section[@id='el-seg']")[0]
    assert "p" in seg.xpath(".//dt[. = 'May appear in']/following-sibling::dd[1]//code/text()")
    rules = seg.xpath(".//ul[@class='guide-rules']/li/code/text()")
    assert "[omission-mark]" in rules
    assert "[ptr-ref]" in page.xpath("string(//section[@id='ed-guide-every'])")
    example = seg.xpath(".//pre[@class='egXML']/code/text()")[0]
    assert example == '<seg type="omission" resp="#halsall">. . .</seg>'
    href = seg.xpath(".//p[@class='guide-example-where']/a/@href")[0]
    page_path, fragment = href.split("#")
    target = html.parse(str((out / "docs" / page_path).resolve())).getroot()
    assert target.xpath(f"//*[@id='{fragment}']"), href
    person = page.xpath("//section[@id='el-person']")[0]
    assert person.xpath(".//p[@class='guide-example-where']/a/@href")[0].endswith("#reg-halsall")


def test_no_guide_for_another_projects_files(tmp_path):
    other = tmp_path / "letter.xml"
    other.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>L</title>'
                     '</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc>'
                     '</fileDesc></teiHeader><text><body><p>Dear friend.</p></body></text></TEI>', encoding="utf-8")
    build([other], tmp_path / "out")
    assert not (tmp_path / "out" / "docs").exists()


def test_every_html_page_shares_one_head(guide):
    """The reading edition, the citation index and the guide share common/page.xsl: the same
    head opening, the same stylesheet link, and the script only where the page needs it."""
    out, _ = guide
    heads = {}
    for path in ("html/soviet-declaration-1956-10-30.html", "index/citation-index.html", "docs/encoding-guide.html"):
        head = html.parse(str(out / path)).getroot().find("head")
        heads[path] = head
        assert [el.tag for el in head[:3]] == ["meta", "meta", "title"], path
        assert head[0].get("charset") == "utf-8"
        assert head[1].get("content") == "width=device-width, initial-scale=1"
        assert head.xpath("link[@rel='stylesheet']/@href") == ["edition.css"], path
    # no base URL was set: no canonical link pretends to one (issue 26); the TEI source is linked
    assert not heads["html/soviet-declaration-1956-10-30.html"].xpath("link[@rel='canonical']")
    assert heads["html/soviet-declaration-1956-10-30.html"].xpath("link[@rel='alternate'][@type='application/tei+xml']/@href")
    assert heads["index/citation-index.html"].findtext("title") == "Citation index — " + heads[
        "html/soviet-declaration-1956-10-30.html"].findtext("title")
    assert heads["docs/encoding-guide.html"].xpath("script") == []
    assert heads["index/citation-index.html"].xpath("script/@src") == ["edition.js"]


def test_the_rules_of_issue_26_are_documented(guide):
    """The conventions the review asked for are rules, and the guide documents each of them."""
    _, page = guide
    text = page.text_content()
    for rule in ("note-source", "place-adjective", "sampling-declared", "group-description"):
        assert f"[{rule}]" in text, rule
    note = page.xpath("//section[@id='el-note']")[0].text_content()
    assert "[note-source]" in note
    assert "samplingDecl" in page.xpath("string(//section[@id='el-samplingDecl'])")
