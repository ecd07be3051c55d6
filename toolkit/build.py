"""``tei build`` and ``tei render``: the orchestration above the rendering layer.

Thin compositions of :mod:`toolkit.pipeline`: plan (what the cache holds), map (validate
and render each document, locally or on a Dask cluster), then refuse invalid input unless
``force``, and reduce/persist (the corpus outputs, fill the cache, move the staged outputs
into place). Every step is given the run's :class:`~toolkit.context.BuildContext`.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.cache import BuildCache
from toolkit.cluster import map_on_cluster
from toolkit.context import BuildContext
from toolkit.diagnostics import Diagnostic
from toolkit.errors import InputError, RenderError, ValidationFailed
from toolkit.outputs.registry import registry
from toolkit.pipeline import Progress, default_jobs, map_jobs, persist, plan, render_failures
from toolkit.render import RenderResult, check_output_dir, unique_stems
from toolkit.staging import Staging
from toolkit.stamp import read_memo, write_memo
from toolkit.validate import ValidationOptions, ValidationReport, check_options

__all__ = ["BuildResult", "build", "default_jobs", "render_paths", "run_context"]

FIRST_ERRORS = 3
#: the sources' header dates, kept in the build cache between runs (toolkit.stamp)
HEADER_DATES = "header-dates.json"
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


def run_context(context: BuildContext | None, params: Mapping[str, Any] | None = None,
                base_url: str | None = None) -> BuildContext:
    """The run's context: ``context`` (default: the default settings, no tei.toml) with the
    library caller's ``params`` and ``base_url``."""
    if context is None or params:
        context = BuildContext.create(context.config if context else None, params=params,
                                      stylesheets=context.config.overrides if context else None)
    if base_url is not None and base_url != context.base_url:
        context = context.with_base_url(base_url)
    return context


def build(paths: Iterable[Path], out_dir: Path = Path("output"), options: ValidationOptions | None = None,
          force: bool = False, base_url: str | None = None, kinds: Iterable[str] | None = None,
          progress: Progress | None = None, jobs: int = 1, cache: bool = True,
          refusal_hint: str = FORCE_HINT, dts: bool = False, scheduler: str | None = None,
          context: BuildContext | None = None, params: Mapping[str, Any] | None = None,
          state: dict | None = None, skip_invalid: bool = False) -> BuildResult:
    """Validate ``paths``; refuse invalid ones unless ``force``; render every output kind.

    ``context`` is the run's :class:`~toolkit.context.BuildContext` (settings, typed stylesheet
    parameters, override stylesheets, base URL); without one, the default settings. ``params``
    (NAME -> value, typed as the stylesheets declare them) and ``base_url`` take the place of
    the context's. ``kinds``: the output kinds by name (default: every kind the registry
    writes by default, :mod:`toolkit.outputs.registry`); ``dts`` adds the static DTS files.

    With ``force``, invalid but well-formed documents are rendered too (the result is
    then not :attr:`~BuildResult.ok`); a document that cannot even be parsed is skipped
    and named in the result. With ``cache``, a document whose bytes, schemas and build
    context are unchanged since the last build into ``out_dir`` is not validated or rendered
    again. With ``scheduler`` (a Dask scheduler's address), the documents are validated and
    rendered on that cluster (:mod:`toolkit.cluster`) instead of local processes; the
    outputs are the same. ``state``: what a long-lived caller (``tei serve``) keeps between runs.
    With ``skip_invalid``, a document that fails validation is neither refused nor rendered: the
    valid ones are, the corpus outputs (index, DTS …) cover only them, and the invalid one's
    earlier outputs are removed (the result is then not ok, and names it in ``skipped``).
    """
    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    context = run_context(context, params, base_url)
    options = options or ValidationOptions(project=context.project)
    check_output_dir(out_dir, paths)
    unique_stems(paths)
    check_options(options)
    memo = out_dir / ".cache" / HEADER_DATES
    dates: dict[str, list] = {}
    context = context.with_release(paths, known=read_memo(memo) if cache else None, found=dates)
    known = registry()
    wanted = list(known.defaults() if kinds is None else kinds) + (["dts"] if dts else [])
    store = BuildCache(out_dir / ".cache") if cache else None
    stage = Staging(out_dir)
    try:
        work = plan(paths, context, wanted, options, store, stage, known, drop_invalid=skip_invalid)
        if scheduler:
            map_on_cluster(work, scheduler, progress)
        else:
            map_jobs(work, jobs, progress)
        ordered = work.ordered()
        report = ValidationReport([m.result for m in ordered], strict=options.strict)
        if not report.ok and not force and not skip_invalid:
            raise refusal(report, refusal_hint)
        failures = render_failures(ordered)
        if failures:
            raise RenderError("rendering failed", failures)
        # no document could be rendered (none is TEI): nothing is written, not even an empty index
        rendered = persist(work, out_dir, state) if any(m.outputs is not None for m in ordered) else RenderResult()
    finally:
        stage.discard()
    if cache and rendered.outputs + rendered.unchanged:
        write_memo(memo, dates)
    skipped = [m.result.path for m in ordered if m.outputs is None]
    return BuildResult(report, rendered, skipped, time.perf_counter() - started, len(paths) - len(work.jobs))


def render_paths(paths: Iterable[Path], kinds: Iterable[str] | None = None, out_dir: Path = Path("output"),
                 base_url: str | None = None, progress: Progress | None = None, jobs: int = 1,
                 context: BuildContext | None = None, params: Mapping[str, Any] | None = None) -> RenderResult:
    """Parse (safely) and render files, without validating; write nothing unless all succeeded.

    ``kinds``: output kinds by name (default: the registry's defaults); ``context``, ``params``
    and ``base_url`` as for :func:`build`. Raises :class:`InputError` for a file that cannot be
    parsed or is not TEI, and :class:`RenderError` when a stylesheet fails on a document.
    """
    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    context = run_context(context, params, base_url)
    check_output_dir(out_dir, paths)
    unique_stems(paths)
    memo = out_dir / ".cache" / HEADER_DATES
    dates: dict[str, list] = {}
    context = context.with_release(paths, known=read_memo(memo), found=dates)
    stage = Staging(out_dir)
    try:
        known = registry()
        work = map_jobs(plan(paths, context, kinds, stage=stage, outputs=known), jobs, progress)
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
    write_memo(memo, dates)
    result.warnings = [d for m in ordered for d in m.result.diagnostics if not d.is_error]
    result.seconds = time.perf_counter() - started
    return result
