"""``tei build``: validate, then render every output; a map over documents, then a reduce.

Each document is parsed once, validated and rendered by one worker (with ``jobs`` > 1,
a process pool whose workers compile the schemas and stylesheets once each); the
citation index is then merged from the per-document partial indexes and every file is
written atomically, only when the whole build succeeded (or with ``force``).
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from toolkit.diagnostics import Diagnostic
from toolkit.errors import ToolkitError, ValidationFailed
from toolkit.render import KINDS, DocumentOutputs, RenderResult, _stems, check_output_dir, finish, render_one
from toolkit.validate import FileResult, ValidationOptions, ValidationReport, check_options, validate_file

FIRST_ERRORS = 3


@dataclass
class BuildResult:
    report: ValidationReport
    render: RenderResult
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        files = len(self.report.files)
        return (f"{files} file{'s' if files != 1 else ''} validated, {self.report.invalid} invalid; "
                f"{self.render.documents} rendered, {len(self.render.outputs)} outputs written; "
                f"{self.seconds:.2f} s")


@dataclass
class _Mapped:
    result: FileResult
    outputs: DocumentOutputs | None = None
    error: list[Diagnostic] | None = None


def _map_one(args) -> _Mapped:
    """Validate and render one document (runs in a worker process when jobs > 1)."""
    path, options, kinds, base_url = args
    result = validate_file(path, options)
    doc, result.document = result.document, None
    if doc is None or any(d.is_error for d in result.diagnostics if d.layer in ("xml", "document", "io")):
        return _Mapped(result)
    try:
        return _Mapped(result, render_one(doc, Path(path).stem, kinds, base_url))
    except ToolkitError as exc:
        return _Mapped(result, error=exc.diagnostics or [])


def _refusal(report: ValidationReport) -> ValidationFailed:
    lines: list[Diagnostic] = []
    names = []
    for result in report.files:
        if not result.valid(report.strict):
            names.append(result.path)
            lines.extend([d for d in result.diagnostics if d.is_error][:FIRST_ERRORS])
    message = f"refusing to render {len(names)} invalid file(s): {', '.join(names)} (use --force to render anyway)"
    return ValidationFailed(message, lines)


def default_jobs() -> int:
    return os.cpu_count() or 1


def build(paths: Iterable[Path], out_dir: Path = Path("output"), options: ValidationOptions = ValidationOptions(),
          force: bool = False, base_url: str = "", kinds: Iterable[str] = KINDS,
          progress: Callable[[str], None] | None = None, jobs: int = 1) -> BuildResult:
    """Validate ``paths``; refuse invalid ones unless ``force``; render all outputs.

    With ``force``, invalid but well-formed documents are rendered too; a document
    that cannot even be parsed is skipped (and named in the result).
    """
    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    kinds = [k for k in KINDS if k in set(kinds)]
    check_output_dir(out_dir, paths)
    _stems(paths)
    check_options(options)
    work = [(str(p), options, kinds, base_url) for p in paths]
    mapped: list[_Mapped] = []
    if jobs > 1 and len(paths) > 1:
        with ProcessPoolExecutor(max_workers=min(jobs, len(paths))) as pool:
            for item in pool.map(_map_one, work, chunksize=max(1, len(work) // (jobs * 8))):
                mapped.append(item)
                if progress:
                    progress(item.result.path)
    else:
        for args in work:
            mapped.append(_map_one(args))
            if progress:
                progress(args[0])
    report = ValidationReport([m.result for m in mapped], strict=options.strict)
    if not report.ok and not force:
        raise _refusal(report)
    failures = [d for m in mapped if m.error is not None for d in m.error]
    if failures:
        raise ToolkitError("rendering failed", failures)
    outputs = [m.outputs for m in mapped if m.outputs is not None]
    skipped = [m.result.path for m in mapped if m.outputs is None]
    rendered = finish(outputs, kinds, out_dir, base_url)
    return BuildResult(report, rendered, skipped, time.perf_counter() - started)
