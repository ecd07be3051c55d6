"""Distributed Text Services (DTS) 1.0: the Entry, Collection, Navigation and Document endpoints.

Pure functions over a :class:`Library` (the built edition's TEI documents): each takes
the request's query parameters and returns a :class:`Reply` (status, media type, body);
a bad or impossible request raises :class:`DtsError` with the status the specification
gives (400, 404). :mod:`toolkit.server` puts them on HTTP; :mod:`toolkit.dts_static`
writes the parameterless responses as files.

* The project is the root collection (``@id`` "root"); each TEI document is a
  ``Resource`` whose ``@id`` is its file name without ``.xml`` (the id the index and the
  outputs use), with ``dublinCore`` from its header (the facts ``xslt/metadata.xsl`` reads
  for the deposit's Dublin Core) and one ``CitationTree`` (:mod:`toolkit.citetree`).
* Navigation follows the table "Usage of down, ref, start and end" of the specification.
* Document returns TEI (``application/tei+xml``): the whole file as it is, or one passage
  or a range wrapped in ``dts:wrapper`` with the original header (:mod:`toolkit.passage`);
  ``mediaType=text/html`` or ``text/plain`` renders the same passage with the edition's
  stylesheets.
* Version 1.0 fixes the status codes of errors but not their bodies; the body is the JSON
  ``Status`` object (Hydra) that the DTS drafts used: ``@type``, ``statusCode``,
  ``title``, ``description``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from lxml import etree

from toolkit.citetree import CitableUnit, CitationTree, citation_tree
from toolkit.context import BuildContext
from toolkit.langtags import document_language
from toolkit.outputs.html import HTML
from toolkit.outputs.text import TEXT
from toolkit.passage import passage_tei
from toolkit.render import render_one
from toolkit.xmlsafe import ParsedDocument, parse_bytes
from toolkit.xslt import engine

__all__ = ["CONTEXT", "DtsError", "Library", "Reply", "collection", "document", "entry", "navigation"]

CONTEXT = "https://dtsapi.org/context/v1.0.json"
VERSION = "1.0"
ROOT_ID = "root"
TEI_MEDIA = "application/tei+xml"
JSONLD = "application/ld+json"
MEDIA_TYPES = (TEI_MEDIA, "text/html", "text/plain")
DC = "{http://purl.org/dc/elements/1.1/}"
TEI = "{http://www.tei-c.org/ns/1.0}"
#: Dublin Core terms whose values are not language-dependent (given as plain literals)
LITERAL_TERMS = ("date", "identifier", "type", "format", "language")
STATUS_TITLES = {400: "Bad Request", 404: "Not Found", 410: "Gone"}


class DtsError(Exception):
    """A request the specification answers with an error status."""

    def __init__(self, status: int, description: str):
        super().__init__(description)
        self.status, self.description = status, description

    def body(self) -> dict:
        return {"@context": "http://www.w3.org/ns/hydra/context.jsonld", "@type": "Status", "dtsVersion": VERSION,
                "statusCode": self.status, "title": STATUS_TITLES.get(self.status, "Error"),
                "description": self.description}


@dataclass
class Reply:
    """A response: status, media type, body (JSON data or bytes) and extra headers."""

    body: Any
    media_type: str = JSONLD
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Document:
    """One resource: its parsed TEI, its bytes, its citation tree and header metadata."""

    id: str
    parsed: ParsedDocument
    tree: CitationTree
    title: str
    lang: str
    dublin_core: dict[str, Any]
    #: the modification time and size of the file and of each file it reads, when it was read
    #: (to reuse it while they are unchanged)
    stamp: tuple = ()


def _dublin_core(parsed: ParsedDocument, lang: str, context: BuildContext) -> tuple[str, dict[str, Any]]:
    """The title and the Dublin Core of a document, from the facts metadata.xsl reads."""
    params = context.stylesheet_params(None, format="dc")
    dc = etree.fromstring(engine(context).transform("metadata.xsl", parsed.root, params).encode())
    values: dict[str, list[str]] = {}
    for el in dc:
        if isinstance(el.tag, str) and el.tag.startswith(DC) and (el.text or "").strip():
            values.setdefault(el.tag[len(DC):], []).append(" ".join((el.text or "").split()))
    metadata: dict[str, Any] = {}
    for term, items in values.items():
        if term in LITERAL_TERMS:
            metadata[term] = items[0] if len(items) == 1 else items
        else:
            metadata[term] = [{"lang": lang, "value": value} for value in items]
    title = (values.get("title") or [""])[0]
    return title, metadata


def load_document(doc_id: str, data: bytes, path: str, context: BuildContext) -> Document:
    parsed = parse_bytes(data, path, context.project.parse_options(path))
    lang = document_language(parsed.root) or "und"
    title, metadata = _dublin_core(parsed, lang, context)
    return Document(doc_id, parsed, citation_tree(parsed.root), title or doc_id, lang, metadata)


def _stamp(files: tuple[str, ...]) -> tuple:
    """The modification time and size of each file (None: not there): what tells a changed
    document, or a changed file it reads, from an unchanged one."""
    stamps: list[tuple[int, int] | None] = []
    for name in files:
        try:
            stat = Path(name).stat()
            stamps.append((stat.st_mtime_ns, stat.st_size))
        except OSError:
            stamps.append(None)
    return tuple(stamps)


class Library:
    """The documents served: each TEI file of a folder (or a list of files), by id."""

    def __init__(self, files: list[Path], context: BuildContext, title: str = "", page_size: int = 100,
                 nav_page_size: int = 1000, previous: Library | None = None):
        """``context``: the build context the documents are rendered with (passages as HTML or
        text). ``previous``: a library of the same files read earlier with the same context;
        its documents whose file is unchanged (same modification time and size, and so are the
        files it includes and the entity sets it reads) are kept instead of being read again."""
        self.context = context
        if previous is not None and previous.context.key != context.key:
            previous = None
        self.documents: dict[str, Document] = {}
        for path in sorted(files, key=lambda p: p.stem):
            kept = previous.documents.get(path.stem) if previous is not None else None
            if (kept is None or kept.parsed.path != str(path)
                    or kept.stamp != _stamp((str(path), *kept.parsed.dependencies))):
                kept = load_document(path.stem, path.read_bytes(), str(path), context)
                kept.stamp = _stamp((str(path), *kept.parsed.dependencies))
            self.documents[path.stem] = kept
        self.title = title or (next(iter(self.documents.values())).title if len(self.documents) == 1
                               else f"TEI documents ({len(self.documents)})")
        self.page_size, self.nav_page_size = page_size, nav_page_size

    @classmethod
    def from_folder(cls, folder: Path, context: BuildContext, **options: Any) -> Library:
        return cls(sorted(Path(folder).glob("*.xml")), context, **options)

    def get(self, doc_id: str | None) -> Document:
        if not doc_id:
            raise DtsError(400, "the resource parameter is required")
        found = self.documents.get(doc_id)
        if found is None:
            raise DtsError(404, f"no resource {doc_id!r}")
        return found


# ---- URI templates ---------------------------------------------------------------------------

def _q(value: str) -> str:
    return quote(value, safe="")


def templates(api: str) -> dict[str, str]:
    return {"collection": f"{api}/collection{{?id,page,nav}}",
            "navigation": f"{api}/navigation{{?resource,ref,start,end,down,tree,page}}",
            "document": f"{api}/document{{?resource,ref,start,end,tree,mediaType}}"}


def entry(api: str) -> Reply:
    """The Entry endpoint: the three endpoints as URI templates."""
    return Reply({"@context": CONTEXT, "dtsVersion": VERSION, "@id": api, "@type": "EntryPoint", **templates(api)})


def _resource(doc: Document, api: str, full: bool = True) -> dict:
    data: dict[str, Any] = {
        "@id": doc.id, "@type": "Resource", "title": doc.title, "totalParents": 1, "totalChildren": 0,
        "collection": f"{api}/collection?id={_q(doc.id)}{{&nav}}",
        "navigation": f"{api}/navigation?resource={_q(doc.id)}{{&ref,start,end,down,tree,page}}",
        "document": f"{api}/document?resource={_q(doc.id)}{{&ref,start,end,tree,mediaType}}",
        "citationTrees": [_citation_tree(doc.tree)],
    }
    if not doc.tree.units:
        data["citationTrees"] = []
    if full:
        data["dublinCore"] = doc.dublin_core
        data["mediaTypes"] = list(MEDIA_TYPES)
        data["download"] = f"{api}/document?resource={_q(doc.id)}"
    return data


def _citation_tree(tree: CitationTree) -> dict:
    return {"@type": "CitationTree", "citeStructure": [node.as_json() for node in tree.structure]}


def _root_collection(library: Library, api: str) -> dict:
    return {"@id": ROOT_ID, "@type": "Collection", "title": library.title, "totalParents": 0,
            "totalChildren": len(library.documents), "collection": f"{api}/collection{{?id,page,nav}}"}


def _page(items: list, page: str | None, size: int) -> tuple[list, int, int]:
    """One page of ``items``: (the page's items, its number, the number of pages)."""
    pages = max(1, math.ceil(len(items) / size))
    if page is None:
        return (items[:size] if pages > 1 else items), 1, pages
    if not re.fullmatch(r"[0-9]+", page) or int(page) < 1:
        raise DtsError(400, f"page must be a positive integer, not {page!r}")
    number = int(page)
    if number > pages:
        raise DtsError(404, f"page {number} does not exist: there are {pages}")
    return items[(number - 1) * size: number * size], number, pages


def _view(url: str, params: dict[str, str], number: int, pages: int) -> dict:
    def at(n: int) -> str:
        return f"{url}?{urlencode({**params, 'page': str(n)})}"
    return {"@id": at(number), "@type": "Pagination", "first": at(1), "previous": at(max(1, number - 1)),
            "next": at(min(pages, number + 1)), "last": at(pages)}


def collection(library: Library, api: str, params: dict[str, str]) -> Reply:
    """The Collection endpoint: the root collection, or one resource; children or parents."""
    doc_id = params.get("id") or ROOT_ID
    nav = params.get("nav", "children")
    if nav not in ("children", "parents"):
        raise DtsError(400, f"nav must be 'children' or 'parents', not {nav!r}")
    if doc_id == ROOT_ID:
        data = _root_collection(library, api)
        members = [_resource(d, api, full=True) for d in library.documents.values()] if nav == "children" else []
    else:
        doc = library.get(doc_id)
        data = _resource(doc, api)
        members = [_root_collection(library, api)] if nav == "parents" else []
    shown, number, pages = _page(members, params.get("page"), library.page_size)
    data = {"@context": CONTEXT, "dtsVersion": VERSION, **data, "member": shown}
    if pages > 1:
        data["view"] = _view(f"{api}/collection", {k: v for k, v in params.items() if k != "page"}, number, pages)
    return Reply(data)


# ---- Navigation ------------------------------------------------------------------------------

def _words(el: etree._Element) -> str:
    """An element's words, its notes left out (their tails kept)."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag != f"{TEI}note":
            parts.append(_words(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _unit_title(unit: CitableUnit) -> str:
    """A citable unit's title: its own head ("Scene 1"), notes left out, else its label ("1.1")."""
    head = unit.element.find(f"{TEI}head")
    title = " ".join(_words(head).split()) if head is not None else ""
    return title or unit.label


def _unit(unit: CitableUnit, doc: Document, site: str) -> dict:
    data: dict[str, Any] = {"identifier": unit.identifier, "@type": "CitableUnit", "level": unit.level,
                            "parent": unit.parent, "citeType": unit.cite_type,
                            "dublinCore": {"title": [{"lang": doc.lang, "value": _unit_title(unit)}]}}
    if site and unit.passage:
        data["@id"] = f"{site}/html/{_q(doc.id)}.html#{_q(unit.anchor)}"
    return data


def _down(value: str | None) -> int | None:
    if value is None:
        return None
    if not re.fullmatch(r"-?[0-9]+", value) or int(value) < -1:
        raise DtsError(400, f"down must be an integer of -1 or more, not {value!r}")
    return int(value)


def _tree(doc: Document, tree: str | None) -> CitationTree:
    if tree is not None:
        raise DtsError(404, f"{doc.id!r} has no citation tree {tree!r}: it has only its default tree")
    return doc.tree


def _lookup(doc: Document, ref: str) -> CitableUnit:
    unit = doc.tree.by_id.get(ref)
    if unit is None:
        raise DtsError(404, f"{doc.id!r} has no citable unit {ref!r}")
    return unit


def _check_range(ref: str | None, start: str | None, end: str | None) -> None:
    if ref is not None and (start is not None or end is not None):
        raise DtsError(400, "ref cannot be combined with start or end")
    if (start is None) != (end is None):
        raise DtsError(400, "start and end must be given together")


def _range(doc: Document, start: CitableUnit, end: CitableUnit) -> list[CitableUnit]:
    units = doc.tree.units
    first, last = units.index(start), units.index(end)
    if first > last:
        raise DtsError(400, f"start {start.identifier!r} comes after end {end.identifier!r}")
    while last + 1 < len(units) and _is_below(units[last + 1], end, doc.tree):
        last += 1
    return units[first:last + 1]


def _is_below(unit: CitableUnit, ancestor: CitableUnit, tree: CitationTree) -> bool:
    parent = unit.parent
    while parent is not None:
        if parent == ancestor.identifier:
            return True
        parent = tree.by_id[parent].parent
    return False


def _members(doc: Document, down: int | None, ref: CitableUnit | None,
             span: tuple[CitableUnit, CitableUnit, list[CitableUnit]] | None) -> list[CitableUnit] | None:
    """The member array by the specification's table (None: no member property); ``span``: start,
    end and the units from start to end, when the request names a range."""
    if down is None:
        if ref is None and span is None:
            raise DtsError(400, "give ref, start and end, or down")
        return None
    if down == 0:
        if ref is None:
            raise DtsError(400, "down=0 needs ref (it asks for the siblings of ref)")
        return list(doc.tree.children.get(ref.parent, []))
    if ref is not None:
        limit = ref.level + down
        return [ref] + [u for u in doc.tree.descendants(ref, -1) if down < 0 or u.level <= limit]
    if span is not None:
        start, end, units = span
        limit = max(start.level, end.level) + down
        return [u for u in units if down < 0 or u.level <= limit]
    return doc.tree.descendants(None, down)


def navigation(library: Library, api: str, site: str, url: str, params: dict[str, str]) -> Reply:
    """The Navigation endpoint (``url``: the request's absolute URL, the response's @id)."""
    doc = library.get(params.get("resource"))
    ref, start, end = params.get("ref"), params.get("start"), params.get("end")
    _check_range(ref, start, end)
    down = _down(params.get("down"))
    tree = _tree(doc, params.get("tree"))
    data: dict[str, Any] = {"@context": CONTEXT, "dtsVersion": VERSION, "@type": "Navigation", "@id": url,
                            "resource": _resource(doc, api, full=False)}
    if not tree.units:  # a resource without a citation tree: an empty member array, never an error
        data["member"] = []
        return Reply(data)
    ref_unit = _lookup(doc, ref) if ref is not None else None
    start_unit = _lookup(doc, start) if start is not None else None
    end_unit = _lookup(doc, end) if end is not None else None
    span = None
    if start_unit is not None and end_unit is not None:  # a range that runs backwards is refused here
        span = (start_unit, end_unit, _range(doc, start_unit, end_unit))
    members = _members(doc, down, ref_unit, span)
    for name, unit in (("ref", ref_unit), ("start", start_unit), ("end", end_unit)):
        if unit is not None:
            data[name] = _unit(unit, doc, site)
    if members is not None:
        shown, number, pages = _page(members, params.get("page"), library.nav_page_size)
        data["member"] = [_unit(u, doc, site) for u in shown]
        if pages > 1:
            base = url.split("?", 1)[0]
            data["view"] = _view(base, {k: v for k, v in params.items() if k != "page"}, number, pages)
    return Reply(data)


# ---- Document --------------------------------------------------------------------------------

def document(library: Library, api: str, params: dict[str, str]) -> Reply:
    """The Document endpoint: the TEI of the whole resource, of one passage or of a range."""
    doc = library.get(params.get("resource"))
    ref, start, end = params.get("ref"), params.get("start"), params.get("end")
    _check_range(ref, start, end)
    media = params.get("mediaType") or TEI_MEDIA
    if media not in MEDIA_TYPES:
        raise DtsError(404, f"media type {media!r} is not available; available: {', '.join(MEDIA_TYPES)}")
    headers = {"Link": f'<{api}/collection?id={_q(doc.id)}>; rel="collection"'}
    if ref is None and start is None:  # the whole resource: tree has no effect here (specification)
        data = doc.parsed.standalone() if media == TEI_MEDIA else _render(doc.parsed, doc.id, media, library.context)
        return Reply(data, media, headers=headers)
    _tree(doc, params.get("tree"))
    if ref is not None:
        first = last = _lookup(doc, ref)
    else:
        first, last = _lookup(doc, start or ""), _lookup(doc, end or "")
        _range(doc, first, last)
    if media == TEI_MEDIA:
        return Reply(passage_tei(doc.parsed.root, first.element, last.element), media, headers=headers)
    plain = passage_tei(doc.parsed.root, first.element, last.element, wrapped=False)
    passage = parse_bytes(plain, doc.parsed.path, doc.parsed.options)
    return Reply(_render(passage, doc.id, media, library.context), media, headers=headers)


def _render(parsed: ParsedDocument, stem: str, media: str, context: BuildContext) -> bytes:
    outputs = render_one(parsed, stem, context, [HTML if media == "text/html" else TEXT])
    text = next(iter(outputs.files.values()))
    return text.encode("utf-8") if isinstance(text, str) else text
