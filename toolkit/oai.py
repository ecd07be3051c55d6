"""OAI-PMH records of the edition, as an OAI-PMH Static Repository (``oai/static-repository.xml``).

One record per document, in two metadata formats:

* ``oai_dc``: the Dublin Core the deposit package carries (``xslt/metadata.xsl``, format "dc");
* ``oai_datacite``: the document's DataCite kernel-4 ``resource`` (the record
  :mod:`toolkit.datacite` validates and serialises for the package), directly in the metadata
  element, as DataCite's own OAI-PMH provider serves its ``datacite`` format. DataCite's XML
  schema requires a DOI (``identifier``), so only a document whose header gives one
  (``publicationStmt/idno[@type='DOI']``) has this format: no DOI is invented, and a harvester
  asking for another document in it is told ``cannotDisseminateFormat``.

The file follows the OAI-PMH Static Repository specification: an ``Identify`` (the repository's
name is the publisher the headers name; ``adminEmail``, which OAI-PMH requires, is the
project's ``Contact-Email`` in ``[bag-info]``: never invented, so without it nothing is written
and the build says why), ``ListMetadataFormats`` and one ``ListRecords`` per format. Static
repositories have no sets; the set each document belongs to (the project's source folder it
is in, one set per folder) is written beside it in ``oai/sets.json`` for ``tei serve``'s
``/oai`` endpoint (:mod:`toolkit.oai_repository`), which serves these files as a gateway does.

Identifiers are ``oai:HOST:ID`` when the project has a base URL (HOST its host name, ID the
document's file name without ``.xml``, the identifier DTS and the outputs use), else the bare
ID. Datestamps are the header's dates (DataCite ``Issued``), never the clock's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlparse

from lxml import etree

from toolkit import datacite
from toolkit.context import BuildContext
from toolkit.errors import OutputError, UsageError, fail
from toolkit.xmlsafe import NS, parse_file
from toolkit.xslt import engine

__all__ = ["FORMATS", "SETS_FILE", "STATIC_FILE", "static_repository"]

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
SR_NS = "http://www.openarchives.org/OAI/2.0/static-repository"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI = f"{{{OAI_NS}}}"
STATIC_FILE = "oai/static-repository.xml"
SETS_FILE = "oai/sets.json"
#: prefix -> (schema, namespace)
FORMATS = {
    "oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", "http://www.openarchives.org/OAI/2.0/oai_dc/"),
    "oai_datacite": ("http://schema.datacite.org/meta/kernel-4.5/metadata.xsd", "http://datacite.org/schema/kernel-4"),
}
_PARSER = etree.XMLParser(no_network=True, resolve_entities=False, remove_blank_text=True)


@dataclass(frozen=True)
class Record:
    identifier: str
    datestamp: str
    sets: tuple[str, ...]
    metadata: dict[str, etree._Element]
    publisher: str


def _metadata(context: BuildContext, root, fmt: str) -> str:
    return engine(context).transform("metadata.xsl", root, context.stylesheet_params(None, format=fmt))


def identifier_of(context: BuildContext, doc_id: str) -> str:
    host = urlparse(context.base_url).hostname if context.base_url else None
    return f"oai:{host}:{doc_id}" if host else doc_id


def _set_of(context: BuildContext, path: Path) -> tuple[str, ...]:
    """The project's source folder the document is in (its set), if any."""
    resolved = path.resolve()
    for source in context.project.source_paths():
        if source.resolve() == resolved.parent or source.resolve() in resolved.parents:
            return (source.resolve().name if source.is_dir() else source.resolve().parent.name,)
    return ()


def _record(context: BuildContext, path: Path) -> Record:
    doc = parse_file(path, context.project.parse_options(path))
    header = json.loads(_metadata(context, doc.root, "datacite"))
    issued = [d["date"] for d in header.get("dates", []) if d.get("dateType") == "Issued" and d.get("date")]
    if not issued:
        raise fail(OutputError, path, "oai", "oai-datestamp", "no OAI-PMH datestamp: the teiHeader gives no "
                                                              "publication date (publicationStmt/date/@when)")
    metadata = {"oai_dc": etree.fromstring(_metadata(context, doc.root, "dc").encode("utf-8"), _PARSER)}
    doi = " ".join(doc.root.xpath("string((/tei:TEI/tei:teiHeader/tei:fileDesc/tei:publicationStmt/"
                                  "tei:idno[translate(@type, 'doi', 'DOI') = 'DOI'])[1])", namespaces=NS).split())
    if doi:
        try:
            _, resource = datacite.serialise(datacite.record(header, doi.removeprefix("https://doi.org/")))
        except UsageError as exc:
            raise fail(OutputError, path, "oai", "oai-doi", f"the header's DOI: {exc}") from None
        metadata["oai_datacite"] = etree.fromstring(resource.encode("utf-8"), _PARSER)
    publisher = header.get("publisher")
    return Record(identifier_of(context, path.stem), issued[0][:10], _set_of(context, path), metadata,
                  publisher if isinstance(publisher, str) else "")


def _text(parent: etree._Element, tag: str, text: str) -> etree._Element:
    element = etree.SubElement(parent, OAI + tag)
    element.text = text
    return element


def _identify(root: etree._Element, context: BuildContext, records: list[Record], email: str) -> None:
    identify = etree.SubElement(root, f"{{{SR_NS}}}Identify")
    names = sorted({r.publisher for r in records if r.publisher})
    _text(identify, "repositoryName", "; ".join(names) or "TEI edition")
    _text(identify, "baseURL", urljoin(context.base_url, STATIC_FILE) if context.base_url else STATIC_FILE)
    _text(identify, "protocolVersion", "2.0")
    _text(identify, "adminEmail", email)
    _text(identify, "earliestDatestamp", min(r.datestamp for r in records))
    _text(identify, "deletedRecord", "no")
    _text(identify, "granularity", "YYYY-MM-DD")


def static_repository(paths: list[Path], context: BuildContext) -> dict[str, bytes]:
    """The static repository file and the sets file, for the documents ``paths``."""
    email = context.config.table("bag-info").get("Contact-Email", "")
    if not email:
        where = context.config.path or "tei.toml"
        raise fail(OutputError, where, "oai", "oai-admin-email",
                   "OAI-PMH needs the repository's adminEmail: set Contact-Email in [bag-info]")
    records = [_record(context, Path(p)) for p in paths]
    root = etree.Element(f"{{{SR_NS}}}Repository", nsmap={None: SR_NS, "oai": OAI_NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{SR_NS} http://www.openarchives.org/OAI/2.0/static-repository.xsd")
    _identify(root, context, records, email)
    formats = etree.SubElement(root, f"{{{SR_NS}}}ListMetadataFormats")
    for prefix, (schema, namespace) in FORMATS.items():
        entry = etree.SubElement(formats, OAI + "metadataFormat")
        _text(entry, "metadataPrefix", prefix)
        _text(entry, "schema", schema)
        _text(entry, "metadataNamespace", namespace)
    for prefix in FORMATS:
        listed = etree.SubElement(root, f"{{{SR_NS}}}ListRecords", metadataPrefix=prefix)
        for record in (r for r in records if prefix in r.metadata):
            element = etree.SubElement(listed, OAI + "record")
            header = etree.SubElement(element, OAI + "header")
            _text(header, "identifier", record.identifier)
            _text(header, "datestamp", record.datestamp)
            etree.SubElement(element, OAI + "metadata").append(record.metadata[prefix])
    sets = sorted({s for r in records for s in r.sets})
    membership = {"sets": [{"setSpec": s, "setName": f"the documents in the project's source folder {s}/"}
                           for s in sets],
                  "members": {r.identifier: list(r.sets) for r in records}}
    return {STATIC_FILE: etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True),
            SETS_FILE: (json.dumps(membership, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()}
