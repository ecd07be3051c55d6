"""The shapes of TEI documents beyond a prose edition (issue 13), each on a small document:
what the HTML and the text output show, and the warnings for what they cannot show."""

from __future__ import annotations

import pytest
from lxml import html

from toolkit.build import render_paths
from toolkit.cli import main

HEADER = ('<teiHeader><fileDesc><titleStmt><title>T</title><respStmt><resp>Transcription</resp>'
          '<resp>Encoding</resp><name>A. Editor</name></respStmt></titleStmt><publicationStmt><p>P</p>'
          '</publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>')


def render(tmp_path, body: str, extra: str = "", name: str = "doc") -> tuple[html.HtmlElement, str]:
    path = tmp_path / f"{name}.xml"
    path.write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:mml="http://www.w3.org/1998/Math/MathML" '
                    f'xmlns:svg="http://www.w3.org/2000/svg">{HEADER}{extra}{body}</TEI>', encoding="utf-8")
    render_paths([path], ["html", "text"], tmp_path / "out")
    page = html.parse(str(tmp_path / "out" / "html" / f"{name}.html")).getroot()
    return page, (tmp_path / "out" / "text" / f"{name}.txt").read_text(encoding="utf-8")


def test_a_respstmt_with_two_resps_renders(tmp_path):
    page, text = render(tmp_path, "<text><body><p>Hello.</p></body></text>")
    assert "Transcription; Encoding" in page.text_content() and "Transcription; Encoding: A. Editor" in text


def test_source_doc_is_a_diplomatic_page_by_page_view(tmp_path):
    body = ('<sourceDoc><surface n="1r"><graphic url="https://example.org/f1r.jpg"/><zone type="main">'
            '<line>It was on a <del>dark</del> <add>dreary</add> night</line>'
            '<line><metamark function="insertion">^</metamark>of November</line></zone></surface></sourceDoc>')
    page, text = render(tmp_path, body)
    surface = page.xpath("//section[@class='surface']")[0]
    assert surface.xpath("string(h3)") == "Page 1r"
    assert surface.xpath(".//a[@href='https://example.org/f1r.jpg']")  # a link, never fetched
    assert [line.text_content() for line in surface.xpath(".//div[@class='line']")] == \
        ["It was on a dark dreary night", "^of November"]
    assert surface.xpath(".//del[. = 'dark']") and surface.xpath(".//ins[. = 'dreary']")
    assert surface.xpath(".//span[@class='metamark']")
    assert "[Page 1r]\n\n[image: https://example.org/f1r.jpg]\n\nIt was on a dark dreary night\n^of November" in text


def test_mathml_and_svg_pass_through(tmp_path):
    body = ('<text><body><p>Energy <formula><mml:math><mml:mi>E</mml:mi><mml:mo>=</mml:mo><mml:mi>m</mml:mi>'
            '</mml:math></formula> and a figure <figure><svg:svg width="10" height="10"><svg:title>Box</svg:title>'
            '</svg:svg></figure></p></body></text>')
    page, text = render(tmp_path, body)
    assert page.xpath("//math/mi") and page.xpath("//svg/title")
    assert "E=m" in text and "Box" in text


def test_apparatus_with_sigla_and_omitted_readings(tmp_path):
    wits = ('<standOff><listWit><witness xml:id="A" n="A"/><witness xml:id="B" n="B"/></listWit></standOff>'
            if False else '')
    body = ('<text><body><listWit><witness xml:id="A" n="A">Codex A</witness><witness xml:id="B" n="B">Codex B'
            '</witness></listWit><p>The <app><lem wit="#A">quick</lem><rdg wit="#B"/></app> fox.</p></body></text>')
    page, text = render(tmp_path, body, wits)
    app = page.xpath("//span[@class='app']")[0]
    assert app.text_content() == "quick A [om. B]"
    assert "The quick A [om. B] fox." in text


def test_drama_verse_quotes_choice_and_rend(tmp_path):
    lines = "".join(f'<l n="{n}">Line {n}</l>' for n in range(1, 11))
    body = (f'<text><body><div type="act" n="1"><head>Act One</head><castList><castItem><role>Hamlet</role>'
            f'</castItem></castList><sp><speaker>HAMLET</speaker><lg>{lines}</lg><stage>Exit.</stage></sp>'
            f'<p><q>To be</q>, he said, <q>“or not”</q>; <choice><sic>teh</sic><corr>the</corr></choice> '
            f'<hi rend="smallcaps">end</hi> <hi rend="bold italic">now</hi></p></div></body></text>')
    page, text = render(tmp_path, body)
    assert page.xpath("//div[@class='speaker']") and page.xpath("//div[@class='stage']")
    assert page.xpath("//div[@class='castList']") and page.xpath("//span[@class='role']")
    assert [n.text for n in page.xpath("//span[@class='l-num']")] == ["5", "10"]  # every fifth line
    quotes = page.xpath("//q")
    assert quotes[0].get("data-marks") is None and quotes[1].get("data-marks") == "own"
    assert "“To be”" in text and "““or not””" not in text and "“or not”" in text
    assert page.xpath("//span[@class='choice'][contains(., 'teh') and contains(., 'the')]")
    assert page.xpath("//span[@class='hi rend-smallcaps']") and page.xpath("//strong[@class='hi rend-italic rend-bold']")
    toc = page.xpath("//ol[@class='toc-divisions']//a/text()")
    assert toc == ["Act One"]


def test_facsimile_links_from_facs(tmp_path):
    extra = '<facsimile><surface xml:id="f1"><graphic url="images/p1.jpg"/></surface></facsimile>'
    page, _ = render(tmp_path, '<text><body><p><pb n="1" facs="#f1"/>Text.</p></body></text>', extra)
    assert page.xpath("//a[@class='facs'][@href='images/p1.jpg']")


def test_left_out_text_and_html_forbidden_characters_are_counted_in_warnings(runner, tmp_path):
    path = tmp_path / "c1.xml"
    path.write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{HEADER}<facsimile><surface><desc>Folio one recto'
                    '</desc></surface></facsimile><text><body><p>Bad \u0086 char</p></body></text></TEI>',
                    encoding="utf-8")
    result = runner.invoke(main, ["render", "html", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert f"{path}:1:" in result.output
    assert ("warning: 3 word(s) in 1 <facsimile> element(s) are not in the reading text: facsimile images are "
            "linked from @facs; their descriptions are not part of the reading text [left-out]") in result.output
    assert ("warning: 1 character(s) that HTML forbids (DEL or C1 controls, U+007F to U+009F) are shown as U+FFFD "
            "in the HTML; the text output keeps them [html-characters]") in result.output
    assert "Bad \ufffd char" in (tmp_path / "out" / "html" / "c1.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["html", "text", "index"])
def test_nested_text_and_group_render(runner, tmp_path, kind):
    path = tmp_path / "group.xml"
    path.write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{HEADER}<text><group><text><body><p>One.</p></body>'
                    '</text><text><body><p>Two.</p></body></text></group></text></TEI>', encoding="utf-8")
    result = runner.invoke(main, ["render", kind, str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
