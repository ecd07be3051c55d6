"""Contents lists and long documents (issue 25 shape 8, issue 28): divisions without a head
labelled in words or by their first words, never by raw attributes; long runs of passages,
divisions, speaker turns and pages listed as ranges; a speech transcription's turns listed;
one citation control (the passage's label), not a button per paragraph; prose spacing
between blocks. Each on a small document rendered through the CLI."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from lxml import html

from toolkit.cli import main

HEADER = ('<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p>'
          '</publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>')


def render(tmp_path: Path, body: str, *options: str, lang: str = "") -> html.HtmlElement:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / "doc.xml"
    at = f' xml:lang="{lang}"' if lang else ""
    path.write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0"{at}>{HEADER}<text><body>{body}</body></text></TEI>',
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["render", "html", str(path), "-o", str(tmp_path / "out"), *options])
    assert result.exit_code == 0, result.output
    return html.parse(str(tmp_path / "out" / "html" / "doc.html")).getroot()


def contents(page: html.HtmlElement) -> list[tuple[str, str]]:
    """The entries under "Text" in the contents list: (label, href), in order, at any depth."""
    return [(" ".join(a.text_content().split()), a.get("href"))
            for a in page.xpath("//nav[contains(@class, 'toc')]/ol/li[a[@href='#ed-text']]//li/a")]


def paragraphs(count: int) -> str:
    return "".join(f"<p>Paragraph number {n} of the text.</p>" for n in range(1, count + 1))


def test_headless_divisions_are_labelled_in_words(tmp_path):
    body = ('<div type="chapter" n="3"><p>Chapter text.</p></div>'
            '<div type="textpart" subtype="section" n="2"><p>Section text.</p></div>'
            '<div type="textpart" n="1"><p>Part text.</p></div>'
            '<div type="act" n="II"><p>Act text.</p></div>'
            '<div type="writingSession" n="1"><p>Session text.</p></div>'
            '<div type="edition" n="urn:cts:latinLit:phi0690.phi001"><div n="1"><head>ECLOGA I.</head>'
            '<p>Tityre, tu patulae.</p></div></div>'
            '<div n="K"><p>Kamlot, a cloth of goat wool.</p></div>')
    labels = [label for label, _ in contents(render(tmp_path, body))]
    assert labels == ["Chapter 3", "Section 2", "Part 1", "Act II", "Writing session 1", "Edition", "ECLOGA I.", "K"]


def test_divisions_of_unknown_kinds_are_labelled_by_their_first_words(tmp_path):
    body = ('<div type="liminal" n="tome 6"><p>Avertissement de l\'éditeur sur la présente édition du livre.</p></div>'
            '<div type="liminal" n="2"><p>Short <note>not this</note>preface.</p></div>')
    page = render(tmp_path, body, lang="fr")
    labels = [label for label, _ in contents(page)]
    assert labels == ["Avertissement de l'éditeur sur la présente…", "2. Short preface."]
    assert not any("Liminal" in label or "tome" in label for label in labels)
    # the first words are the text's: marked in its language inside the English contents list
    assert {a.get("lang") for a in page.xpath("//nav[contains(@class, 'toc')]//ol[@class='toc-divisions']//a")} == {"fr"}


def test_a_long_run_of_paragraphs_is_listed_as_ranges(tmp_path):
    page = render(tmp_path, paragraphs(120))
    entries = contents(page)
    assert [label for label, _ in entries] == ["¶ 1–50", "¶ 51–100", "¶ 101–120"]
    ids = [p.get("id") for p in page.xpath("//article[@id='ed-text']//p[contains(@class, 'passage')]")]
    assert len(ids) == 120 and [href for _, href in entries] == [f"#{ids[0]}", f"#{ids[50]}", f"#{ids[100]}"]
    assert page.xpath("//ol[@class='toc-passages toc-ranges']/li[@class='toc-range']")


def test_the_threshold_is_inclusive_and_a_parameter(tmp_path):
    assert len(contents(render(tmp_path / "a", paragraphs(50)))) == 50  # 50 entries: listed one by one
    assert len(contents(render(tmp_path / "b", paragraphs(51)))) == 2  # 51: "¶ 1–50", "¶ 51"
    assert contents(render(tmp_path / "b", paragraphs(51)))[1][0] == "¶ 51"
    assert len(contents(render(tmp_path / "c", paragraphs(120), "--param", "contents-group=200"))) == 120
    assert [label for label, _ in contents(render(tmp_path / "d", paragraphs(7), "--param", "contents-group=3"))] == \
        ["¶ 1–3", "¶ 4–6", "¶ 7"]


def test_a_long_run_of_divisions_is_listed_as_ranges(tmp_path):
    body = "".join(f'<div type="chapter" n="{n}"><p>Chapter {n}.</p></div>' for n in range(1, 61))
    entries = contents(render(tmp_path, body))
    assert [label for label, _ in entries] == ["Chapter 1–50", "Chapter 51–60"]


def test_ranges_of_labels_that_do_not_share_words_show_both(tmp_path):
    body = "".join(f'<div n="{n}"><head>Poem {chr(65 + n % 26)}{n}</head><p>Verse.</p></div>' for n in range(1, 53))
    labels = [label for label, _ in contents(render(tmp_path, body))]
    assert labels[0] == "Poem B1 – Poem Y50" and labels[1] == "Poem Z51 – Poem A52"


def test_a_speech_transcription_lists_its_turns(tmp_path):
    turns = "".join(f'<u who="#s{n % 2}">Turn {n} words.</u>' for n in range(1, 121))
    page = render(tmp_path, f'<div type="debateSection">{turns}</div>')
    entries = contents(page)
    assert [label for label, _ in entries] == ["Turns 1–50", "Turns 51–100", "Turns 101–120"]
    for _, href in entries:  # every entry leads to its turn
        assert page.xpath(f"//div[@class='u'][@id='{href[1:]}']"), href
    few = contents(render(tmp_path / "few", '<u who="#a">Hello.</u><u who="#b">Hi.</u>'))
    assert [label for label, _ in few] == ["Turn 1", "Turn 2"]


def test_pages_of_a_diplomatic_transcription_are_grouped(tmp_path):
    path = tmp_path / "doc.xml"
    surfaces = "".join(f"<surface><zone><line>Line on page {n}</line></zone></surface>" for n in range(1, 61))
    path.write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{HEADER}<sourceDoc>{surfaces}</sourceDoc></TEI>',
                    encoding="utf-8")
    assert CliRunner().invoke(main, ["render", "html", str(path), "-o", str(tmp_path / "out")]).exit_code == 0
    page = html.parse(str(tmp_path / "out" / "html" / "doc.html")).getroot()
    assert [a.text_content() for a in page.xpath("//ol[contains(@class, 'toc-surfaces')]/li/a")] == \
        ["Surface 1–50", "Surface 51–60"]


def test_each_passage_has_one_citation_control_its_label(tmp_path):
    page = render(tmp_path, paragraphs(88))
    passages = page.xpath("//article[@id='ed-text']//p[contains(@class, 'passage')]")
    assert len(passages) == 88
    for p in passages:
        links = p.xpath("a[@class='passage-link']")
        assert len(links) == 1 and links[0].get("href") == f"#{p.get('id')}"  # the label is the link
        assert p.get("data-cite-text") and p.get("data-cite-url", "").endswith(f"#{p.get('id')}")
    assert not page.xpath("//button")  # no button per paragraph: edition.js adds one shared panel
    # without JavaScript, "How to cite" gives the form of a passage's citation
    form = page.xpath("string(//section[@id='ed-cite']/p[@class='passage-cite-form'])")
    assert form.startswith("Cite a passage by the edition, its label and its URL") and "¶ 1." in form
    assert "following it also shows the passage's citation" in page.xpath("string(//p[@class='passage-cite-how'])")


def test_line_breaks_between_blocks_add_no_empty_lines(tmp_path):
    body = ('<div type="letter"><lb n="1"/><ab>Mon cher Gauguin,</ab><lb n="2"/>'
            '<ab><lb n="3"/>ce matin <lb n="4"/>j’ai reçu</ab></div>')
    page = render(tmp_path, body)
    section = page.xpath("//article[@id='ed-text']//section")[0]
    assert section.xpath("br") == []  # between the paragraphs: no empty line
    second = section.xpath("p")[1]
    assert len(second.xpath("br")) == 1 and second.xpath("a[@class='passage-link']/following-sibling::*[1]/@class") != ["br"]
    assert " ".join(second.text_content().split()) == "¶ 2 ce matin j’ai reçu"


def test_parlamint_and_iso_speech_shapes_link_turns_by_their_own_ids(tmp_path):
    """ParlaMint: u with xml:id and seg inside a debateSection without head or @n; ISO 24624:
    u inside annotationBlock. The contents entries link to the turns' own ids."""
    parla = "".join(f'<u who="#MP{n}" xml:id="ParlaMint-GB.u{n}"><seg xml:id="ParlaMint-GB.seg{n}">Speech {n}.</seg></u>'
                    for n in range(1, 4))
    page = render(tmp_path / "parla", f'<div type="debateSection"><note type="time">10:00</note>{parla}</div>')
    assert contents(page) == [(f"Turn {n}", f"#ParlaMint-GB.u{n}") for n in range(1, 4)]
    iso = "".join(f'<annotationBlock who="#A"><u>Word {n}</u></annotationBlock>' for n in range(1, 61))
    page = render(tmp_path / "iso", iso)
    entries = contents(page)
    assert [label for label, _ in entries] == ["Turns 1–50", "Turns 51–60"]
    assert page.xpath(f"//*[@id='{entries[1][1][1:]}'][contains(., 'Word 51')]")


def test_how_to_cite_lists_passage_urls_only_for_a_short_cite_structure(tmp_path):
    refs = ('<encodingDesc><refsDecl><citeStructure match="/TEI/text/body/p" use="@n" delim="¶ "/>'
            '</refsDecl></encodingDesc>')

    def page_with(count: int, where: Path) -> html.HtmlElement:
        where.mkdir(parents=True)
        body = "".join(f'<p n="{n}">Paragraph {n}.</p>' for n in range(1, count + 1))
        (where / "doc.xml").write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{HEADER.replace("</fileDesc>", "</fileDesc>" + refs)}'
                                       f'<text><body>{body}</body></text></TEI>', encoding="utf-8")
        assert CliRunner().invoke(main, ["render", "html", str(where / "doc.xml"), "-o", str(where / "out")]).exit_code == 0
        return html.parse(str(where / "out" / "html" / "doc.html")).getroot()

    short = page_with(3, tmp_path / "short")
    assert len(short.xpath("//ul[@class='passage-citations']/li")) == 3 and not short.xpath("//p[@class='passage-cite-form']")
    long = page_with(60, tmp_path / "long")
    assert not long.xpath("//ul[@class='passage-citations']")  # not 60 URLs: the form, and the panel
    assert "¶ 1." in long.xpath("string(//p[@class='passage-cite-form'])")
