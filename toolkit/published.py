"""What a document publishes that readers cite: its passage IDs and its register IDs.

The passages are the citable units of the document's citation tree (:mod:`toolkit.citetree`,
the one source of what the HTML, the text, the index and DTS cite): each is published under
its HTML id (``anchor``: the element's xml:id, else the stylesheets' positional id), which is
the fragment of its URL (``html/<stem>.html#par-3``), and its DTS reference (``ref``: "¶ 3").
The register IDs are the xml:ids of the entries the citation index lists (persons, groups,
places, organisations, events, and the works of a listBibl that a name points to, exactly as
``xslt/common/registers.xsl``'s ``ed:is-entry`` says), the fragments of their URLs in the
index (``index/citation-index.html#stalin``).

:func:`published_ids` is computed in the worker that renders the document (the output kind
``ids``, :mod:`toolkit.outputs.ids`), cached with it, and read by the release check and by
``tei release`` (:mod:`toolkit.releases`).
"""

from __future__ import annotations

import json
from typing import Any

from lxml import etree

from toolkit.citetree import citation_tree
from toolkit.xmlsafe import TEI_NS, ParsedDocument

__all__ = ["history", "published_ids", "published_json"]

T = f"{{{TEI_NS}}}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_ENTRIES = {T + n for n in ("person", "personGrp", "place", "org", "event")}
_WORKS = {T + "bibl", T + "biblStruct"}


def _pointed_to(root: etree._Element) -> set[str]:
    """The ids some ``@ref="#id …"`` points to."""
    found: set[str] = set()
    for el in root.iter(etree.Element):
        for token in (el.get("ref") or "").split():
            if token.startswith("#"):
                found.add(token[1:])
    return found


def _is_entry(el: etree._Element, pointed: set[str]) -> bool:
    if el.tag in _ENTRIES:
        return True
    if el.tag in _WORKS:
        parent = el.getparent()
        return (parent is not None and parent.tag == T + "listBibl" and el.get(XML_ID) in pointed
                and not any(a.tag == T + "fileDesc" for a in el.iterancestors()))
    return False


def _kind(el: etree._Element) -> str:
    """The kind the index groups an entry under (its anchor there is KIND-ID): person (persons and
    groups), place, org, event, work (``ed:entry-type``)."""
    name = etree.QName(el).localname
    return "work" if name in ("bibl", "biblStruct") else "person" if name == "personGrp" else name


def _position(doc: ParsedDocument, el: etree._Element | None) -> list[int]:
    """[line, column] of an element's start tag ([1, 1] when there is none)."""
    if el is None or el.sourceline is None:
        return [1, 1]
    return [el.sourceline, doc.element_column(el)]


def published_ids(doc: ParsedDocument) -> dict[str, Any]:
    """The document's citable IDs: ``passages`` (each ``id``, ``ref``, ``label``, in document
    order), ``registers`` (ids, in document order) with their kinds (``register-types``: the
    index's anchor of an entry is KIND-ID) and ``where``: the [line, column] at which a
    missing passage or register ID is reported (the ``text`` element, the first register entry's
    list; the root element when there is none)."""
    root = doc.root
    tree = citation_tree(root)
    passages = [{"id": u.anchor, "ref": u.identifier, "label": u.label} for u in tree.units]
    pointed = _pointed_to(root)
    entries = [el for el in root.iter(etree.Element) if el.get(XML_ID) and _is_entry(el, pointed)]
    seen: set[str] = set()
    registers = []
    kinds = {}
    for el in entries:
        ident = el.get(XML_ID, "")
        if ident not in seen:
            seen.add(ident)
            registers.append(ident)
            kinds[ident] = _kind(el)
    text = root.find(f"{T}text")
    first_list = entries[0].getparent() if entries else None
    return {"passages": passages, "registers": registers, "register-types": kinds,
            "where": {"passages": _position(doc, text if text is not None else root),
                      "registers": _position(doc, first_list if first_list is not None else root)}}


def history(doc: ParsedDocument) -> dict[str, Any]:
    """The document's ``title`` (the titleStmt's first) and its ``revisions``: each
    ``revisionDesc`` ``change`` (``when``, ``who``, its words), in the header's order."""
    header = doc.root.find(f"{T}teiHeader")
    title = header.find(f"{T}fileDesc/{T}titleStmt/{T}title") if header is not None else None
    changes = header.iterfind(f"{T}revisionDesc//{T}change") if header is not None else iter(())
    return {"title": " ".join("".join(title.itertext()).split()) if title is not None else "",
            "revisions": [{"when": c.get("when") or c.get("notBefore") or "", "who": c.get("who") or "",
                           "text": " ".join("".join(c.itertext()).split())} for c in changes]}


def published_json(doc: ParsedDocument, stem: str, source: str) -> str:
    """:func:`published_ids` and :func:`history`, with the document's stem and source path, as
    sorted JSON."""
    data = {"document": stem, "source": source, **published_ids(doc), **history(doc)}
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
