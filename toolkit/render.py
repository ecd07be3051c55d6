"""Rendering: the HTML reading edition, the plain-text edition and the citation index.

Every output of a run is computed in memory first and written only when all of
them succeeded, each file atomically: a failed run leaves the previous outputs
exactly as they were.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.coverage import coverage_warnings
from toolkit.diagnostics import Diagnostic
from toolkit.errors import InputError, RenderError, UsageError
from toolkit.resources import asset_dir
from toolkit.staging import Staging
from toolkit.xmlsafe import ParsedDocument
from toolkit.xslt import engine

KINDS = ("html", "text", "index")
INDEX_STEM = "citation-index"


@dataclass
class RenderResult:
    """What a run wrote (``outputs``) and what was already up to date (``unchanged``)."""

    documents: int = 0
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    unchanged: list[Path] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)

    def describe(self) -> str:
        """E.g. ``8 outputs written`` or ``0 outputs written, 8 up to date`` (written and unchanged files)."""
        written = f"{len(self.outputs)} output{'s' if len(self.outputs) != 1 else ''} written"
        return f"{written}, {len(self.unchanged)} up to date" if self.unchanged else written


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
        raise UsageError(f"refusing output folder {out_dir}: it {reason}")
    return out_dir


def unique_stems(paths: Iterable[Path]) -> dict[str, Path]:
    """Paths by output stem; two inputs with one stem would overwrite each other (a usage error)."""
    stems: dict[str, Path] = {}
    for path in paths:
        stem = Path(path).stem
        if stem in stems:
            raise UsageError(f"two inputs would write the same outputs \"{stem}\": {stems[stem]} and {path}")
        stems[stem] = Path(path)
    return stems


def stylesheet_params(stem: str | None, base_url: str, **extra) -> dict:
    from toolkit.config import current

    params: dict = {**current().params(), "base-url": base_url, **extra}
    if stem is not None:
        params["doc-stem"] = stem
    return params


@dataclass
class DocumentOutputs:
    """What one document contributes: its output files (relative paths) and its partial index."""

    stem: str
    files: dict[str, str] = field(default_factory=dict)
    partial: str | None = None
    warnings: list[Diagnostic] = field(default_factory=list)
    #: output files already written to the run's staging folder (relative paths), not held here
    staged: list[str] = field(default_factory=list)


def render_one(doc: ParsedDocument, stem: str, kinds: Iterable[str], base_url: str = "") -> DocumentOutputs:
    """Render one document (the map step); nothing is written."""
    kinds = set(kinds)
    result = DocumentOutputs(stem)
    if kinds & {"html", "text"}:
        result.warnings = coverage_warnings(doc)
    runs: list[tuple[str, dict]] = []
    if "html" in kinds:
        runs.append(("html.xsl", stylesheet_params(stem, base_url)))
    if "text" in kinds:
        runs.append(("text.xsl", stylesheet_params(stem, base_url)))
    if "index" in kinds:
        runs.append(("index.xsl", stylesheet_params(stem, base_url, format="partial")))
    done = dict(zip([name for name, _ in runs], engine().transform_each(doc.root, runs), strict=True))
    if "html.xsl" in done:
        result.files[f"html/{stem}.html"] = done["html.xsl"]
    if "text.xsl" in done:
        result.files[f"text/{stem}.txt"] = done["text.xsl"]
    result.partial = done.get("index.xsl")
    return result


def stage_outputs(outputs: list[DocumentOutputs], kinds: Iterable[str], stage: Staging,
                  extra: dict[str, str | bytes] | None = None) -> None:
    """Stage what is not staged yet: documents' files still in memory, the extra files and the
    assets (the merged index is written to the staging folder by :mod:`toolkit.indexmerge`)."""
    kinds = set(kinds)
    for document in outputs:
        for relative, text in document.files.items():
            stage.write(relative, text)
    for relative, content in (extra or {}).items():
        stage.write(relative, content)
    folders = ({"html", "index"} & kinds) | ({"docs"} & {Path(relative).parts[0] for relative in (extra or {})})
    for kind in sorted(folders):
        for asset in sorted(asset_dir().iterdir()):
            if asset.is_file() and asset.suffix in (".css", ".js"):
                stage.write(f"{kind}/{asset.name}", asset.read_bytes())


def commit(stage: Staging, documents: int, started: float) -> RenderResult:
    """Move the staged files into the output folder (the run's only writes there)."""
    result = RenderResult(documents)
    result.outputs, result.unchanged = stage.commit()
    result.seconds = time.perf_counter() - started
    return result


def render_paths(paths: Iterable[Path], kinds: Iterable[str] = KINDS, out_dir: Path = Path("output"),
                 base_url: str = "", progress: Callable[[str], None] | None = None, jobs: int = 1) -> RenderResult:
    """Parse (safely) and render files, without validating; write nothing unless all succeeded.

    Raises :class:`InputError` for a file that cannot be parsed or is not TEI, and
    :class:`RenderError` when a stylesheet fails on a document.
    """
    from toolkit.pipeline import map_jobs, persist, plan, render_failures

    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    check_output_dir(out_dir, paths)
    unique_stems(paths)
    stage = Staging(out_dir)
    try:
        work = map_jobs(plan(paths, kinds, base_url, stage=stage), jobs, progress)
        ordered = work.ordered()
        refused = [d for m in ordered if m.fatal for d in m.result.diagnostics if d.is_error]
        if refused:
            raise InputError("cannot render", refused)
        failures = render_failures(ordered)
        if failures:
            raise RenderError("rendering failed", failures)
        result = persist(work, out_dir)
    finally:
        stage.discard()
    result.warnings = [d for m in ordered for d in m.result.diagnostics if not d.is_error]
    result.seconds = time.perf_counter() - started
    return result
