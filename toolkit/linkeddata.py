"""Linked data for the registers: ``output/data/entities.jsonld`` and ``output/data/edition.ttl``.

Made from the merged citation index (so it covers every document of the build):

* each register entry is a schema.org ``Person``, ``Place``, ``Organization``, ``Event`` or
  ``Legislation`` (treaties), named by its anchor in the citation index, with its names,
  ``sameAs`` its Wikidata and GeoNames URIs (``rdfs:seeAlso`` instead when the header marks
  the identifier with a certainty: a single-source identifier is not asserted as identity),
  and ``subjectOf`` each passage that cites it;
* each citing passage is a ``CreativeWork`` (its label, the page it is part of) that
  ``mentions`` the entries.

The JSON-LD's ``@context`` is inline (no remote context), so RDF libraries read it offline;
the Turtle is rdflib's serialisation of exactly that graph (one triple a line, sorted). IRIs are relative to the
``data/`` folder (``../index/…``, ``../html/…``) unless the build has a base URL. Each HTML
page embeds the same description of its own registers (``xslt/common/linkeddata.xsl``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urljoin

from toolkit.staging import Staging

__all__ = ["CONTEXT", "LinkedData", "authority_uri", "iri"]

#: schema.org types of the register kinds; a work's is the project's (``work-schema-type``)
SCHEMA_TYPES = {"person": "Person", "place": "Place", "org": "Organization", "event": "Event"}
CONTEXT: dict[str, Any] = {
    "@vocab": "https://schema.org/", "schema": "https://schema.org/", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    **{name: {"@id": f"schema:{name}", "@type": "@id"} for name in ("sameAs", "subjectOf", "mentions", "isPartOf")},
    "seeAlso": {"@id": "rdfs:seeAlso", "@type": "@id"},
}
INDEX_PAGE = "../index/citation-index.html"
#: the placeholder base rdflib resolves against; the Turtle file says ``@base <../>`` instead
_BASE = "http://edition.invalid/data/"
_SLOT = "@@ed:slot@@"
#: at most this many nodes in one rdflib graph, and values of one list in one node
_PART = 500


def iri(value: str) -> str:
    """A reference as a URI: characters a URI cannot hold (spaces, quotes, non-ASCII …) are
    percent-encoded, reserved ones kept; XPath's iri-to-uri(), which the embedded JSON-LD uses."""
    return quote(value, safe="!#$%&'()*+,/:;=?@[]~-._")


def authority_uri(scheme: str, value: str) -> str | None:
    """Wikidata's entity URI or GeoNames' semantic-web URI of an identifier."""
    if scheme == "wikidata" and value[:1] == "Q" and value[1:].isdigit():
        return f"http://www.wikidata.org/entity/{value}"
    if scheme == "geonames" and value.isdigit():
        return f"https://sws.geonames.org/{value}/"
    return None


class LinkedData:
    """The linked data of a merged index, written in bounded memory: :meth:`add` takes the
    index's entries a batch at a time (in the index's order, as :mod:`toolkit.indexmerge`
    writes them); the passages that cite them, and every triple, wait in an SQLite file in
    ``folder``; :meth:`write` then writes ``entities.jsonld`` (the entries, then the passages
    sorted by IRI) and the Turtle (its lines sorted) as it goes."""

    def __init__(self, folder: Path, base_url: str = "", work_type: str = "CreativeWork"):
        self.base_url = base_url
        self.schema_types = {**SCHEMA_TYPES, "work": work_type}
        self.index_page = urljoin(base_url, INDEX_PAGE) if base_url else INDEX_PAGE
        self._db = sqlite3.connect(folder / "linkeddata.sqlite", isolation_level=None)
        self._db.executescript("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE nodes(n INTEGER PRIMARY KEY, json TEXT);
            CREATE TABLE passages(uri TEXT PRIMARY KEY, name TEXT, part TEXT) WITHOUT ROWID;
            CREATE TABLE mentions(uri TEXT, entity TEXT, n INTEGER, PRIMARY KEY (uri, entity)) WITHOUT ROWID;
            CREATE TABLE triples(line TEXT PRIMARY KEY) WITHOUT ROWID;
            BEGIN;""")
        self._mentions = 0

    def _absolute(self, href: str) -> str:
        return urljoin(self.base_url, href) if self.base_url else href

    def add(self, entities: list[dict]) -> None:
        """A batch of the index's entries (its JSON's ``entities`` items)."""
        nodes = []
        for entity in entities:
            uri = iri(f"{self.index_page}#{entity['href']}")
            # a group named collectively (TEI personGrp) is a schema:Thing described by its kind,
            # not a schema:Person (nor, necessarily, a formal schema:Organization)
            node: dict[str, Any] = {"@id": uri, "@type": "Thing" if entity.get("group")
                                    else self.schema_types.get(entity["type"], "Thing"), "name": entity["label"]}
            if entity.get("group"):
                node["description"] = entity["group"]
            if entity.get("names"):
                node["alternateName"] = list(entity["names"])
            certain = entity.get("certainty", {})
            for scheme, value in entity.get("authority", {}).items():
                link = authority_uri(scheme, value)
                if link:
                    node.setdefault("seeAlso" if scheme in certain else "sameAs", []).append(link)
            for anchor in entity.get("related", []):  # the entries it corresponds to (TEI @corresp)
                node.setdefault("seeAlso", []).append(iri(f"{self.index_page}#{anchor}"))
            cited = []
            for citation in entity.get("citations", []):
                passage = iri(self._absolute(citation["href"]))
                cited.append(passage)
                self._db.execute("INSERT OR IGNORE INTO passages VALUES (?, ?, ?)",
                                 (passage, citation["label"], passage.split("#", 1)[0]))
                self._mentions += 1
                self._db.execute("INSERT OR IGNORE INTO mentions VALUES (?, ?, ?)", (passage, uri, self._mentions))
            if cited:
                node["subjectOf"] = cited
            nodes.append(node)
        self._db.executemany("INSERT INTO nodes (json) VALUES (?)",
                             [(json.dumps(node, ensure_ascii=False, indent=2),) for node in nodes])
        self._triples(nodes)

    def _triples(self, nodes: list[dict]) -> None:
        """Each node's triples, into the spill file, through rdflib graphs of a bounded size: an
        entry cited by every document has as many subjectOf values as citations, so its lists
        are cut into parts (each part repeats the node's @id and @type: the same triples, which
        the file keeps once)."""
        parts: list[dict] = []
        for node in nodes:
            long = [key for key, value in node.items() if isinstance(value, list) and len(value) > _PART]
            parts.append({key: value for key, value in node.items() if key not in long})
            for key in long:
                parts += [{"@id": node["@id"], "@type": node["@type"], key: node[key][start:start + _PART]}
                          for start in range(0, len(node[key]), _PART)]
        for start in range(0, len(parts), _PART):
            lines = _graph(parts[start:start + _PART]).serialize(format="nt").splitlines()
            self._db.executemany("INSERT OR IGNORE INTO triples VALUES (?)",
                                 [(line,) for line in lines if line.strip()])

    def _passages(self, batch: int = 2000) -> Iterator[list[dict]]:
        """The passage nodes, sorted by IRI, a batch at a time."""
        nodes: list[dict] = []
        for uri, name, part in self._db.execute("SELECT uri, name, part FROM passages ORDER BY uri"):  # read as it goes
            mentions = [e for (e,) in self._db.execute("SELECT entity FROM mentions WHERE uri = ? ORDER BY n", (uri,))]
            nodes.append({"@id": uri, "@type": "CreativeWork", "name": name, "isPartOf": part, "mentions": mentions})
            if len(nodes) >= batch:
                yield nodes
                nodes = []
        if nodes:
            yield nodes

    def write(self, stage: Staging, jsonld: str, ttl: str) -> None:
        """Write the JSON-LD to ``jsonld`` and the Turtle to ``ttl`` (staged paths)."""
        frame = json.dumps({"@context": CONTEXT, "@graph": [_SLOT]}, ensure_ascii=False, indent=2) + "\n"
        before, after = frame.split(f'\n    "{_SLOT}"')
        items = 0
        with stage.open(jsonld) as out:

            def item(text: str) -> None:  # one node of @graph, indented as json.dumps does
                nonlocal items
                out.write(("," if items else "") + "\n    " + text.replace("\n", "\n    "))
                items += 1

            out.write(before)
            for (text,) in self._db.execute("SELECT json FROM nodes ORDER BY n"):
                item(text)
            for nodes in self._passages():
                self._triples(nodes)
                for node in nodes:
                    item(json.dumps(node, ensure_ascii=False, indent=2))
            out.write(after if items else "]" + after.split("]", 1)[1])
        root = _BASE.rsplit("data/", 1)[0]
        with stage.open(ttl) as out:
            out.write("@base <../> .\n")
            for (line,) in self._db.execute("SELECT line FROM triples ORDER BY line"):
                out.write(line.replace(f"<{root}", "<") + "\n")

    def close(self) -> None:
        self._db.close()


@lru_cache(maxsize=1 << 16)  # an entry's IRI recurs in every passage that cites it
def _uri(value: str):
    from rdflib import URIRef

    return URIRef(urljoin(_BASE, value))


def _graph(nodes: list[dict]):
    """The rdflib graph of JSON-LD nodes of the shape this module writes (see ``CONTEXT``),
    built triple by triple: the same triples as rdflib's JSON-LD parser gives (a test checks
    that the two graphs are isomorphic), several times faster. The Turtle is its N-Triples
    serialisation (one triple a line, which is Turtle too), sorted so that the file is
    deterministic, under ``@base <../>``."""
    from rdflib import RDF, RDFS, Graph, Literal, Namespace

    schema = Namespace("https://schema.org/")
    graph = Graph()
    links = {"sameAs": schema.sameAs, "subjectOf": schema.subjectOf, "mentions": schema.mentions,
             "isPartOf": schema.isPartOf, "seeAlso": RDFS.seeAlso}
    for node in nodes:
        subject = _uri(node["@id"])
        graph.add((subject, RDF.type, schema[node["@type"]]))
        for key, value in node.items():
            if key in ("@id", "@type"):
                continue
            for item in value if isinstance(value, list) else [value]:
                graph.add((subject, links[key], _uri(item)) if key in links else (subject, schema[key], Literal(item)))
    return graph
