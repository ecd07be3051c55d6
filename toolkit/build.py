"""``tei build``: validate, then render every output, parsing each document once."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from toolkit.diagnostics import Diagnostic
from toolkit.errors import ValidationFailed
from toolkit.render import KINDS, RenderResult, render_documents
from toolkit.validate import ValidationOptions, ValidationReport, validate_paths

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


def _refusal(report: ValidationReport) -> ValidationFailed:
    lines: list[Diagnostic] = []
    names = []
    for result in report.files:
        if not result.valid(report.strict):
            names.append(result.path)
            lines.extend([d for d in result.diagnostics if d.is_error][:FIRST_ERRORS])
    message = f"refusing to render {len(names)} invalid file(s): {', '.join(names)} (use --force to render anyway)"
    return ValidationFailed(message, lines)


def build(paths: Iterable[Path], out_dir: Path = Path("output"), options: ValidationOptions = ValidationOptions(),
          force: bool = False, base_url: str = "", kinds: Iterable[str] = KINDS,
          progress: Callable[[str], None] | None = None) -> BuildResult:
    """Validate ``paths``; refuse invalid ones unless ``force``; render all outputs.

    With ``force``, invalid but well-formed documents are rendered too; a document
    that cannot even be parsed is skipped (and named in the result).
    """
    started = time.perf_counter()
    report = validate_paths(list(paths), options, progress=progress, keep_documents=True)
    if not report.ok and not force:
        raise _refusal(report)
    documents = [r.document for r in report.files if r.document is not None]
    skipped = [r.path for r in report.files if r.document is None]
    for result in report.files:
        result.document = None  # the render keeps its own references; free the rest early
    rendered = render_documents(documents, kinds, out_dir, base_url)
    return BuildResult(report, rendered, skipped, time.perf_counter() - started)
