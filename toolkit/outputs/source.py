"""The TEI source: ``tei/<stem>.xml``, each document's file exactly as it was read and validated,
so that every page can link to the TEI it was made from (issue 26). A document that reads other
files (XInclude, an external entity set) is written as one file, as it was validated: its
includes and entities expanded (:meth:`~toolkit.xmlsafe.ParsedDocument.standalone`)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from toolkit.context import BuildContext
from toolkit.outputs.kind import Output
from toolkit.xmlsafe import ParsedDocument


def copy_source(doc: ParsedDocument, stem: str, context: BuildContext) -> dict[str, str | bytes]:
    """The document's bytes, unchanged, or as one file when it reads others (``context`` is not
    needed: nothing is transformed)."""
    del context
    return {f"tei/{stem}.xml": doc.standalone()}


def verify_source(path: Path) -> list[str]:
    """Well-formed XML (entities and DTDs are not loaded)."""
    try:
        etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    except (OSError, etree.XMLSyntaxError) as exc:
        return [f"not well-formed XML: {exc}"]
    return []


SOURCE = Output(name="tei", summary="the TEI source of each document, as read and validated", folder="tei",
                file="{stem}.xml", render=copy_source, binary=True, verify=verify_source, packaged=False,
                package_note="the TEI source of each document (a package carries the sources in tei/ already)")
