"""The DTS API's static files: ``dts/`` (entry point, collections, navigation, documents),
for static hosting (:mod:`toolkit.dts_static`). Not written by default: ``tei build --dts``."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from toolkit.context import BuildContext
from toolkit.dts_static import static_files
from toolkit.outputs.kind import CORPUS, Output
from toolkit.outputs.run import CorpusRun


def reduce_dts(run: CorpusRun) -> None:
    """Documents unchanged since the previous run of a long-lived caller (``run.state``) are
    not read again."""
    files, run.state["dts-library"] = static_files(run.paths, run.context, run.state.get("dts-library"))
    files.update(moved_files(files, run.context))
    for relative, content in files.items():
        run.stage.write(relative, content)


def moved_files(files: dict[str, str | bytes], context: BuildContext) -> dict[str, str | bytes]:
    """A document declared moved (tei.toml ``[moved]``, ``"old" = "new"``) keeps its static
    collection and navigation files, answering as the document at its new name does (a static
    host cannot redirect; ``tei serve`` answers 301). Its TEI is not copied: ``tei serve`` reads
    ``dts/document/`` as the resources."""
    found: dict[str, str | bytes] = {}
    for old, new in context.release.declared.moved:
        if "#" in old or "#" in new:
            continue
        for folder in ("collection", "navigation"):
            source, target = f"dts/{folder}/{quote(new, safe='')}.json", f"dts/{folder}/{quote(old, safe='')}.json"
            if source in files and target not in files:
                found[target] = files[source]
    return found


def verify_dts(path: Path) -> list[str]:
    if path.suffix != ".json":
        return []
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"not JSON: {exc}"]
    return []


DTS = Output(name="dts", summary="the DTS 1.0 API as static files", folder="dts", scope=CORPUS,
             reduce=reduce_dts, default=False, packaged=False, verify=verify_dts)
