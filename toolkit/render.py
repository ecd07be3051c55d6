"""Rendering: the HTML reading edition, the plain-text edition and the citation index.

Every output of a run is computed in memory first and written only when all of
them succeeded, each file atomically: a failed run leaves the previous outputs
exactly as they were.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from toolkit.atomic import sweep_stale, write_atomic
from toolkit.diagnostics import ERROR, Diagnostic
from toolkit.errors import InputError, OutputError
from toolkit.resources import asset_dir
from toolkit.validate import document_checks
from toolkit.xmlsafe import ParsedDocument, parse_file
from toolkit.xslt import engine

KINDS = ("html", "text", "index")
PARTIALS_NS = "urn:x-tei-edition-toolkit"
INDEX_STEM = "citation-index"


@dataclass
class RenderResult:
    """What a run wrote."""

    documents: int = 0
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    def sizes(self) -> dict[str, int]:
        return {str(p): p.stat().st_size for p in self.outputs if p.exists()}


def check_output_dir(out_dir: Path, sources: Iterable[Path]) -> Path:
    """Refuse an output folder that is ``/``, inside ``tei/``, or a folder that holds the sources."""
    resolved = out_dir.resolve()
    tei = Path("tei").resolve()
    reason = None
    if resolved == Path(resolved.anchor):
        reason = "is the file system root"
    elif resolved == tei or tei in resolved.parents:
        reason = f"is inside the source folder {tei}; the toolkit never writes among the sources"
    elif resolved in {Path(s).resolve().parent for s in sources}:
        reason = "is the folder of the source files; the toolkit never writes among the sources"
    if reason:
        message = f"refusing output folder {out_dir}: it {reason}"
        raise OutputError(message, [Diagnostic(str(out_dir), 1, 1, ERROR, "output", "output-folder", message)])
    return out_dir


def unique_stems(documents: list) -> dict[str, object]:
    """Documents (or paths) by output stem; two inputs with one stem would overwrite each other."""
    stems: dict[str, object] = {}
    for doc in documents:
        path = str(getattr(doc, "path", doc))
        stem = Path(path).stem
        if stem in stems:
            other = str(getattr(stems[stem], "path", stems[stem]))
            message = f"two inputs would write the same outputs \"{stem}\": {other} and {path}"
            raise OutputError(message, [Diagnostic(path, 1, 1, ERROR, "output", "unique-stem", message)])
        stems[stem] = doc
    return stems


def _params(stem: str | None, base_url: str, **extra) -> dict:
    params = {"base-url": base_url, **extra}
    if stem is not None:
        params["doc-stem"] = stem
    return params


def partial_index(doc: ParsedDocument, stem: str, base_url: str = "") -> str:
    """The partial citation index of one document (XML text)."""
    return engine().transform("index.xsl", doc.root, _params(stem, base_url, format="partial"))


def merge_index(partials: list[str], fmt: str, base_url: str = "") -> str:
    """The whole citation index (``html`` or ``json``) from per-document partials."""
    wrapper = f'<ed:partials xmlns:ed="{PARTIALS_NS}">' + "".join(partials) + "</ed:partials>"
    return engine().transform("index.xsl", wrapper, _params(None, base_url, format=fmt))


@dataclass
class DocumentOutputs:
    """What one document contributes: its output files (relative paths) and its partial index."""

    stem: str
    files: dict[str, str] = field(default_factory=dict)
    partial: str | None = None


def render_one(doc: ParsedDocument, stem: str, kinds: Iterable[str], base_url: str = "") -> DocumentOutputs:
    """Render one document (the map step); nothing is written."""
    kinds = set(kinds)
    result = DocumentOutputs(stem)
    if "html" in kinds:
        result.files[f"html/{stem}.html"] = engine().transform("html.xsl", doc.root, _params(stem, base_url))
    if "text" in kinds:
        result.files[f"text/{stem}.txt"] = engine().transform("text.xsl", doc.root, _params(stem, base_url))
    if "index" in kinds:
        result.partial = partial_index(doc, stem, base_url)
    return result


def merged_index(outputs: list[DocumentOutputs], base_url: str = "") -> dict[str, str]:
    """The citation index files (relative path to text) merged from the documents' partials."""
    partials = [d.partial for d in outputs if d.partial is not None]
    return {f"index/{INDEX_STEM}.html": merge_index(partials, "html", base_url),
            f"index/{INDEX_STEM}.json": merge_index(partials, "json", base_url)}


def finish(outputs: list[DocumentOutputs], kinds: Iterable[str], out_dir: Path, base_url: str = "",
           started: float | None = None, index: dict[str, str] | None = None) -> RenderResult:
    """The reduce step: merge the index (unless given), add the assets, then write every file atomically."""
    started = time.perf_counter() if started is None else started
    kinds = set(kinds)
    pending: dict[Path, bytes | str] = {}
    for document in outputs:
        for relative, data in document.files.items():
            pending[out_dir / relative] = data
    if "index" in kinds:
        for relative, data in (index if index is not None else merged_index(outputs, base_url)).items():
            pending[out_dir / relative] = data
    for folder in {"html", "index"} & kinds:
        for asset in sorted(asset_dir().iterdir()):
            if asset.is_file() and asset.suffix in (".css", ".js"):
                pending[out_dir / folder / asset.name] = asset.read_bytes()
    for folder in {path.parent for path in pending}:
        sweep_stale(folder)
    written = [write_atomic(path, data) for path, data in sorted(pending.items())]
    return RenderResult(len(outputs), written, time.perf_counter() - started)


def render_documents(documents: list[ParsedDocument], kinds: Iterable[str] = KINDS, out_dir: Path = Path("output"),
                     base_url: str = "", progress: Callable[[str], None] | None = None) -> RenderResult:
    """Render parsed documents into ``out_dir``; write nothing unless everything succeeded."""
    started = time.perf_counter()
    kinds = [k for k in KINDS if k in set(kinds)]
    check_output_dir(out_dir, [Path(d.path) for d in documents])
    refused = [d for doc in documents for d in document_checks(doc) if d.is_error]
    if refused:
        raise InputError("not TEI", refused)
    outputs = []
    for stem, doc in unique_stems(documents).items():
        outputs.append(render_one(doc, stem, kinds, base_url))
        if progress:
            progress(doc.path)
    return finish(outputs, kinds, out_dir, base_url, started)


def render_paths(paths: Iterable[Path], kinds: Iterable[str] = KINDS, out_dir: Path = Path("output"),
                 base_url: str = "", progress: Callable[[str], None] | None = None) -> RenderResult:
    """Parse (safely) and render files. Raises InputError for a file that cannot be parsed."""
    documents = [parse_file(p) for p in paths]
    return render_documents(documents, kinds, out_dir, base_url, progress)
