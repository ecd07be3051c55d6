"""Rendering one document: the lowest layer of the outputs.

:func:`render_one` runs every wanted document-scope output kind
(:mod:`toolkit.outputs`) on one parsed document, with one build context: the stylesheets in
one Saxon call (the document is handed to Saxon and parsed once), then the kinds rendered by
Python functions. Nothing is written here: the pipeline (:mod:`toolkit.pipeline`) stages the
files in the worker that rendered them and moves every staged file into place only when the
whole run succeeded, so a failed run leaves the previous outputs exactly as they were.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.context import BuildContext
from toolkit.coverage import coverage_warnings
from toolkit.diagnostics import Diagnostic
from toolkit.errors import UsageError
from toolkit.outputs.kind import Output
from toolkit.params import Param
from toolkit.resources import asset_dir
from toolkit.staging import Staging
from toolkit.xmlsafe import ParsedDocument
from toolkit.xslt import engine


@dataclass
class RenderResult:
    """What a run wrote (``outputs``) and what was already up to date (``unchanged``)."""

    documents: int = 0
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    unchanged: list[Path] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    #: the outputs of deleted sources, removed by this run (:mod:`toolkit.manifest`)
    removed: list[Path] = field(default_factory=list)
    #: files of an output written whole (the search bundle, named after their content) that
    #: the new version of that output replaced; not counted as removed outputs
    superseded: list[Path] = field(default_factory=list)

    def describe(self) -> str:
        """E.g. ``8 outputs written``, ``0 outputs written, 8 up to date`` or ``1 output written,
        12 up to date, 2 removed`` (written, unchanged and removed files)."""
        written = f"{len(self.outputs)} output{'s' if len(self.outputs) != 1 else ''} written"
        parts = [written, *([f"{len(self.unchanged)} up to date"] if self.unchanged else []),
                 *([f"{len(self.removed)} removed"] if self.removed else [])]
        return ", ".join(parts)


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


@dataclass
class DocumentOutputs:
    """What one document contributes: its output files (relative paths) and its partial index."""

    stem: str
    files: dict[str, str | bytes] = field(default_factory=dict)
    partial: str | None = None
    warnings: list[Diagnostic] = field(default_factory=list)
    #: output files already written to the run's staging folder (relative paths), not held here
    staged: list[str] = field(default_factory=list)


def _stylesheet_of(output: Output) -> str:
    """The engine's name for an output's stylesheet: a toolkit entry stylesheet's file name, or
    a plug-in's stylesheet by absolute path."""
    assert output.stylesheet is not None
    path = Path(output.stylesheet)
    return str(path) if path.is_absolute() else output.stylesheet


def render_one(doc: ParsedDocument, stem: str, context: BuildContext, outputs: Sequence[Output]) -> DocumentOutputs:
    """Render one document as each of ``outputs`` (the map step); nothing is written."""
    result = DocumentOutputs(stem)
    if any(o.reading for o in outputs):
        result.warnings = coverage_warnings(doc)
    styled = [o for o in outputs if o.stylesheet is not None]
    runs: list[tuple[str, list[Param]]] = [
        (_stylesheet_of(o), context.stylesheet_params(stem, **dict(o.params))) for o in styled]
    extra = tuple(sorted({Path(name) for name, _ in runs if Path(name).is_absolute()}))
    texts = engine(context, extra).transform_each(doc.root, runs) if runs else []
    for output, text in zip(styled, texts, strict=True):
        relative = output.path_of(stem)
        if relative is None:
            result.partial = text
        else:
            result.files[relative] = text
    for output in outputs:
        if output.render is not None:
            result.files.update(output.render(doc, stem, context))
    return result


def stage_assets(outputs: Iterable[Output], stage: Staging) -> None:
    """The toolkit's CSS and JavaScript beside the files of every output kind that has assets
    and wrote a file in this run."""
    written = {relative.split("/", 1)[0] for relative in stage.files()}
    for output in outputs:
        if not output.assets or output.folder not in written:
            continue
        for asset in sorted(asset_dir().iterdir()):
            if asset.is_file() and asset.suffix in (".css", ".js"):
                stage.write(f"{output.folder}/{asset.name}", asset.read_bytes())


def commit(stage: Staging, documents: int, started: float) -> RenderResult:
    """Move the staged files into the output folder (the run's only writes there)."""
    result = RenderResult(documents)
    result.outputs, result.unchanged = stage.commit()
    result.seconds = time.perf_counter() - started
    return result


