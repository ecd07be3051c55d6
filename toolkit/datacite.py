"""DataCite metadata by DataCite's rules, with the ``datacite`` package (the library
InvenioRDM and Zenodo use).

``xslt/metadata.xsl`` reads the facts from the teiHeader (titles, creators, contributors
and their roles, the publisher, dates, subjects, rights, related printings); this module
shapes them as the DataCite Metadata Schema 4.5 defines, validates the record with the
package's own 4.5 JSON Schema before anything is written, and serialises the same record as
DataCite XML (kernel 4.5) with the package's serialiser, which is what the DataCite MDS API
takes. No DOI is invented: a DOI is used only when the user gives one (``--doi``);
otherwise the edition's own identifier is an ``alternateIdentifier`` of type ``Local``,
where DataCite allows a non-DOI identifier.
"""

from __future__ import annotations

import json
import re

from toolkit.errors import OutputError, UsageError

SCHEMA_VERSION = "http://datacite.org/schema/kernel-4"
DOI = re.compile(r"^10[.][0-9]{4,9}/\S+$")


def check_doi(doi: str) -> str:
    """A DOI as DataCite writes it (10.NNNN/suffix), or a usage error."""
    if not DOI.match(doi):
        raise UsageError(f"--doi {doi!r} is not a DOI (10.NNNN/suffix, without https://doi.org/)")
    return doi


def record(header: dict, doi: str | None = None) -> dict:
    """A DataCite 4.5 record from the header's facts (the JSON metadata.xsl writes)."""
    data = dict(header)
    local = [i["identifier"] for i in data.pop("identifiers", []) if i.get("identifier")]
    if doi:
        check_doi(doi)
        data["doi"] = doi
    if local:
        data["alternateIdentifiers"] = [{"alternateIdentifier": value, "alternateIdentifierType": "Local"}
                                        for value in local]
    publisher = data.get("publisher")
    if isinstance(publisher, str):
        data["publisher"] = {"name": publisher}
    data["schemaVersion"] = SCHEMA_VERSION
    return data


def problems(data: dict) -> list[str]:
    """Every way ``data`` breaks DataCite's 4.5 JSON Schema (empty: valid)."""
    from datacite import schema45

    return [f"{'/'.join(str(p) for p in error.absolute_path) or '(record)'}: {error.message}"
            for error in sorted(schema45.validator.iter_errors(data), key=lambda e: list(e.absolute_path))]


def serialise(data: dict) -> tuple[str, str]:
    """(DataCite JSON, DataCite XML), after validating; raises :class:`OutputError` listing
    every problem when the record is not valid DataCite 4.5."""
    from datacite import schema45

    found = problems(data)
    if found:
        raise OutputError("the DataCite metadata is not valid DataCite 4.5: " + "; ".join(found))
    xml = schema45.tostring(data)
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", xml
