"""``tei build``: validate, then render every output.

A thin composition of :mod:`toolkit.pipeline`: plan (what the cache holds), map
(validate and render each document), then refuse invalid input unless ``force``,
and reduce/persist (merge the index, fill the cache, move the staged outputs into place).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.cache import BuildCache
from toolkit.diagnostics import Diagnostic
from toolkit.errors import RenderError, ValidationFailed
from toolkit.pipeline import Progress, default_jobs, map_jobs, persist, plan, render_failures
from toolkit.render import KINDS, RenderResult, check_output_dir, unique_stems
from toolkit.staging import Staging
from toolkit.validate import ValidationOptions, ValidationReport, check_options

__all__ = ["BuildResult", "build", "default_jobs"]

FIRST_ERRORS = 3
FORCE_HINT = "use --force to render anyway"


@dataclass
class BuildResult:
    report: ValidationReport
    render: RenderResult
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cached: int = 0

    @property
    def ok(self) -> bool:
        """True when every document was valid (a forced build of invalid input is not ok)."""
        return self.report.ok

    def summary(self) -> str:
        files = len(self.report.files)
        reused = f" ({self.cached} unchanged, from the cache)" if self.cached else ""
        return (f"{files} file{'s' if files != 1 else ''} validated, {self.report.invalid} invalid; "
                f"{self.render.documents} rendered{reused}, {self.render.describe()}; {self.seconds:.2f} s")


def refusal(report: ValidationReport, hint: str = FORCE_HINT) -> ValidationFailed:
    """The error that names each invalid file and its first errors."""
    lines: list[Diagnostic] = []
    names = []
    for result in report.files:
        if not result.valid(report.strict):
            names.append(result.path)
            lines.extend([d for d in result.diagnostics if d.is_error][:FIRST_ERRORS])
    return ValidationFailed(f"refusing to render {len(names)} invalid file(s): {', '.join(names)} ({hint})", lines)


def build(paths: Iterable[Path], out_dir: Path = Path("output"), options: ValidationOptions | None = None,
          force: bool = False, base_url: str = "", kinds: Iterable[str] = KINDS,
          progress: Progress | None = None, jobs: int = 1, cache: bool = True,
          refusal_hint: str = FORCE_HINT, dts: bool = False, scheduler: str | None = None) -> BuildResult:
    """Validate ``paths``; refuse invalid ones unless ``force``; render all outputs.

    With ``force``, invalid but well-formed documents are rendered too (the result is
    then not :attr:`~BuildResult.ok`); a document that cannot even be parsed is skipped
    and named in the result. With ``cache``, a document whose bytes, schemas,
    stylesheets and parameters are unchanged since the last build into ``out_dir`` is
    not validated or rendered again. With ``dts``, the static DTS files are written to
    ``out_dir/dts/`` (:mod:`toolkit.dts_static`). With ``scheduler`` (a Dask scheduler's
    address), the documents are validated and rendered on that cluster
    (:mod:`toolkit.cluster`) instead of local processes; the outputs are the same.
    """
    started = time.perf_counter()
    options = options or ValidationOptions()
    paths = [Path(p) for p in paths]
    check_output_dir(out_dir, paths)
    unique_stems(paths)
    check_options(options)
    store = BuildCache(out_dir / ".cache") if cache else None
    stage = Staging(out_dir)
    try:
        work = plan(paths, kinds, base_url, options, store, stage)
        if scheduler:
            from toolkit.cluster import map_on_cluster

            map_on_cluster(work, scheduler, progress)
        else:
            map_jobs(work, jobs, progress)
        ordered = work.ordered()
        report = ValidationReport([m.result for m in ordered], strict=options.strict)
        if not report.ok and not force:
            raise refusal(report, refusal_hint)
        failures = render_failures(ordered)
        if failures:
            raise RenderError("rendering failed", failures)
        rendered = persist(work, out_dir, guide=True, dts=dts)
    finally:
        stage.discard()
    skipped = [m.result.path for m in ordered if m.outputs is None]
    return BuildResult(report, rendered, skipped, time.perf_counter() - started, len(paths) - len(work.jobs))
