"""The citation index, merged from the documents' partial indexes in bounded memory.

The reduce step of a build. Each document's partial index (``index.xsl``, format
``partial``) is spilled to an SQLite file in the run's scratch folder as soon as it arrives:
the document's links and passages, and one row per register entry and per date, with the
sort key the stylesheet computed (``@sort``). Nothing of it stays in memory.

The index files are then written as they go. ``index.xsl`` renders the page's frame (an
``ed:summary`` in, formats ``html`` and ``json``), in which every list that grows with the
corpus is a slot; the slots are filled, in order, by the same stylesheet's items (formats
``html-items`` and ``json-items``) for successive batches of about :data:`BATCH_BYTES` of
partials, read from the file in the order the stylesheet sorts by. The protocol is typed: the
HTML frame marks a slot with a processing instruction (``<?ed-slot SECTION>``, which no escaped
text contains), found with :func:`html_slots`; the JSON frame and items come as JSON in XML
(:mod:`toolkit.jsonxml`), read as data and written by Python's JSON serialiser as the items
arrive (:class:`~toolkit.jsonxml.Stream`), never pasted together as text. The whole-page path
(Oxygen, one document) and the streamed path render every item with the same templates, and
the tests compare their bytes. Memory holds one batch, not the corpus: a group larger than a
batch (one register entry cited by every document) is written in pieces, its head and then its
citations a batch at a time.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO
from xml.sax.saxutils import quoteattr

from lxml import etree

from toolkit.context import BuildContext
from toolkit.jsonxml import Slot, Stream, dump, to_python
from toolkit.staging import Staging
from toolkit.xmlsafe import ED_NS as ED
from toolkit.xmlsafe import make_parser
from toolkit.xslt import engine

__all__ = ["BATCH_BYTES", "IndexMerge"]

#: the size of the partials' XML handed to the stylesheet at a time
BATCH_BYTES = 1 << 20
_ENTITY, _DATE = 0, 1
#: how the HTML frame marks a slot (index.xsl writes a processing instruction, ``ed-slot SECTION``)
SLOT_PI = "<?ed-slot "
_SCHEMA = """
CREATE TABLE docs(pos INTEGER PRIMARY KEY, head TEXT NOT NULL, body TEXT NOT NULL, digest BLOB NOT NULL,
                  partial TEXT NOT NULL);
CREATE TABLE items(kind INTEGER, rank INTEGER, key TEXT, pos INTEGER, seq INTEGER, xml TEXT);
CREATE TABLE groups(kind INTEGER, rank INTEGER, key TEXT, sort TEXT, pos INTEGER, seq INTEGER, size INTEGER,
                    type TEXT, PRIMARY KEY (kind, rank, key));
"""
# A group sorts by the key of its first item (document order), as xsl:for-each-group does.
_GROUP = """
INSERT INTO groups VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (kind, rank, key) DO UPDATE SET
  size = groups.size + excluded.size,
  sort = iif((excluded.pos, excluded.seq) < (groups.pos, groups.seq), excluded.sort, groups.sort),
  seq = iif((excluded.pos, excluded.seq) < (groups.pos, groups.seq), excluded.seq, groups.seq),
  pos = min(excluded.pos, groups.pos)
"""


def partial_digest(partial: str) -> bytes:
    return hashlib.sha256(partial.encode()).digest()


class IndexMerge:
    """The partial indexes of one run, spilled to ``folder/index.sqlite``."""

    def __init__(self, folder: Path, batch_bytes: int = BATCH_BYTES):
        self.batch_bytes = batch_bytes
        self._db = sqlite3.connect(folder / "index.sqlite", isolation_level=None)
        self._db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" + _SCHEMA)
        self._db.execute("BEGIN")

    # ------------------------------------------------------------------ spill

    def add(self, position: int, partial: str) -> None:
        """Spill one document's partial index (``position``: the document's place in the run)."""
        root = etree.fromstring(partial.encode(), make_parser())
        head = "<ed:partial" + "".join(f" {name}={quoteattr(value)}" for name, value in root.attrib.items()) + ">"
        body = [etree.tostring(child, encoding="unicode") for child in root
                if child.tag in (f"{{{ED}}}source", f"{{{ED}}}passage")]
        self._db.execute("INSERT INTO docs VALUES (?, ?, ?, ?, ?)",
                         (position, head, head + "".join(body) + "</ed:partial>", partial_digest(partial), partial))
        for seq, child in enumerate(root):
            if child.tag == f"{{{ED}}}entity" and (child.get("rank") or "").isdigit():
                # the entry's kind and its place in the index's order of kinds (index.xsl's $ed:types)
                kind, rank, kind_name = _ENTITY, int(child.get("rank", "")), child.get("type", "")
                key, sort = child.get("id", ""), child.get("sort", "")
            elif child.tag == f"{{{ED}}}date":
                kind, rank, key, kind_name = _DATE, 0, child.get("when", ""), "date"
                sort = key
            else:
                continue
            xml = etree.tostring(child, encoding="unicode")
            self._db.execute("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?)", (kind, rank, key, position, seq, xml))
            self._db.execute(_GROUP, (kind, rank, key, sort, position, seq, len(xml), kind_name))

    def partial(self, position: int) -> str | None:
        row = self._db.execute("SELECT partial FROM docs WHERE pos = ?", (position,)).fetchone()
        return row[0] if row else None

    def digests(self) -> Iterator[bytes]:
        """Each document's partial digest, in the run's order (for the index's cache key)."""
        for (digest,) in self._db.execute("SELECT digest FROM docs ORDER BY pos"):
            yield digest

    def documents(self) -> int:
        return self._db.execute("SELECT count(*) FROM docs").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    # ------------------------------------------------------------------ batches

    def _doc_batches(self, column: str) -> Iterator[Batch]:
        """Batches of documents (each the head alone, or with its passages)."""
        pieces: list[str] = []
        size = 0
        for (text,) in self._db.execute(f"SELECT {column} FROM docs ORDER BY pos"):  # noqa: S608 (a column name of ours)
            if column == "head":
                text += "</ed:partial>"
            pieces.append(text)
            size += len(text)
            if size >= self.batch_bytes:
                yield Batch(_wrap(pieces), len(pieces))
                pieces, size = [], 0
        if pieces:
            yield Batch(_wrap(pieces), len(pieces))

    def _group_rows(self, kind: int, rank: int, key: str | None = None) -> sqlite3.Cursor:
        where = "" if key is None else " AND g.key = ?"
        return self._db.execute(
            "SELECT g.key, g.size, i.pos, i.xml FROM groups g JOIN items i USING (kind, rank, key)"
            f" WHERE g.kind = ? AND g.rank = ?{where} ORDER BY g.sort, g.key, i.pos, i.seq",  # noqa: S608
            (kind, rank) if key is None else (kind, rank, key))

    def _group_batches(self, kind: int, rank: int) -> Iterator[Batch]:
        """Batches of whole groups in the stylesheet's order; a group larger than a batch
        alone is a batch of its own, split (:meth:`_split`)."""
        by_doc: dict[int, list[str]] = {}
        groups = size = 0
        current = split = None
        for key, group_size, pos, xml in self._group_rows(kind, rank):
            if key == split:
                continue
            if key != current:
                current = key
                if groups and size + group_size > self.batch_bytes:
                    yield Batch(self._partials(by_doc), groups)
                    by_doc, groups, size = {}, 0, 0
                if group_size > self.batch_bytes:
                    split = key
                    yield self._split(kind, rank, key)
                    continue
                groups += 1
            by_doc.setdefault(pos, []).append(xml)
            size += len(xml)
        if groups:
            yield Batch(self._partials(by_doc), groups)

    def _split(self, kind: int, rank: int, key: str) -> Batch:
        """One group too large for a batch: its head (the first item, without its citations,
        then an item of the same group with the names the others add and, if the group has
        any, one citation: what the stylesheet's entry needs besides the citations), whose
        citations are a slot filled by :meth:`_citation_batches`."""
        first: etree._Element | None = None
        first_pos = 0
        names: list[str] = []
        seen: set[str] = set()
        cited: etree._Element | None = None
        for _key, _size, pos, xml in self._group_rows(kind, rank, key):
            item = etree.fromstring(xml.encode(), make_parser())
            if first is None:
                first, first_pos = item, pos
                seen = {n.text or "" for n in item.iterfind(f"{{{ED}}}name")}
            else:
                for name in item.iterfind(f"{{{ED}}}name"):
                    if (name.text or "") not in seen:
                        seen.add(name.text or "")
                        names.append(name.text or "")
            if cited is None:
                cited = item.find(f"{{{ED}}}citation")
        assert first is not None
        for citation in first.findall(f"{{{ED}}}citation"):
            first.remove(citation)
        extra = etree.Element(first.tag, {a: first.get(a, "") for a in ("id", "type", "when") if a in first.attrib})
        for text in names:
            etree.SubElement(extra, f"{{{ED}}}name").text = text
        if cited is not None:
            extra.append(cited)
        head = self._head(first_pos) + etree.tostring(first, encoding="unicode") + etree.tostring(
            extra, encoding="unicode") + "</ed:partial>"
        return Batch(_wrap([head]), 1, citations=self._citation_batches(kind, rank, key))

    def _citation_batches(self, kind: int, rank: int, key: str) -> Iterator[Batch]:
        """The citations of one group, in document order, each in its document's partial."""
        pieces: list[str] = []
        count = size = 0
        open_pos = None
        for _key, _size, pos, xml in self._group_rows(kind, rank, key):
            for citation in etree.fromstring(xml.encode(), make_parser()).iterfind(f"{{{ED}}}citation"):
                if size >= self.batch_bytes:
                    yield Batch(_wrap([*pieces, "</ed:partial>"]), count)
                    pieces, count, size, open_pos = [], 0, 0, None
                if pos != open_pos:
                    if open_pos is not None:
                        pieces.append("</ed:partial>")
                    pieces.append(self._head(pos))
                    open_pos = pos
                text = etree.tostring(citation, encoding="unicode")
                pieces.append(text)
                count += 1
                size += len(text.encode())  # batch_bytes counts bytes, as its name says
        if count:
            yield Batch(_wrap([*pieces, "</ed:partial>"]), count)

    def _head(self, pos: int) -> str:
        return self._db.execute("SELECT head FROM docs WHERE pos = ?", (pos,)).fetchone()[0]

    def _partials(self, by_doc: dict[int, list[str]]) -> str:
        return _wrap([self._head(pos) + "".join(by_doc[pos]) + "</ed:partial>" for pos in sorted(by_doc)])

    def _batches(self, section: str, fmt: str) -> Iterator[Batch]:
        if section == "passages" or (section == "documents" and fmt == "json-items"):  # with passages
            return self._doc_batches("body")
        if section in ("back-links", "documents"):
            return self._doc_batches("head")
        if section == "dates":
            return self._group_batches(_DATE, 0)
        found = self._db.execute("SELECT rank FROM groups WHERE kind = ? AND type = ? LIMIT 1",
                                 (_ENTITY, section.removeprefix("entities-"))).fetchone()
        return self._group_batches(_ENTITY, found[0]) if found else iter(())

    # ------------------------------------------------------------------ write

    def types(self) -> list[str]:
        """The kinds of entry the partials hold, in the index's order."""
        return [t for (t,) in self._db.execute(
            "SELECT type FROM groups WHERE kind = ? GROUP BY rank, type ORDER BY rank", (_ENTITY,))]

    def summary(self, count: int) -> str:
        """The frame's input: how many documents (``count``), which entry types, whether any date."""
        types = self.types()
        dated = self._db.execute("SELECT 1 FROM groups WHERE kind = ? LIMIT 1", (_DATE,)).fetchone() is not None
        summary = etree.Element(f"{{{ED}}}summary", documents=str(count), types=" ".join(types),
                                dates="true" if dated else "false", nsmap={"ed": ED})
        if count == 1:
            (head,) = self._db.execute("SELECT head FROM docs").fetchone()
            summary.append(etree.fromstring(_wrap([head + "</ed:partial>"]), make_parser())[0])
        return etree.tostring(summary, encoding="unicode")

    def write(self, stage: Staging, html: str, data: str, context: BuildContext,
              entries: Callable[[list[dict]], None] | None = None) -> None:
        """Write the merged index's HTML page to ``html`` and its JSON to ``data`` (paths
        relative to the staging folder), batch by batch; ``entries`` is given each batch of
        the JSON's register entries as they are written (the linked data is made from them)."""
        self._db.execute("CREATE INDEX IF NOT EXISTS items_group ON items (kind, rank, key, pos, seq)")
        count = self.documents()
        summary = self.summary(count)
        run = _Runner(context, count)
        with stage.open(html) as out:
            for part in html_slots(run.text(summary, format="html")):
                if isinstance(part, str):
                    out.write(part)
                else:
                    self._write_html_section(out, run, part.name)
        frame = run.data(summary, format="json")
        sections = {"entities": tuple(f"entities-{t}" for t in self.types())}
        for key, value in frame.items():
            if value and isinstance(value[0], Slot):
                names = sections.get(value[0].name, (value[0].name,))
                listed = entries if value[0].name == "entities" else None
                frame[key] = Stream(self._json_sections(run, names, listed))
        with stage.open(data) as out:
            dump(frame, out)

    def heads(self) -> Iterator[str]:
        """Batches of the documents' heads (each ``ed:partial`` with its attributes only: the
        document's stem, title, link and header facts), in the run's order, as ``ed:partials``."""
        for batch in self._doc_batches("head"):
            yield batch.xml

    def counts(self) -> dict[str, int]:
        """How many register entries of each kind the partials hold, in the index's order."""
        return dict(self._db.execute(
            "SELECT type, count(*) FROM groups WHERE kind = ? GROUP BY rank, type ORDER BY rank", (_ENTITY,)))

    def write_html_items(self, out: TextIO, context: BuildContext, section: str, **params: Any) -> None:
        """Write one section's HTML items (index.xsl's format ``html-items``, batch by batch) to
        ``out``, with ``params`` besides the index's own (another page made of the same items:
        the site's register pages)."""
        self._db.execute("CREATE INDEX IF NOT EXISTS items_group ON items (kind, rank, key, pos, seq)")
        self._write_html_section(out, _Runner(context, self.documents()), section, **params)

    def _write_html_section(self, out: TextIO, run: _Runner, section: str, **extra: Any) -> None:
        offset = 0
        for batch in self._batches(section, "html-items"):
            params = {"format": "html-items", "section": section, "offset": offset, **extra}
            if batch.citations is None:
                out.write(run.text(batch.xml, **params))
            else:  # one entry in pieces: its head, with its citations' slot filled batch by batch
                cited = 0
                for part in html_slots(run.text(batch.xml, **params, **{"citation-slot": 1})):
                    if isinstance(part, str):
                        out.write(part)
                        continue
                    for piece in batch.citations:  # the one slot an entry with citations has
                        out.write(run.text(piece.xml, **{**params, "section": "citations", "offset": cited}))
                        cited += piece.items
            offset += batch.items

    def _json_sections(self, run: _Runner, sections: Iterable[str],
                       entries: Callable[[list[dict]], None] | None) -> Iterator[dict]:
        for section in sections:
            yield from self._json_items(run, section, entries)

    def _json_items(self, run: _Runner, section: str,
                    entries: Callable[[list[dict]], None] | None) -> Iterator[dict]:
        """The JSON items of one section, batch by batch; an entry in pieces gets its citations
        as a :class:`Stream`. ``entries`` is given each batch's items (an entry in pieces once
        its citations are all written, with each citation's passage and label)."""
        for batch in self._batches(section, "json-items"):
            params = {"format": "json-items", "section": section}
            if batch.citations is None:
                items = run.data(batch.xml, **params)
                if entries is not None:
                    entries(items)
                yield from items
                continue
            (entry,) = run.data(batch.xml, **params, **{"citation-slot": 1})
            if entry.get("citations") == [Slot("citations")]:  # an entry with citations: its slot
                entry["citations"] = Stream(self._json_citations(run, batch, params, entry, entries))
            elif entries is not None:
                entries([entry])
            yield entry

    @staticmethod
    def _json_citations(run: _Runner, batch: Batch, params: dict, entry: dict,
                        entries: Callable[[list[dict]], None] | None) -> Iterator[dict]:
        cited: list[dict] = []
        for piece in batch.citations or ():
            citations = run.data(piece.xml, **{**params, "section": "citations"})
            if entries is not None:  # the linked data needs each citation's passage and label
                cited.extend({"href": c["href"], "label": c["label"]} for c in citations)
            yield from citations
        if entries is not None:
            entries([{**entry, "citations": cited}])


class _Runner:
    """index.xsl on one input, with the run's context: its text (HTML), or its JSON as data."""

    def __init__(self, context: BuildContext, documents: int):
        self.context, self.documents = context, documents

    def text(self, document: str, **params: Any) -> str:
        runs = [("index.xsl", self.context.stylesheet_params(None, documents=self.documents, **params))]
        (text,) = engine(self.context).transform_each(document, runs)
        return text

    def data(self, document: str, **params: Any) -> Any:
        return to_python(etree.fromstring(self.text(document, **params).encode("utf-8"), make_parser()))


def html_slots(frame: str) -> list[str | Slot]:
    """An HTML frame cut at its slots: the text between them, and a :class:`Slot` for each
    processing instruction ``<?ed-slot NAME>`` (which no escaped text can contain)."""
    parts: list[str | Slot] = []
    start = 0
    while (found := frame.find(SLOT_PI, start)) != -1:
        end = frame.find(">", found)
        parts.append(frame[start:found])
        parts.append(Slot(frame[found + len(SLOT_PI):end].strip()))
        start = end + 1
    parts.append(frame[start:])
    return parts


@dataclass
class Batch:
    """Partials for one call of the stylesheet: ``items`` groups (or documents, or citations);
    a split group also has the batches of its citations."""

    xml: str
    items: int
    citations: Iterator[Batch] | None = None


def _wrap(partials: list[str]) -> str:
    return f'<ed:partials xmlns:ed="{ED}">' + "".join(partials) + "</ed:partials>"
