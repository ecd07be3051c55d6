"""Linked data of the registers: ``data/entities.jsonld`` and ``data/edition.ttl``.

Made from the citation index's batches as they are merged (see
:func:`toolkit.outputs.index.reduce_index`), so it ``needs`` the index and has no reduce of
its own.
"""

from __future__ import annotations

from pathlib import Path

from toolkit.outputs.kind import CORPUS, Output

JSONLD, TURTLE = "data/entities.jsonld", "data/edition.ttl"


def verify_linked(path: Path) -> list[str]:
    """The file parses as JSON-LD or Turtle (rdflib, imported when a file is verified)."""
    from rdflib import Graph

    try:
        Graph().parse(str(path), format="json-ld" if path.suffix == ".jsonld" else "turtle")
    except Exception as exc:  # noqa: BLE001 - rdflib raises many kinds; each is a finding
        return [f"not parsable linked data: {exc}"]
    return []


DATA = Output(name="data", summary="linked data of the registers (JSON-LD and Turtle)", folder="data",
              scope=CORPUS, needs=("index",), files=(JSONLD, TURTLE), packaged=False, verify=verify_linked)
