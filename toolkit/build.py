"""``tei build``: validate, then render every output; a map over documents, then a reduce.

Each document is parsed once, validated and rendered by one worker (with ``jobs`` > 1,
a process pool whose workers compile the schemas and stylesheets once each); the
citation index is then merged from the per-document partial indexes and every file is
written atomically, only when the whole build succeeded (or with ``force``).
"""

from __future__ import annotations

import hashlib
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from toolkit.diagnostics import Diagnostic
from toolkit.errors import ToolkitError, ValidationFailed
from toolkit.cache import BuildCache, key_for, stylesheets_digest
from toolkit.render import (KINDS, DocumentOutputs, RenderResult, check_output_dir, finish, merged_index,
                            render_one, unique_stems)
from toolkit.validate import FileResult, ValidationOptions, ValidationReport, check_options, validate_file

FIRST_ERRORS = 3


@dataclass
class BuildResult:
    report: ValidationReport
    render: RenderResult
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0
    cached: int = 0

    def summary(self) -> str:
        files = len(self.report.files)
        reused = f" ({self.cached} unchanged, from the cache)" if self.cached else ""
        return (f"{files} file{'s' if files != 1 else ''} validated, {self.report.invalid} invalid; "
                f"{self.render.documents} rendered{reused}, {len(self.render.outputs)} outputs written; "
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


def _cached(store: BuildCache | None, path: Path, options, kinds, base_url) -> tuple[str | None, _Mapped | None]:
    """(cache key, cached result) for one document; (None, None) without a cache."""
    if store is None:
        return None, None
    try:
        data = path.read_bytes()
    except OSError:
        return None, None  # the map reports the problem
    key = key_for(path, data, options, kinds, base_url)
    hit = store.get(key, str(path))
    if hit is None:
        return key, None
    return key, _Mapped(FileResult(str(path), hit["diagnostics"]), DocumentOutputs(path.stem, hit["files"], hit["partial"]))


def _index(store: BuildCache | None, outputs: list[DocumentOutputs], kinds, base_url: str) -> tuple[dict | None, str | None]:
    """(the merged index, its cache key when it was computed afresh); from the cache when no partial changed."""
    if "index" not in kinds:
        return None, None
    digest = hashlib.sha256(f"index:{stylesheets_digest()}:{base_url}".encode())
    for output in outputs:
        digest.update(hashlib.sha256((output.partial or "").encode()).digest())
    key = digest.hexdigest()
    hit = store.get(key, "index") if store else None
    if hit is not None:
        return hit["files"], None
    return merged_index(outputs, base_url), key


def build(paths: Iterable[Path], out_dir: Path = Path("output"), options: ValidationOptions = ValidationOptions(),
          force: bool = False, base_url: str = "", kinds: Iterable[str] = KINDS,
          progress: Callable[[str], None] | None = None, jobs: int = 1, cache: bool = True) -> BuildResult:
    """Validate ``paths``; refuse invalid ones unless ``force``; render all outputs.

    With ``force``, invalid but well-formed documents are rendered too; a document
    that cannot even be parsed is skipped (and named in the result). With ``cache``,
    a document whose bytes, schemas, stylesheets and parameters are unchanged since the
    last build into ``out_dir`` is not validated or rendered again.
    """
    started = time.perf_counter()
    paths = [Path(p) for p in paths]
    kinds = [k for k in KINDS if k in set(kinds)]
    check_output_dir(out_dir, paths)
    unique_stems(paths)
    check_options(options)
    store = BuildCache(out_dir / ".cache") if cache else None
    mapped: dict[int, _Mapped] = {}
    keys: dict[int, str] = {}
    work = []
    for i, path in enumerate(paths):
        key, hit = _cached(store, path, options, kinds, base_url)
        if hit is not None:
            mapped[i] = hit
            if progress:
                progress(str(path))
            continue
        if key:
            keys[i] = key
        work.append((i, (str(path), options, kinds, base_url)))

    def record(i: int, item: _Mapped) -> None:
        mapped[i] = item
        if progress:
            progress(item.result.path)

    if jobs > 1 and len(work) > 1:
        with ProcessPoolExecutor(max_workers=min(jobs, len(work))) as pool:
            results = pool.map(_map_one, [args for _, args in work], chunksize=max(1, len(work) // (jobs * 8)))
            for (i, _), item in zip(work, results):
                record(i, item)
    else:
        for i, args in work:
            record(i, _map_one(args))
    ordered = [mapped[i] for i in range(len(paths))]
    report = ValidationReport([m.result for m in ordered], strict=options.strict)
    if not report.ok and not force:
        raise _refusal(report)
    failures = [d for m in ordered if m.error is not None for d in m.error]
    if failures:
        raise ToolkitError("rendering failed", failures)
    outputs = [m.outputs for m in ordered if m.outputs is not None]
    skipped = [m.result.path for m in ordered if m.outputs is None]
    index, index_key = _index(store, outputs, kinds, base_url)
    rendered = finish(outputs, kinds, out_dir, base_url, index=index)
    if store:  # only a build that wrote its outputs fills the cache
        for i, key in keys.items():
            item = mapped[i]
            if item.outputs is not None and item.error is None:
                store.put(key, item.result.diagnostics, item.outputs.files, item.outputs.partial)
        if index_key:
            store.put(index_key, [], index, None)
    return BuildResult(report, rendered, skipped, time.perf_counter() - started, len(paths) - len(work))
