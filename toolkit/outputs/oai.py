"""OAI-PMH: ``oai/static-repository.xml`` (an OAI-PMH Static Repository, one record per document
in ``oai_dc`` and ``oai_datacite``) and ``oai/sets.json`` (:mod:`toolkit.oai`), which ``tei serve``
answers harvesters from at ``/oai``. Not written by default: OAI-PMH requires an ``adminEmail``,
the project's ``Contact-Email`` in ``[bag-info]``; ``tei render oai`` writes it."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import etree

from toolkit.oai import static_repository
from toolkit.outputs.kind import CORPUS, Output
from toolkit.outputs.run import CorpusRun


def reduce_oai(run: CorpusRun) -> None:
    for relative, content in static_repository(run.paths, run.context).items():
        run.stage.write(relative, content)


def verify_oai(path: Path) -> list[str]:
    try:
        if path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
        else:
            etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
    except (OSError, ValueError, etree.XMLSyntaxError) as exc:
        return [f"not readable: {exc}"]
    return []


OAI = Output(name="oai", summary="an OAI-PMH static repository of the documents (oai_dc, oai_datacite)",
             folder="oai", scope=CORPUS, reduce=reduce_oai, default=False, packaged=False, verify=verify_oai,
             files=("oai/static-repository.xml", "oai/sets.json"))
