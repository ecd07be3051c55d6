"""The search records of one reading-edition page: what the full-text search indexes.

A page (``html/<stem>.html``, :mod:`toolkit.outputs.html`) marks what is searchable with
Pagefind's own attributes (``xslt/common/search-meta.xsl``): the text is the element with
``data-pagefind-body``; inside it, apparatus chrome (register cards, note markers, passage
labels) has ``data-pagefind-ignore``; the document's facets are head ``meta`` elements with
``data-pagefind-filter="NAME[content]"``, and the entries a passage names are register cards
with ``data-pagefind-filter="TYPE:Label"``. :func:`page_records` reads them into one
:class:`Record` per citable passage (an element with an ``id`` and ``data-cite-url``): its
words (not those of the passages nested in it), its URL (the page's, with the passage's
stable ID as fragment), its language (the text's ``lang``, BCP 47, whose primary subtag
selects Pagefind's stemming), the document's facets and the entries it names, and its label
(filter ``label``). The words of the text outside every passage (a title, a date line) make one
record for the page itself, with the document's title; a text without citable units is one
record. The document's title and the passage's label are filters, not metadata: Pagefind
indexes every metadata field as words, so a title there would make every passage of a
document a hit for each word of its title. Filters are returned with each result, unindexed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree, html

from toolkit.langtags import bcp47

__all__ = ["Record", "page_records", "pagefind_language"]

#: elements whose boundaries separate words (the others, like a link, join their neighbours)
_BLOCKS = frozenset({"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption", "figure",
                     "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
                     "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"})
_IGNORE = "data-pagefind-ignore"
_FILTER = "data-pagefind-filter"


@dataclass
class Record:
    """One search record: Pagefind's ``url``, ``content``, ``language``, ``meta`` and ``filters``."""

    url: str
    content: str
    language: str
    meta: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)


def pagefind_language(tag: str) -> str:
    """The language Pagefind indexes a record in: the BCP 47 tag's primary subtag (``en-GB``:
    ``en``), ``und`` when the page claims none (Pagefind then stems nothing)."""
    primary = bcp47(tag).split("-")[0].lower()
    return primary or "und"


def _head_filters(root: etree._Element) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The page's facets and meta from ``meta[data-pagefind-filter|meta="NAME[content]"]``."""
    filters: dict[str, list[str]] = {}
    meta: dict[str, str] = {}
    for element in root.iterfind(".//head/meta"):
        for attribute, target in ((_FILTER, "filter"), ("data-pagefind-meta", "meta")):
            spec = element.get(attribute)
            if not spec or not spec.endswith("[content]"):
                continue
            name, value = spec[: -len("[content]")].strip(), " ".join((element.get("content") or "").split())
            if not name or not value:
                continue
            if target == "filter":
                values = filters.setdefault(name, [])
                if value not in values:
                    values.append(value)
            else:
                meta[name] = value
    return filters, meta


class _Passage:
    def __init__(self, url: str, label: str):
        self.url, self.label = url, label
        self.words: list[str] = []
        self.filters: dict[str, list[str]] = {}

    def add_filter(self, spec: str) -> None:
        name, sep, value = spec.partition(":")
        name, value = name.strip(), " ".join(value.split())
        if sep and name and value:
            values = self.filters.setdefault(name, [])
            if value not in values:
                values.append(value)


def _walk(element: etree._Element, current: _Passage, passages: list[_Passage], page_url: str,
          ignored: bool) -> None:
    """Collect the words of ``element`` into ``current`` (or the passage it starts), and the
    filters of the cards in it (an ignored region's words are skipped, not its filters, as in Pagefind,
    unless it says ``data-pagefind-ignore="all"``)."""
    if not isinstance(element.tag, str):  # a comment or a processing instruction
        return
    ignore = element.get(_IGNORE)
    if ignore is not None and ignore.strip() == "all":
        return
    ignored = ignored or ignore is not None
    here = current
    pid, cite = element.get("id"), element.get("data-cite-url")
    if pid and cite is not None and not ignored:
        here = _Passage(f"{page_url}#{pid}", element.get("data-cite-label") or pid)
        passages.append(here)
    if element.get(_FILTER):
        here.add_filter(element.get(_FILTER, ""))
    block = element.tag in _BLOCKS
    if block:
        here.words.append(" ")
    if element.text and not ignored:
        here.words.append(element.text)
    for child in element:
        _walk(child, here, passages, page_url, ignored)
        if child.tail and not ignored:
            here.words.append(child.tail)
    if block:
        here.words.append(" ")


def page_records(page: Path | bytes, url: str) -> list[Record]:
    """The search records of one reading-edition page (``page``: its file or its bytes), whose
    address relative to the search bundle's site root is ``url`` (``html/<stem>.html``)."""
    data = page.read_bytes() if isinstance(page, Path) else page
    root = html.fromstring(data, parser=html.HTMLParser(encoding="utf-8", no_network=True))  # the toolkit writes UTF-8
    doc_filters, meta = _head_filters(root)
    bodies = root.xpath("//*[@data-pagefind-body]") or root.xpath("//body") or [root]
    body = bodies[0]
    language = pagefind_language(body.get("lang") or root.get("lang") or "")
    title = meta.get("title") or " ".join((root.findtext(".//title") or "").split()) or url
    whole = _Passage(url, "")
    passages: list[_Passage] = []
    for element in bodies:
        _walk(element, whole, passages, url, False)
    doc_filters.setdefault("document", [title])
    other_meta = {name: value for name, value in meta.items() if name != "title"}
    records = []
    for passage in (whole, *passages):
        content = " ".join("".join(passage.words).split())
        if passage is whole and content and title not in content:
            content = f"{title} {content}"  # the page's record finds the document by its title
        if not content:
            continue
        filters = {name: list(values) for name, values in doc_filters.items()}
        for name, values in passage.filters.items():
            filters.setdefault(name, []).extend(v for v in values if v not in filters.get(name, []))
        if passage.label:
            filters["label"] = [passage.label]
        records.append(Record(passage.url, content, language, dict(other_meta), filters))
    return records
