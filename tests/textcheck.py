"""The no-words-lost check shared by the renderer tests.

Every word of every text node under a TEI ``text`` must appear in the rendered
output, in document order: the words outside notes first, then the words of the
notes (which the outputs move to the end as numbered notes). A word may match
inside a longer output token, because markup can split a word (``<hi>G</hi>reat``)
that the output rightly joins. The TEI side is read with lxml, independently of
the stylesheets.
"""

from __future__ import annotations

import re

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"
WORD = re.compile(r"\w+")


def tei_words(root: etree._Element) -> tuple[list[str], list[str]]:
    """(words outside notes, words inside notes) of every TEI/text, in document order."""
    body: list[str] = []
    notes: list[str] = []

    def walk(node: etree._Element, in_note: bool) -> None:
        in_note = in_note or node.tag == f"{TEI}note"
        (notes if in_note else body).extend(WORD.findall(node.text or ""))
        for child in node:
            if isinstance(child.tag, str):
                walk(child, in_note)
            (notes if in_note else body).extend(WORD.findall(child.tail or ""))

    for text in root.iter(f"{TEI}text"):
        if not any(a.tag == f"{TEI}text" for a in text.iterancestors()):
            walk(text, False)  # a nested <text> (in <group>) is covered by its ancestor
    return body, notes


def missing_words(expected: list[str], output: str) -> list[str]:
    """Words of ``expected`` not found, in order, among the output's tokens."""
    tokens = WORD.findall(output)
    missing, i = [], 0
    for word in expected:
        j = i
        while j < len(tokens) and word not in tokens[j]:
            j += 1
        if j == len(tokens):
            missing.append(word)
        else:
            i = j
    return missing


# ---------------------------------------------------------------- words counted the TEI way

#: Elements that start a new block (their start and end split words), as the renderers treat them.
SPLITTING = {
    "p", "ab", "head", "l", "lg", "item", "list", "listBibl", "table", "row", "cell", "sp", "speaker", "stage",
    "figure", "figDesc", "div", "div1", "div2", "div3", "div4", "div5", "div6", "div7", "titlePage", "docTitle",
    "titlePart", "byline", "docAuthor", "docImprint", "docDate", "docEdition", "argument", "epigraph", "opener",
    "closer", "salute", "signed", "dateline", "trailer", "postscript", "castList", "castItem", "castGroup", "role",
    "roleDesc", "entry", "entryFree", "sense", "form", "front", "body", "back", "group", "text", "floatingText", "u",
    "note", "label", "bibl", "quote", "cit", "fw", "surface", "zone", "line", "surfaceGrp", "app", "rdg", "lem",
    "choice", "sic", "corr", "orig", "reg", "abbr", "expan", "set", "spGrp", "move", "view", "camera", "sound",
    "tech", "caption", "def", "etym", "usg", "xr", "re", "gramGrp", "pron", "hyph", "orth", "cb", "milestone",
}
BREAKS = {"lb", "pb", "cb"}
#: MathML: a formula is a unit of its own (its symbols never join the words around it).
MATHML = "{http://www.w3.org/1998/Math/MathML}math"
HTML_BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "main", "nav", "aside", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "ol", "ul", "dl", "dt", "dd", "table", "tr", "td", "th", "caption", "figure", "figcaption", "blockquote",
    "pre", "br", "hr", "details", "summary", "tbody", "thead", "math", "svg",
}


def _tei_chunks(node: etree._Element, out: list[str]) -> None:
    name = etree.QName(node).localname if isinstance(node.tag, str) else ""
    if name in BREAKS:
        if node.get("break") != "no":
            out.append(" ")
        out.append(node.tail or "")
        return
    split = name in SPLITTING or node.tag == MATHML
    if split:
        out.append(" ")
    out.append(node.text or "")
    for child in node:
        if isinstance(child.tag, str):
            _tei_chunks(child, out)
        else:
            out.append(child.tail or "")
    if split:
        out.append(" ")
    out.append(node.tail or "")


def tei_text_words(root: etree._Element) -> list[str]:
    """Every word of a document's ``text`` (and ``sourceDoc``), the TEI way: inline elements do
    not split words; blocks, and ``lb``/``pb``/``cb`` without ``break="no"``, do."""
    words: list[str] = []
    for top in root.iter(f"{TEI}text", f"{TEI}sourceDoc"):
        if any(a.tag in (f"{TEI}text", f"{TEI}sourceDoc") for a in top.iterancestors()):
            continue
        chunks: list[str] = []
        saved, top.tail = top.tail, None
        _tei_chunks(top, chunks)
        top.tail = saved
        words.extend(WORD.findall("".join(chunks)))
    return words


def html_visible_words(page) -> list[str]:
    """The words a reader sees in an HTML page's body (no script or style), blocks splitting words."""
    chunks: list[str] = []

    def walk(node) -> None:
        name = etree.QName(node).localname.lower() if isinstance(node.tag, str) else ""
        classes = (node.get("class") or "").split() if isinstance(node.tag, str) else []
        # not shown: scripts and styles; register cards (shown only on hover or focus, as a
        # popover) and text for screen readers only
        if name in ("script", "style", "template") or {"ent-card", "visually-hidden"} & set(classes):
            chunks.append(node.tail or "")
            return
        split = name in HTML_BLOCKS
        chunks.append(" " if split else "")
        chunks.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            else:
                chunks.append(child.tail or "")
        chunks.append(" " if split else "")
        chunks.append(node.tail or "")

    body = page.find(".//body")
    walk(body if body is not None else page)
    return WORD.findall("".join(chunks))


def loss(expected: list[str], shown: list[str]) -> tuple[int, list[str]]:
    """(number of words of ``expected`` missing from ``shown``, a sample of them), as multisets,
    case-insensitively (a heading may be upper-cased)."""
    from collections import Counter

    have = Counter(w.casefold() for w in shown)
    missing = []
    for word in expected:
        key = word.casefold()
        if have[key] > 0:
            have[key] -= 1
        else:
            missing.append(word)
    return len(missing), missing[:20]
