"""The citation index, merged from the documents' partial indexes in bounded memory.

The reduce step of a build. Each document's partial index (``index.xsl``, format
``partial``) is spilled to an SQLite file in the run's scratch folder as soon as it arrives:
the document's links and passages, and one row per register entry and per date, with the
sort key the stylesheet computed (``@sort``). Nothing of it stays in memory.

The index files are then written as they go. ``index.xsl`` renders the page's frame (an
``ed:summary`` in, formats ``html`` and ``json``), in which every list that grows with the
corpus is a slot; the slots are filled, in order, by the same stylesheet's items (formats
``html-items`` and ``json-items``) for successive batches of about :data:`BATCH_BYTES` of
partials, read from the file in the order the stylesheet sorts by. The whole-page path
(Oxygen, one document) and the streamed path render every item with the same templates, and
the tests compare their bytes. Memory holds one batch, not the corpus; a batch never splits a
group, so one register entry cited by every document is one batch.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TextIO
from xml.sax.saxutils import quoteattr

from lxml import etree

from toolkit.staging import Staging
from toolkit.xmlsafe import make_parser

__all__ = ["BATCH_BYTES", "IndexMerge", "TYPES"]

ED = "urn:x-tei-edition-toolkit"
#: the entry types, in the index's order (``$types`` in index.xsl)
TYPES = ("person", "place", "org", "treaty", "event")
#: the size of the partials' XML handed to the stylesheet at a time
BATCH_BYTES = 1 << 20
_ENTITY, _DATE = 0, 1
_HTML_SLOT = re.compile(r"<!--ed:slot ([a-z-]+)-->")
_JSON_SLOT = re.compile(r"\n    @@ed:slot ([a-z]+)@@")
_SCHEMA = """
CREATE TABLE docs(pos INTEGER PRIMARY KEY, head TEXT NOT NULL, body TEXT NOT NULL, digest BLOB NOT NULL,
                  partial TEXT NOT NULL);
CREATE TABLE items(kind INTEGER, rank INTEGER, key TEXT, pos INTEGER, seq INTEGER, xml TEXT);
CREATE TABLE groups(kind INTEGER, rank INTEGER, key TEXT, sort TEXT, pos INTEGER, seq INTEGER,
                    PRIMARY KEY (kind, rank, key));
"""
# A group sorts by the key of its first item (document order), as xsl:for-each-group does.
_GROUP = """
INSERT INTO groups VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (kind, rank, key) DO UPDATE SET sort = excluded.sort, pos = excluded.pos, seq = excluded.seq
WHERE (excluded.pos, excluded.seq) < (groups.pos, groups.seq)
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
            if child.tag == f"{{{ED}}}entity" and child.get("type") in TYPES:
                kind, rank = _ENTITY, TYPES.index(child.get("type", ""))
                key, sort = child.get("id", ""), child.get("sort", "")
            elif child.tag == f"{{{ED}}}date":
                kind, rank, key = _DATE, 0, child.get("when", "")
                sort = key
            else:
                continue
            self._db.execute("INSERT INTO items VALUES (?, ?, ?, ?, ?, ?)",
                             (kind, rank, key, position, seq, etree.tostring(child, encoding="unicode")))
            self._db.execute(_GROUP, (kind, rank, key, sort, position, seq))

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

    def _doc_batches(self, column: str) -> Iterator[tuple[str, int]]:
        """Batches of documents (each the head alone, or with its passages): (XML, documents)."""
        pieces: list[str] = []
        size = 0
        for (text,) in self._db.execute(f"SELECT {column} FROM docs ORDER BY pos"):  # noqa: S608 (a column name of ours)
            if column == "head":
                text += "</ed:partial>"
            pieces.append(text)
            size += len(text)
            if size >= self.batch_bytes:
                yield _wrap(pieces), len(pieces)
                pieces, size = [], 0
        if pieces:
            yield _wrap(pieces), len(pieces)

    def _group_batches(self, kind: int, rank: int) -> Iterator[tuple[str, int]]:
        """Batches of whole groups in the stylesheet's order: (XML, groups)."""
        rows = self._db.execute(
            "SELECT g.key, i.pos, i.xml FROM groups g JOIN items i USING (kind, rank, key)"
            " WHERE g.kind = ? AND g.rank = ? ORDER BY g.sort, g.key, i.pos, i.seq", (kind, rank))
        by_doc: dict[int, list[str]] = {}
        groups = size = 0
        current = None
        for key, pos, xml in rows:
            if key != current:
                if size >= self.batch_bytes:
                    yield self._partials(by_doc), groups
                    by_doc, groups, size = {}, 0, 0
                current = key
                groups += 1
            by_doc.setdefault(pos, []).append(xml)
            size += len(xml)
        if groups:
            yield self._partials(by_doc), groups

    def _partials(self, by_doc: dict[int, list[str]]) -> str:
        positions = sorted(by_doc)
        heads = dict(self._db.execute(
            f"SELECT pos, head FROM docs WHERE pos IN ({','.join('?' * len(positions))})",  # noqa: S608 (placeholders)
            positions)) if positions else {}
        return _wrap([heads[pos] + "".join(by_doc[pos]) + "</ed:partial>" for pos in positions])

    def _batches(self, section: str) -> Iterator[tuple[str, int]]:
        if section in ("back-links", "documents"):
            return self._doc_batches("head")
        if section == "passages" or section == "json-documents":
            return self._doc_batches("body")
        if section == "dates":
            return self._group_batches(_DATE, 0)
        return self._group_batches(_ENTITY, TYPES.index(section.removeprefix("entities-")))

    # ------------------------------------------------------------------ write

    def summary(self) -> str:
        """The frame's input: how many documents, which entry types, whether any date."""
        ranks = [r for (r,) in self._db.execute(
            "SELECT DISTINCT rank FROM groups WHERE kind = ? ORDER BY rank", (_ENTITY,))]
        dated = self._db.execute("SELECT 1 FROM groups WHERE kind = ? LIMIT 1", (_DATE,)).fetchone() is not None
        count = self.documents()
        single = ""
        if count == 1:
            single = self._db.execute("SELECT head FROM docs").fetchone()[0] + "</ed:partial>"
        return (f'<ed:summary xmlns:ed="{ED}" documents="{count}" types="{" ".join(TYPES[r] for r in ranks)}"'
                f' dates="{"true" if dated else "false"}">{single}</ed:summary>')

    def write(self, stage: Staging, html: str, data: str, base_url: str = "",
              entries: Callable[[list[dict]], None] | None = None) -> None:
        """Write the merged index's HTML page to ``html`` and its JSON to ``data`` (paths
        relative to the staging folder), batch by batch; ``entries`` is given each batch of
        the JSON's register entries as they are written (the linked data is made from them)."""
        from toolkit.render import stylesheet_params
        from toolkit.xslt import engine

        self._db.execute("CREATE INDEX IF NOT EXISTS items_group ON items (kind, rank, key, pos, seq)")
        summary = self.summary()
        count = self.documents()

        def run(document: str, **params) -> str:
            (text,) = engine().transform_each(document, [("index.xsl", stylesheet_params(None, base_url, **params))])
            return text

        def fill(out: TextIO, frame: str, slot: re.Pattern, fmt: str, sections: dict[str, Iterable[str]]) -> None:
            parts = slot.split(frame)
            for i, part in enumerate(parts):
                if i % 2 == 0:
                    out.write(part)
                    continue
                offset = 0
                for section in sections.get(part, (part,)):
                    name = "documents" if section == "json-documents" else section
                    for batch, items in self._batches(section):
                        text = run(batch, format=fmt, section=name, offset=offset, documents=count)
                        out.write(text)
                        offset += items
                        if entries is not None and fmt == "json-items" and name.startswith("entities-"):
                            entries(json.loads("[" + text.lstrip(",") + "]"))

        with stage.open(html) as out:
            fill(out, run(summary, format="html"), _HTML_SLOT, "html-items", {})
        with stage.open(data) as out:
            fill(out, run(summary, format="json"), _JSON_SLOT, "json-items",
                 {"documents": ("json-documents",), "entities": tuple(f"entities-{t}" for t in TYPES)})


def _wrap(partials: list[str]) -> str:
    return f'<ed:partials xmlns:ed="{ED}">' + "".join(partials) + "</ed:partials>"
