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
