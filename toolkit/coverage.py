"""What the renderers leave out of the reading text, and what HTML cannot show: counted, never silent.

The stylesheets render the text of every element of ``text`` and ``sourceDoc``. Three
parts of a TEI document are left out of the reading text on purpose, because they are
shown in another form (``LEFT_OUT``). Where one of them holds words, the toolkit says
so in one warning per element name and file, with a count. Characters that XML allows
but HTML forbids (DEL and the C1 controls, U+007F–U+009F) are shown as U+FFFD in the
HTML, counted in one warning.
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
