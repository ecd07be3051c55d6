"""Speech, page furniture, stand-off notes and line numbers (issue 25, shapes 3, 4 and 7 and
"line numbers shown once"), each on a small fixture in tests/fixtures/speech/: what the HTML and
the plain text show, and the word loss on linguistically annotated files (tests/wordloss.py)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from lxml import html

from toolkit.build import render_paths
from toolkit.cli import main

ROOT = Path(__file__).resolve().parent
SPEECH = ROOT / "fixtures" / "speech"
SHARED = ROOT.parent.parent / "shared"
sys.path.insert(0, str(ROOT))
from wordloss import measure  # noqa: E402


def render(tmp_path: Path, name: str) -> tuple[html.HtmlElement, str]:
    render_paths([SPEECH / f"{name}.xml"], ["html", "text"], tmp_path / "out")
    page = html.parse(str(tmp_path / "out" / "html" / f"{name}.html")).getroot()
    return page, (tmp_path / "out" / "text" / f"{name}.txt").read_text(encoding="utf-8")


def words_of(element) -> str:
    """The words a reader sees in an element, a line break (br) or a block between two of them."""
    for br in element.iter("br", "div", "p", "li"):
        br.tail = " " + (br.tail or "")
        if br.tag != "br":
            br.text = " " + (br.text or "")
    return " ".join(element.text_content().split())


# ---------------------------------------------------------------- page furniture (fw)

def tei_file(path: Path, rest: str, title: str = "T") -> Path:
    """A small TEI document: a header titled ``title``, then ``rest`` (standOff, text, sourceDoc …)."""
    path.write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>{title}</title>'
                    '</titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc>'
                    f'</fileDesc></teiHeader>{rest}</TEI>', encoding="utf-8")
    return path


def test_page_furniture_is_set_apart_and_labelled_never_glued(tmp_path):
    page, text = render(tmp_path, "page-furniture")
    fws = page.xpath("//article[@id='ed-text']//span[contains(@class, 'fw')]")
    assert [fw.get("data-fw") for fw in fws] == ["running head", "page number", "signature mark", "catchword",
                                                 "running head", "page number", "page furniture"]
    # hidden in the reading view, shown in the view closer to the witness (edition.css)
    assert all("fw-witness" in fw.get("class").split() for fw in fws)
    css = (tmp_path / "out" / "html" / "edition.css").read_text(encoding="utf-8")
    assert ".js:not(.view-witness) .text .fw-witness { display: none; }" in css
    paragraph = words_of(page.xpath("//p[@id='ed-p-16']")[0])
    assert "Seite (signature mark) A 3 (catchword) kommt (running head) Vorrede. kommt bald." in paragraph
    assert "Seitekommt" not in paragraph and "Vorrede.kommt" not in paragraph
    # the plain text sets it apart, in brackets, with what it is
    flat = " ".join(text.split())
    assert "[running head: Vorrede.] [page number: 5]" in flat
    assert "das Ende der Seite [signature mark: A 3] [catchword: kommt] [running head: Vorrede.] kommt bald." in flat
    assert "Ein zweiter Absatz. [page number: 6] [page furniture: Zierleiste]" in flat


def test_page_furniture_in_a_diplomatic_transcription_is_always_shown(tmp_path):
    path = tmp_path / "dipl.xml"
    tei_file(path, '<sourceDoc><surface n="1"><zone><fw type="pageNum">12</fw>'
                    '<line>First line</line></zone></surface></sourceDoc>', title="D")
    render_paths([path], ["html", "text"], tmp_path / "out")
    page = html.parse(str(tmp_path / "out" / "html" / "dipl.html")).getroot()
    fw = page.xpath("//section[@class='surface']//span[@data-fw]")[0]
    assert fw.get("class") == "fw" and fw.get("data-fw") == "page number"
    assert "[page number: 12]" in (tmp_path / "out" / "text" / "dipl.txt").read_text(encoding="utf-8")


def test_page_furniture_is_not_in_the_citation_index_snippets(tmp_path):
    path = tmp_path / "fwindex.xml"
    tei_file(path, '<standOff><listPerson><person xml:id="x"><persName>Hans</persName>'
                    '</person></listPerson></standOff><text><body><p>Wir sahen <persName ref="#x">Hans</persName> '
                    'vor der <fw type="catch">Tür</fw><pb n="2"/> <fw type="header">Kapitel.</fw>Tür.</p></body>'
                    '</text>')
    render_paths([path], ["index"], tmp_path / "out")
    index = (tmp_path / "out" / "index" / "citation-index.json").read_text(encoding="utf-8")
    assert '"snippet": "Wir sahen Hans vor der Tür."' in index


# ---------------------------------------------------------------- speech

def test_speakers_are_named_from_the_list_of_persons_else_by_id(tmp_path):
    page, text = render(tmp_path, "parliament")
    assert [words_of(s) for s in page.xpath("//div[@class='u']/div[@class='speaker u-who']")] == \
        ["Erika Muster", "SpeakerB"]
    assert "Erika Muster:\nGuten Tag, meine Damen! Ich spreche zum Haushalt.\n\nZweitens: vielen Dank.\n" in text
    assert "SpeakerB:\nDanke.\n" in text


def test_join_right_keeps_punctuation_on_its_word_and_contractions_whole(tmp_path):
    page, _ = render(tmp_path, "parliament")
    segments = page.xpath("//div[@id='u1']/div[@class='seg u-seg']")  # each a paragraph of the speech
    assert [words_of(seg) for seg in segments] == ["Guten Tag, meine Damen! Ich spreche zum Haushalt.",
                                                   "Zweitens: vielen Dank."]


def test_touching_tokens_are_spaced_as_words(tmp_path):
    page, text = render(tmp_path, "novel-tokens")
    paragraphs = [words_of(p) for p in page.xpath("//article[@id='ed-text']//p")]
    assert paragraphs == ["Trust not in every whispering wind, she said; then she left. (Nobody followed) Later "
                          "that's all.", "A house stood there!"]
    flat = " ".join(text.split())
    assert paragraphs[0] in flat and "A house stood there!" in flat
    assert page.xpath("string(//h3)") == "Chapter One"


def test_a_comment_between_tokens_does_not_glue_them(tmp_path):
    path = tmp_path / "comment.xml"
    tei_file(path, '<text><body><p><w>one</w><!-- c --><w>two</w><?pi x?><w join="right">'
                    'three</w> <!-- c --> <pc>.</pc></p></body></text>')
    render_paths([path], ["html", "text"], tmp_path / "out")
    page = html.parse(str(tmp_path / "out" / "html" / "comment.html")).getroot()
    assert words_of(page.xpath("//article//p")[0]).endswith("one two three .")  # two spaces, each kept
    assert "one two three" in (tmp_path / "out" / "text" / "comment.txt").read_text(encoding="utf-8")


def test_annotation_blocks_show_their_speaker_and_span_groups_as_annotations(tmp_path):
    page, text = render(tmp_path, "iso-transcript")
    block = page.xpath("//div[@class='annotationBlock'][@id='ab1']")[0]
    assert words_of(block.xpath("div[@class='u']")[0]) == "A also die Äpfel sind heute frisch."
    notes = block.xpath("div[@class='annotation spanGrp']")
    assert [words_of(n) for n in notes] == ["Translation: so the apples are fresh today", "Comment: laughs"]
    assert all(n.get("role") == "note" for n in notes)
    assert not page.xpath("//div[@class='u']//*[contains(@class, 'annotation')]")  # never in the utterance
    assert "A:\nalso die Äpfel sind heute frisch.\n\n[Translation: so the apples are fresh today]\n\n" \
           "[Comment: laughs]\n\nSPK1:\nja gut, zwei Kilo?" in text


def test_word_loss_on_the_annotated_fixtures_is_nil(tmp_path):
    for name in ("novel-tokens", "iso-transcript", "parliament"):
        result = measure(SPEECH / f"{name}.xml", tmp_path / name)
        assert result is not None and result.words > 0
        assert (result.text_missing, result.html_missing) == (0, 0), (name, result.samples)


@pytest.mark.slow
def test_word_loss_on_the_shared_files_with_tokens_is_at_most_half_a_percent(tmp_path):
    folders = [SHARED / "real-tei", SHARED / "peer-tei"]
    if not all(f.is_dir() for f in folders):
        pytest.skip("../shared/real-tei and ../shared/peer-tei are not here (the shared reference corpus)")
    results = [m for f in folders for p in sorted(f.glob("*.xml")) if (m := measure(p, tmp_path / p.stem))]
    assert results, "the shared files have words in <w> elements"
    words = sum(m.words for m in results)
    assert sum(m.text_missing for m in results) <= 0.005 * words
    assert sum(m.html_missing for m in results) <= 0.005 * words


# ---------------------------------------------------------------- stand-off annotation

def test_stand_off_notes_are_rendered_as_annotations_with_their_targets(runner, tmp_path):
    result = runner.invoke(main, ["render", "html", str(SPEECH / "standoff-notes.xml"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    page = html.parse(str(tmp_path / "out" / "html" / "standoff-notes.html")).getroot()
    items = page.xpath("//section[@id='ed-annotations']/ol/li")
    assert [words_of(li) for li in items] == [
        "Commenting on ¶ 1 “We reached the harbour at dawn.”: (Comment: A. Editor) The harbour was rebuilt after "
        "the storm.",
        "Annotation on ¶ 2 “Northern Star”: The ship's name is uncertain.",
        "Sentiment on ¶ 2 “The Northern Star sails tomorrow.”: hopeful"]
    assert [li.xpath("string(a/@href)") for li in items] == ["#p1", "#ship", "#p2"]
    assert not page.xpath("//article[@id='ed-text']//*[contains(., 'rebuilt')]")  # never prose in the text
    # what standOff holds and no output shows is counted, not silently dropped
    assert ("standoff-notes.xml:22:28: warning: 2 word(s) in 1 part(s) of <standOff> are not shown: the outputs "
            "show its register entries and its annotations (listAnnotation, spanGrp), not <interp> [left-out]"
            ) in result.output
    assert result.output.count("[left-out]") == 1


def test_stand_off_notes_in_the_plain_text(tmp_path):
    _, text = render(tmp_path, "standoff-notes")
    block = text.split("\nANNOTATIONS\n", 1)[1]
    assert " ".join(block.split()) == (
        "Commenting on ¶ 1 “We reached the harbour at dawn.”: (Comment: A. Editor) The harbour was rebuilt after "
        "the storm. Annotation on ¶ 2 “Northern Star”: The ship's name is uncertain. Sentiment on ¶ 2 “The "
        "Northern Star sails tomorrow.”: hopeful")


def test_span_groups_without_words_show_nothing_and_nested_ones_are_listed_once(tmp_path):
    path = tmp_path / "spans.xml"
    tei_file(path, '<standOff><spanGrp type="pos"><span target="#w1" ana="#NN"/></spanGrp>'
                    '<listAnnotation><annotation target="#w1"><note>Nota.</note><spanGrp type="x"><span '
                    'target="#w1">inner</span></spanGrp></annotation></listAnnotation></standOff><text><body><p>'
                    '<w xml:id="w1">Haus</w><w>steht</w></p><annotationBlock><u who="#a"><w>ja</w></u><spanGrp '
                    'type="pos"><span ana="#X"/></spanGrp></annotationBlock></body></text>')
    render_paths([path], ["html", "text"], tmp_path / "out")
    page = html.parse(str(tmp_path / "out" / "html" / "spans.html")).getroot()
    assert not page.xpath("//article[@id='ed-text']//*[contains(concat(' ', @class, ' '), ' annotation ')]")
    assert [words_of(li) for li in page.xpath("//section[@id='ed-annotations']/ol/li")] == \
        ["Annotation on ¶ 1 “Haus”: Nota. X: inner"]
    text = (tmp_path / "out" / "text" / "spans.txt").read_text(encoding="utf-8")
    assert text.endswith("ANNOTATIONS\n\nAnnotation on ¶ 1 “Haus”: Nota. [X: inner]\n") and "[Pos" not in text


# ---------------------------------------------------------------- line numbers

def test_line_numbers_are_shown_once(tmp_path):
    lines = "".join(f'<l n="{n}"><lb n="{n}"/>Verse {n}</l>' for n in range(1, 11))
    path = tmp_path / "verse.xml"
    tei_file(path, f'<text><body><lg>{lines}</lg></body></text>', title="V")
    render_paths([path], ["html", "text"], tmp_path / "out")
    page = html.parse(str(tmp_path / "out" / "html" / "verse.html")).getroot()
    shown = [words_of(line) for line in page.xpath("//div[@class='l']")]
    assert shown[4] == "5 Verse 5" and shown[9] == "10 Verse 10" and shown[3] == "Verse 4"
    text = (tmp_path / "out" / "text" / "verse.txt").read_text(encoding="utf-8")
    assert re.findall(r"\b5\b", text.split("How to cite", 1)[1]) == ["5"]  # "Verse 5", no number besides


@pytest.mark.slow
def test_the_fixtures_pages_are_valid_html(tmp_path):
    from test_html_validity import nu_errors

    paths = sorted(SPEECH.glob("*.xml"))
    render_paths(paths, ["html"], tmp_path / "out")
    assert nu_errors([tmp_path / "out" / "html" / f"{p.stem}.html" for p in paths]) == []


@pytest.mark.slow
def test_the_view_closer_to_the_witness_shows_page_furniture_the_reading_view_hides_it(browser, tmp_path):
    render_paths([SPEECH / "page-furniture.xml"], ["html"], tmp_path / "out")
    url = (tmp_path / "out" / "html" / "page-furniture.html").as_uri()
    page = browser.new_page()
    try:
        page.goto(url)
        assert page.is_checked("#view-reading")
        assert page.locator("label.view-toggle", has_text="page furniture").count() == 1
        fw = page.locator(".text .fw").first
        assert not fw.is_visible()
        page.check("#view-witness")
        assert fw.is_visible() and "Vorrede." in fw.inner_text()
    finally:
        page.close()
