"""The citable IDs each document publishes: ``ids/<stem>.json`` (:mod:`toolkit.published`).

Made in the worker that renders the document and cached with it; the release check and
``tei release`` read it (:mod:`toolkit.outputs.releases`, :mod:`toolkit.release`)."""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.context import BuildContext
from toolkit.outputs.kind import Output
from toolkit.published import published_json
from toolkit.xmlsafe import ParsedDocument

FOLDER = "ids"


def render_ids(doc: ParsedDocument, stem: str, context: BuildContext) -> dict[str, str | bytes]:
    del context  # the IDs are the document's own
    return {f"{FOLDER}/{stem}.json": published_json(doc, stem, doc.path)}


def verify_ids(path: Path) -> list[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"not JSON: {exc}"]
    return [f"no {key!r}" for key in ("passages", "registers") if key not in data]


IDS = Output(name="ids", summary="the citable IDs each document publishes (passages, register entries), as JSON",
             folder=FOLDER, file="{stem}.json", render=render_ids, verify=verify_ids, packaged=False, version="1",
             package_note="the citable IDs of each document: its passages and register entries")
