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
from typing import Any
from urllib.parse import quote, urljoin

__all__ = ["CONTEXT", "entities_jsonld", "linked_data_files", "turtle"]

SCHEMA_TYPES = {"person": "Person", "place": "Place", "org": "Organization", "event": "Event",
                "treaty": "Legislation"}
CONTEXT: dict[str, Any] = {
    "@vocab": "https://schema.org/", "schema": "https://schema.org/", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    **{name: {"@id": f"schema:{name}", "@type": "@id"} for name in ("sameAs", "subjectOf", "mentions", "isPartOf")},
    "seeAlso": {"@id": "rdfs:seeAlso", "@type": "@id"},
}
INDEX_PAGE = "../index/citation-index.html"
#: the placeholder base rdflib resolves against; the Turtle file says ``@base <../>`` instead
_BASE = "http://edition.invalid/data/"


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


def entities_jsonld(index: dict, base_url: str = "") -> dict:
    """The JSON-LD document of the registers of a merged citation index (its parsed JSON)."""
    index_page = urljoin(base_url, INDEX_PAGE) if base_url else INDEX_PAGE

    def absolute(href: str) -> str:
        return urljoin(base_url, href) if base_url else href

    graph: list[dict] = []
    passages: dict[str, dict] = {}
    for entity in index.get("entities", []):
        uri = iri(f"{index_page}#{entity['href']}")
        node: dict[str, Any] = {"@id": uri, "@type": SCHEMA_TYPES.get(entity["type"], "Thing"),
                                "name": entity["label"]}
        if entity.get("names"):
            node["alternateName"] = list(entity["names"])
        certain = entity.get("certainty", {})
        for scheme, value in entity.get("authority", {}).items():
            link = authority_uri(scheme, value)
            if link:
                node.setdefault("seeAlso" if scheme in certain else "sameAs", []).append(link)
        cited = []
        for citation in entity.get("citations", []):
            passage_uri = iri(absolute(citation["href"]))
            cited.append(passage_uri)
            passage = passages.setdefault(passage_uri, {
                "@id": passage_uri, "@type": "CreativeWork", "name": citation["label"],
                "isPartOf": passage_uri.split("#", 1)[0], "mentions": []})
            if uri not in passage["mentions"]:
                passage["mentions"].append(uri)
        if cited:
            node["subjectOf"] = cited
        graph.append(node)
    graph.extend(passages[key] for key in sorted(passages))
    return {"@context": CONTEXT, "@graph": graph}


def _graph(document: dict):
    """The rdflib graph of the JSON-LD document this module writes (its shape is fixed: see
    ``CONTEXT``), built triple by triple: the same triples as rdflib's JSON-LD parser gives
    (a test checks that the two graphs are isomorphic), several times faster."""
    from urllib.parse import urljoin as join

    from rdflib import RDF, RDFS, Graph, Literal, Namespace, URIRef

    schema = Namespace("https://schema.org/")
    graph = Graph()

    def iri(value: str) -> URIRef:
        return URIRef(join(_BASE, value))

    links = {"sameAs": schema.sameAs, "subjectOf": schema.subjectOf, "mentions": schema.mentions,
             "isPartOf": schema.isPartOf, "seeAlso": RDFS.seeAlso}
    for node in document["@graph"]:
        subject = iri(node["@id"])
        graph.add((subject, RDF.type, schema[node["@type"]]))
        for key, value in node.items():
            if key in ("@id", "@type"):
                continue
            for item in value if isinstance(value, list) else [value]:
                graph.add((subject, links[key], iri(item)) if key in links else (subject, schema[key], Literal(item)))
    return graph


def turtle(document: dict) -> str:
    """The Turtle of a JSON-LD document, with IRIs relative to the output folder: rdflib's
    N-Triples serialisation (one triple a line, which is Turtle too), sorted so that the file
    is deterministic, under ``@base <../>``. (rdflib's pretty Turtle writer took 0.9 s for 300
    documents' registers, N-Triples 0.1 s.)"""
    root = _BASE.rsplit("data/", 1)[0]
    lines = sorted(line for line in _graph(document).serialize(format="nt").splitlines() if line.strip())
    return "@base <../> .\n" + "".join(line.replace(f"<{root}", "<") + "\n" for line in lines)


def linked_data_files(index_json: str, base_url: str = "") -> dict[str, str]:
    """``data/entities.jsonld`` and ``data/edition.ttl`` from the merged index's JSON text."""
    document = entities_jsonld(json.loads(index_json), base_url)
    return {"data/entities.jsonld": json.dumps(document, ensure_ascii=False, indent=2) + "\n",
            "data/edition.ttl": turtle(document)}
