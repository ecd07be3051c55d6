"""The TEI of one passage or of a range of passages, cut from a document (DTS Document).

The result is a TEI document: the original root element (its attributes and namespaces),
the original ``teiHeader`` unchanged, then the chain of elements from ``text`` down to the
passages' nearest common ancestor (each with its own attributes, without its other
content), and in it a ``dts:wrapper`` holding exactly the requested passages. A passage is
copied whole, its markup unchanged; a range keeps what lies between its ends in document
order, with the elements it only partly covers copied with their attributes and the covered
part of their content.
"""

from __future__ import annotations

import copy

from lxml import etree

from toolkit.xmlsafe import TEI_NS

__all__ = ["DTS_NS", "passage_tei"]

DTS_NS = "https://w3id.org/api/dts#"


class _Span:
    """Document positions: an element's first and last (its last descendant's) position."""

    def __init__(self, root: etree._Element):
        self.first: dict[etree._Element, int] = {}
        self.last: dict[etree._Element, int] = {}
        stack: list[etree._Element] = []
        position = 0
        for event, el in etree.iterwalk(root, events=("start", "end")):
            if not isinstance(el.tag, str):
                continue
            if event == "start":
                position += 1
                self.first[el] = position
                stack.append(el)
            else:
                self.last[el] = position
                stack.pop()


def _shallow(el: etree._Element) -> etree._Element:
    return etree.Element(el.tag, attrib=dict(el.attrib), nsmap=el.nsmap)


def _prune(source: etree._Element, target: etree._Element, lo: int, hi: int, span: _Span) -> None:
    """Copy into ``target`` the children of ``source`` that fall in positions [lo, hi]."""
    children = list(source)
    inside = [isinstance(c.tag, str) and span.first[c] >= lo and span.last[c] <= hi for c in children]
    overlap = [isinstance(c.tag, str) and span.first[c] <= hi and span.last[c] >= lo for c in children]
    if source.text and span.first.get(source, 0) >= lo and any(overlap):
        target.text = source.text
    for i, child in enumerate(children):
        if not isinstance(child.tag, str):
            # a comment or processing instruction: kept when the elements around it are both kept
            before = next((inside[j] for j in range(i - 1, -1, -1) if isinstance(children[j].tag, str)), False)
            after = next((inside[j] for j in range(i + 1, len(children)) if isinstance(children[j].tag, str)), False)
            if before and after:
                target.append(copy.deepcopy(child))
            continue
        if inside[i]:
            kept = copy.deepcopy(child)
        elif overlap[i]:
            kept = _shallow(child)
            _prune(child, kept, lo, hi, span)
        else:
            continue
        kept.tail = None
        later = [overlap[j] for j in range(i + 1, len(children)) if isinstance(children[j].tag, str)]
        if child.tail and later and later[0]:
            kept.tail = child.tail
        target.append(kept)


def passage_tei(root: etree._Element, start: etree._Element, end: etree._Element | None = None,
                wrapped: bool = True) -> bytes:
    """The TEI document holding the passage ``start`` (or the range ``start`` … ``end``); with
    ``wrapped`` False, the passage stands where the ``dts:wrapper`` would (plain TEI, for the
    stylesheets)."""
    end = start if end is None else end
    span = _Span(root)
    lo, hi = span.first[start], span.last[end]
    ancestors_start = [start, *start.iterancestors()]
    ancestors_end = {id(a) for a in [end, *end.iterancestors()]}
    common = next(a for a in ancestors_start if id(a) in ancestors_end)
    above = common.getparent()
    if (common is start or common is end) and above is not None:  # one end contains the other: cut from its parent
        common = above
    result = _shallow(root)
    result.text = root.text
    header = root.find(f"{{{TEI_NS}}}teiHeader")
    if header is not None:
        result.append(copy.deepcopy(header))
    chain = [a for a in reversed(list(common.iterancestors())) if a is not root]
    if common is not root:
        chain.append(common)
    parent = result
    for element in chain:
        copied = _shallow(element)
        parent.append(copied)
        parent = copied
    if wrapped:
        parent = etree.SubElement(parent, f"{{{DTS_NS}}}wrapper", nsmap={"dts": DTS_NS})
    _prune(common, parent, lo, hi, span)
    return etree.tostring(result.getroottree(), xml_declaration=True, encoding="UTF-8") + b"\n"
