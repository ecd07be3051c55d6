"""``tei serve``'s OAI-PMH 2.0 endpoint (``/oai``): the build's static repository
(:mod:`toolkit.oai`) answered with the ``oaipmh`` package's server, as a Static Repository
Gateway answers for a static file, with the sets of ``oai/sets.json`` added.

:class:`StaticRepository` is the ``oaipmh`` server interface (identify, listMetadataFormats,
listSets, getRecord, listIdentifiers, listRecords) over the two files; :class:`Endpoint`
wraps it in ``oaipmh.server.Server``, which checks the arguments, pages long lists with
resumption tokens and writes every response, errors included (``badVerb``,
``badArgument``, ``cannotDisseminateFormat``, ``idDoesNotExist``, ``noRecordsMatch``,
``noSetHierarchy``), as OAI-PMH 2.0 XML.
"""

from __future__ import annotations

import copy
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from lxml import etree

from toolkit.oai import OAI_NS, SETS_FILE, SR_NS, STATIC_FILE

__all__ = ["Endpoint", "StaticRepository", "endpoint"]

OAI = f"{{{OAI_NS}}}"
S = f"{{{SR_NS}}}"


def _date(text: str) -> datetime:
    return datetime.strptime(text[:10], "%Y-%m-%d")


class StaticRepository:
    """The records of an output folder's ``oai/`` files, by format and identifier."""

    def __init__(self, out_dir: Path, base_url: str):
        root = etree.parse(str(out_dir / STATIC_FILE),
                           etree.XMLParser(no_network=True, resolve_entities=False, remove_blank_text=True)).getroot()
        sets = json.loads((out_dir / SETS_FILE).read_text(encoding="utf-8"))
        self.base_url = base_url
        identify = root.find(S + "Identify")
        if identify is None:
            raise ValueError(f"{out_dir / STATIC_FILE}: no Identify")
        self.identify_element: etree._Element = identify
        listed_formats = root.iterfind(f"{S}ListMetadataFormats/{OAI}metadataFormat")
        self.formats = [(f.findtext(OAI + "metadataPrefix"), f.findtext(OAI + "schema"),
                         f.findtext(OAI + "metadataNamespace")) for f in listed_formats]
        self.sets = [(s["setSpec"], s["setName"], None) for s in sets["sets"]]
        self.members: dict[str, list[str]] = sets["members"]
        self.records: dict[str, dict[str, tuple[str, etree._Element]]] = {}
        for listed in root.iterfind(S + "ListRecords"):
            by_id = self.records.setdefault(listed.get("metadataPrefix", ""), {})
            for record in listed.iterfind(OAI + "record"):
                identifier = record.findtext(f"{OAI}header/{OAI}identifier") or ""
                datestamp = record.findtext(f"{OAI}header/{OAI}datestamp") or ""
                content = record.find(f"{OAI}metadata/*")
                if content is not None:
                    by_id[identifier] = (datestamp, content)

    # ---- the oaipmh server interface

    def identify(self):
        from oaipmh import common

        found = self.identify_element
        return common.Identify(
            repositoryName=found.findtext(OAI + "repositoryName"), baseURL=self.base_url,
            protocolVersion="2.0", adminEmails=[e.text for e in found.iterfind(OAI + "adminEmail")],
            earliestDatestamp=_date(found.findtext(OAI + "earliestDatestamp") or ""), deletedRecord="no",
            # oaipmh writes every datestamp to the second: a day D of the static file is DT00:00:00Z
            granularity="YYYY-MM-DDThh:mm:ssZ", compression=["identity"], toolkit_description=False)

    def _known(self, identifier: str) -> None:
        from oaipmh import error

        if not any(identifier in by_id for by_id in self.records.values()):
            raise error.IdDoesNotExistError(f"no record {identifier!r} in this repository")

    def _format(self, prefix: str) -> dict[str, tuple[str, etree._Element]]:
        from oaipmh import error

        if prefix not in self.records:
            raise error.CannotDisseminateFormatError(f"metadata format {prefix!r} is not supported; "
                                                     f"formats: {', '.join(self.records)}")
        return self.records[prefix]

    def listMetadataFormats(self, identifier: str | None = None):  # noqa: N802 - oaipmh's names
        if identifier is not None:
            self._known(identifier)
        return self.formats

    def listSets(self):  # noqa: N802
        from oaipmh import error

        if not self.sets:
            raise error.NoSetHierarchyError("this repository has no sets")
        return self.sets

    def _header(self, identifier: str, datestamp: str):
        from oaipmh import common

        return common.Header(None, identifier, _date(datestamp), self.members.get(identifier, []), False)

    def getRecord(self, metadataPrefix: str, identifier: str):  # noqa: N802,N803
        from oaipmh import common, error

        by_id = self._format(metadataPrefix)
        self._known(identifier)
        if identifier not in by_id:
            raise error.CannotDisseminateFormatError(f"the record {identifier!r} is not in {metadataPrefix!r}")
        datestamp, element = by_id[identifier]
        return self._header(identifier, datestamp), common.Metadata(element, {}), None

    def _selected(self, prefix: str, set: str | None, from_: datetime | None, until: datetime | None):  # noqa: A002
        from oaipmh import error

        if set is not None and set not in {s[0] for s in self.sets}:
            raise error.NoRecordsMatchError(f"no set {set!r}") if self.sets else \
                error.NoSetHierarchyError("this repository has no sets")
        found = []
        for identifier, (datestamp, element) in sorted(self._format(prefix).items()):
            day = _date(datestamp)
            if (set is None or set in self.members.get(identifier, [])) and (from_ is None or day >= from_) \
                    and (until is None or day <= until):
                found.append((identifier, datestamp, element))
        return found

    def listIdentifiers(self, metadataPrefix: str, set: str | None = None, from_=None, until=None):  # noqa: N802,N803,A002
        return [self._header(i, d) for i, d, _ in self._selected(metadataPrefix, set, from_, until)]

    def listRecords(self, metadataPrefix: str, set: str | None = None, from_=None, until=None):  # noqa: N802,N803,A002
        from oaipmh import common

        return [(self._header(i, d), common.Metadata(e, {}), None)
                for i, d, e in self._selected(metadataPrefix, set, from_, until)]


def _writer(element: etree._Element, metadata: Any) -> None:
    element.append(copy.deepcopy(metadata.element()))


class Endpoint:
    """The ``oaipmh`` server over one output folder's static repository."""

    def __init__(self, out_dir: Path, batch_size: int = 100):
        from oaipmh import metadata, server

        self.repository = StaticRepository(out_dir, "")
        registry = metadata.MetadataRegistry()
        for prefix, _schema, _namespace in self.repository.formats:
            registry.registerWriter(prefix, _writer)
        self.server = server.Server(self.repository, registry, resumption_batch_size=batch_size)

    def answer(self, params: list[tuple[str, str]], base_url: str) -> bytes:
        """The response to a request's arguments (a repeated argument is a badArgument, as
        OAI-PMH says: it is passed on under a name no verb takes, which oaipmh reports so)."""
        arguments: dict[str, str] = {}
        for name, value in params:
            arguments[REPEATED if name in arguments else name] = value
        self.repository.base_url = base_url
        return self.server.handleRequest(arguments)


REPEATED = "repeated-argument"


def endpoint(out_dir: Path, batch_size: int = 100) -> Endpoint | None:
    """The OAI-PMH endpoint of an output folder; None when it has no static repository
    (``tei render oai`` writes one)."""
    if not (out_dir / STATIC_FILE).is_file() or not (out_dir / SETS_FILE).is_file():
        return None
    try:
        return Endpoint(out_dir, batch_size)
    except (OSError, ValueError, KeyError, etree.XMLSyntaxError):
        return None  # a half-written or foreign file: /oai says there is no data, as without one
