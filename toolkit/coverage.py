"""What the renderers leave out of the reading text, and what HTML cannot show: counted, never silent.

The stylesheets render the text of every element of ``text`` and ``sourceDoc``. Three
parts of a TEI document are left out of the reading text on purpose, because they are
shown in another form (``LEFT_OUT``). Where one of them holds words, the toolkit says
so in one warning per element name and file, with a count. Of ``standOff``, the outputs
show the register entries (as the registers) and the stand-off annotation (listAnnotation
and spanGrp, as the annotations after the notes); words in any other part of it (an
``interpGrp``, an annotation's ``revisionDesc``) are counted in one warning too.
Characters that XML allows but HTML forbids (DEL and the C1 controls, U+007F–U+009F)
are shown as U+FFFD in the HTML, counted in one warning.
"""

from __future__ import annotations

import re

from lxml import etree

from toolkit.diagnostics import WARNING, Diagnostic
from toolkit.errors import problem
from toolkit.xmlsafe import TEI_NS, ParsedDocument

#: Element (TEI namespace) → why its text is not part of the reading text.
LEFT_OUT = {
    "teiHeader": "the header is shown as the front matter and the page's metadata",
    "standOff": "standOff is shown as the registers",
    "facsimile": "facsimile images are linked from @facs; their descriptions are not part of the reading text",
}
#: Of those, the ones whose words are not shown anywhere, and so are counted in a warning.
WARNED = ("facsimile",)
#: The parts of standOff the outputs show (registers, witnesses, annotations); within them,
#: the parts they do not (an annotation's history).
STANDOFF_SHOWN = frozenset(f"{{{TEI_NS}}}{name}" for name in (
    "listPerson", "person", "personGrp", "listPlace", "place", "listOrg", "org", "listEvent", "event",
    "listBibl", "bibl", "biblStruct", "listWit", "witness", "listAnnotation", "spanGrp"))
STANDOFF_HIDDEN = frozenset({f"{{{TEI_NS}}}revisionDesc"})

_WORD = re.compile(r"\w+")
_FORBIDDEN = re.compile("[\x7f-\x9f]")


def _words(element: etree._Element) -> int:
    return sum(len(_WORD.findall(text)) for text in element.itertext())


def coverage_warnings(doc: ParsedDocument) -> list[Diagnostic]:
    """One warning per left-out element name that holds words; one for HTML-forbidden characters."""
    found: list[Diagnostic] = []
    for name in WARNED:
        elements = [e for e in doc.root.iter(f"{{{TEI_NS}}}{name}")]
        words = sum(_words(e) for e in elements)
        if words:
            first = elements[0]
            found.append(problem(doc.path, "render", "left-out",
                                 f"{words} word(s) in {len(elements)} <{name}> element(s) are not in the reading "
                                 f"text: {LEFT_OUT[name]}", first.sourceline or 1, doc.element_column(first), WARNING))
    found.extend(_standoff_warnings(doc))
    forbidden = 0
    first_line = 0
    for element in doc.root.iter():
        for text in (element.text if isinstance(element.tag, str) else None, element.tail):
            if text and _FORBIDDEN.search(text):
                forbidden += len(_FORBIDDEN.findall(text))
                first_line = first_line or element.sourceline or 1
    if forbidden:
        found.append(problem(doc.path, "render", "html-characters",
                             f"{forbidden} character(s) that HTML forbids (DEL or C1 controls, U+007F to U+009F) "
                             f"are shown as U+FFFD in the HTML; the text output keeps them", first_line, 1, WARNING))
    return found


def _unshown_words(element: etree._Element, shown: bool) -> tuple[int, etree._Element | None]:
    """Words under ``element`` that no output shows, and the first element holding some."""
    if element.tag in STANDOFF_HIDDEN:
        shown = False
    elif element.tag in STANDOFF_SHOWN:
        shown = True
    words = 0 if shown else len(_WORD.findall(element.text or ""))
    first = element if words else None
    for child in element:
        if isinstance(child.tag, str):
            count, at = _unshown_words(child, shown)
            words += count
            first = first if first is not None else at
        if not shown:
            tail = len(_WORD.findall(child.tail or ""))
            words += tail
            first = first if first is not None or not tail else element
    return words, first


def _standoff_warnings(doc: ParsedDocument) -> list[Diagnostic]:
    """One warning for the words of standOff that neither the registers nor the annotations show."""
    words, first, elements = 0, None, 0
    for standoff in doc.root.iter(f"{{{TEI_NS}}}standOff"):
        for child in standoff:
            if isinstance(child.tag, str):
                count, at = _unshown_words(child, False)
                if count:
                    words, elements = words + count, elements + 1
                    first = first if first is not None else at
    if not words or first is None:
        return []
    name = etree.QName(first).localname
    return [problem(doc.path, "render", "left-out",
                    f"{words} word(s) in {elements} part(s) of <standOff> are not shown: the outputs show its "
                    f"register entries and its annotations (listAnnotation, spanGrp), not <{name}>",
                    first.sourceline or 1, doc.element_column(first), WARNING)]
