"""The citation index: ``index/citation-index.html`` and ``.json`` (``xslt/index.xsl``).

A map and a reduce: each document's partial index is computed with the document (format
``partial``, in the workers, cached per document) and spilled as it arrives
(:mod:`toolkit.indexmerge`); :func:`reduce_index` merges them in bounded memory. The linked
data (:mod:`toolkit.outputs.linked`) is made from the same batches, so it is written here too
when it is wanted.
"""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.cache import index_key
from toolkit.errors import UsageError
from toolkit.linkeddata import LinkedData
from toolkit.outputs.html import verify_html
from toolkit.outputs.kind import CORPUS, Output
from toolkit.outputs.linked import JSONLD, TURTLE
from toolkit.outputs.run import CorpusRun

STEM = "citation-index"
HTML_FILE, JSON_FILE = f"index/{STEM}.html", f"index/{STEM}.json"


def reduce_index(run: CorpusRun) -> None:
    """Write the merged citation index (and the linked data, when wanted) to the staging folder;
    copied from the cache when no partial and nothing in the context changed."""
    linked = "data" in run.kinds
    files = (HTML_FILE, JSON_FILE, *((JSONLD, TURTLE) if linked else ()))
    key = index_key(run.merge.digests(), run.context.key, files)
    cached = run.store.get_files(key) if run.store is not None else None
    if cached is not None and sorted(cached) == sorted(files):
        for relative, path in cached.items():
            run.stage.copy_in(relative, path)
        return
    work_type = run.context.param_value("work-schema-type") or "CreativeWork"
    if not work_type.isascii() or not work_type.isalnum() or not work_type[0].isupper():
        raise UsageError(f"parameter 'work-schema-type' must name a schema.org type (CreativeWork, Legislation, "
                         f"Book …), not {work_type!r}")
    data = LinkedData(run.stage.scratch(), run.context.base_url, work_type) if linked else None
    try:
        run.merge.write(run.stage, HTML_FILE, JSON_FILE, run.context, entries=data.add if data else None)
        if data is not None:
            data.write(run.stage, JSONLD, TURTLE)
    finally:
        if data is not None:
            data.close()
    if run.store is not None:
        run.store.put_files(key, run.stage.root, files)


def verify_index(path: Path) -> list[str]:
    """The JSON parses and has the index's sections; the HTML page is checked as HTML."""
    if path.suffix == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            return [f"not JSON: {exc}"]
        missing = [key for key in ("documents", "entities") if key not in data]
        return [f"no {key!r} in the index" for key in missing]
    return verify_html(path)


INDEX = Output(
    name="index", summary="the citation index of every register entry and passage (HTML and JSON)",
    folder="index", scope=CORPUS, stylesheet="index.xsl", params=(("format", "partial"),), reduce=reduce_index,
    needs=("assets",), assets=True, files=(HTML_FILE, JSON_FILE), verify=verify_index,
    package_note="the citation index: every register entry (person, place, organisation,\n"
                 "work, event) with the passages that cite it, as HTML and as JSON")
