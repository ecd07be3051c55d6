"""The stylesheets say one thing once: no template rule is shadowed by another with the
same match pattern in the same mode (it would never run, and a reader would edit the
wrong one)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from lxml import etree

XSLT = Path(__file__).resolve().parent.parent / "xslt"
XSL = "http://www.w3.org/1999/XSL/Transform"
ENTRY_STYLESHEETS = sorted(XSLT.glob("*.xsl"))


def closure(entry: Path) -> list[Path]:
    """The entry stylesheet and every stylesheet it includes, directly or not."""
    seen: list[Path] = []
    todo = [entry.resolve()]
    while todo:
        path = todo.pop(0)
        if path in seen:
            continue
        seen.append(path)
        for include in etree.parse(str(path)).getroot().iterfind(f"{{{XSL}}}include"):
            todo.append((path.parent / include.get("href")).resolve())
    return seen


def alternatives(pattern: str) -> list[str]:
    """A match pattern split on its top-level "|" (not inside predicates, parentheses or
    strings), each alternative with its whitespace normalised."""
    parts, depth, quote, current = [], 0, "", []
    for char in pattern:
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [" ".join(part.split()) for part in parts if part.strip()]


def test_alternatives_split_only_at_top_level():
    assert alternatives("a | b[c | d] | e[@x = 'f|g']") == ["a", "b[c | d]", "e[@x = 'f|g']"]


@pytest.mark.parametrize("entry", ENTRY_STYLESHEETS, ids=lambda p: p.name)
def test_no_two_templates_match_the_same_pattern_in_the_same_mode(entry):
    where: dict[tuple[str, str], list[str]] = defaultdict(list)
    for path in closure(entry):
        for template in etree.parse(str(path)).getroot().iterfind(f"{{{XSL}}}template"):
            if template.get("match") is None:
                continue
            for mode in (template.get("mode") or "#default").split():
                for alternative in alternatives(template.get("match")):
                    where[(mode, alternative)].append(f"{path.relative_to(XSLT)}:{template.sourceline}")
    shadowed = {key: places for key, places in where.items() if len(places) > 1}
    assert not shadowed, "\n".join(f"mode {mode}, match {alt!r}: {', '.join(places)}"
                                   for (mode, alt), places in sorted(shadowed.items()))


def test_html_and_text_give_a_quotation_the_same_marks(tmp_path):
    """One rule (common/quotes.xsl): the marks, their nesting and the quotations that carry
    their own marks are the same in the HTML and in the plain text."""
    from lxml import html

    from toolkit.build import render_paths

    header = ('<teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P</p>'
              '</publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>')
    body = ('<text><body><p>He said <q>you said <said>no</said> twice</q>, then <q>“mine”</q> and '
            '<quote rend="pre(“)">rend</quote>.</p></body></text>')
    path = tmp_path / "doc.xml"
    path.write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0">{header}{body}</TEI>', encoding="utf-8")
    render_paths([path], ["html", "text"], tmp_path / "out")
    page = html.parse(str(tmp_path / "out" / "html" / "doc.html")).getroot()
    text = (tmp_path / "out" / "text" / "doc.txt").read_text(encoding="utf-8")
    expected = "He said “you said ‘no’ twice”, then “mine” and rend."
    assert expected in " ".join(page.xpath("//article//p")[0].text_content().split())
    assert expected in " ".join(text.split())
    assert [q.get("data-marks") for q in page.xpath("//q")] == [None, None, "own", "own"]
