"""The one orchestrator behind ``tei build`` and ``tei render``: plan, map, reduce/persist.

* :func:`plan` decides, document by document, what is already in the build cache and
  what must be computed (a :class:`Job` each);
* :func:`map_jobs` runs the jobs, in this process or in a pool of worker processes
  that each compile the schemas and stylesheets once;
* :func:`persist` merges the citation index from the per-document partials (the
  reduce step), fills the cache and moves every output into place.

Each document's files go to the run's staging folder (:mod:`toolkit.staging`) as soon as
they are rendered, in the worker that rendered them: what travels back is each document's
diagnostics and partial index, and the partial is spilled to disk as soon as it arrives
(:mod:`toolkit.indexmerge`), so what the run holds is the diagnostics. Nothing in the output folder
changes before every document has been computed, so a failed run leaves the previous
outputs exactly as they were.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.cache import BuildCache, document_key, index_key
from toolkit.diagnostics import Diagnostic
from toolkit.errors import InputError, ToolkitError, problem
from toolkit.guide import guide_files
from toolkit.indexmerge import IndexMerge
from toolkit.render import (
    INDEX_STEM,
    KINDS,
    DocumentOutputs,
    RenderResult,
    commit,
    render_one,
    stage_outputs,
)
from toolkit.staging import Staging, write_file
from toolkit.validate import FileResult, ValidationOptions, document_checks, validate_file
from toolkit.xmlsafe import ParsedDocument, parse_file

_PR_SET_PDEATHSIG = 1

#: Layers whose errors mean a document cannot be rendered at all.
FATAL_LAYERS = ("io", "xml", "document")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Job:
    """One document's work: validate (unless ``options`` is None) and render ``kinds``."""

    path: str
    kinds: tuple[str, ...]
    base_url: str = ""
    options: ValidationOptions | None = None
    #: the run's staging folder: the worker writes the document's files there
    stage: str | None = None


@dataclass
class Mapped:
    """What a job produced: the validation result, the rendered outputs or the render error."""

    result: FileResult
    outputs: DocumentOutputs | None = None
    error: list[Diagnostic] | None = None

    @property
    def fatal(self) -> bool:
        return any(d.is_error and d.layer in FATAL_LAYERS for d in self.result.diagnostics)


def run_job(job: Job) -> Mapped:
    """Validate and render one document (in a worker process when there are several)."""
    doc: ParsedDocument | None
    if job.options is None:
        result = FileResult(job.path)
        try:
            doc = parse_file(job.path)
        except InputError as exc:
            result.diagnostics.extend(exc.diagnostics)
            return Mapped(result)
        result.diagnostics.extend(document_checks(doc))
    else:
        result = validate_file(job.path, job.options)
        doc, result.document = result.document, None
    mapped = Mapped(result)
    if doc is None or mapped.fatal:
        return mapped
    try:
        mapped.outputs = render_one(doc, Path(job.path).stem, job.kinds, job.base_url)
        result.diagnostics.extend(mapped.outputs.warnings)
        if job.stage is not None:
            _stage(mapped.outputs, Path(job.stage))
    except ToolkitError as exc:
        mapped.error = exc.diagnostics or [problem(job.path, "render", "render", str(exc))]
    return mapped


def _stage(outputs: DocumentOutputs, stage: Path) -> None:
    """Write a document's files to the staging folder and keep only their names."""
    for relative, text in outputs.files.items():
        write_file(stage / relative, text)
        outputs.staged.append(relative)
    outputs.files = {}


@dataclass
class Plan:
    """The documents of a run, what the cache already holds, and what remains to compute."""

    paths: list[Path]
    kinds: tuple[str, ...]
    base_url: str
    store: BuildCache | None = None
    stage: Staging | None = None
    done: dict[int, Mapped] = field(default_factory=dict)
    jobs: dict[int, Job] = field(default_factory=dict)
    keys: dict[int, str] = field(default_factory=dict)
    #: where the partial indexes go as they arrive (with a staging folder and the index wanted)
    merge: IndexMerge | None = None

    def ordered(self) -> list[Mapped]:
        return [self.done[i] for i in range(len(self.paths))]

    def record(self, i: int, mapped: Mapped) -> None:
        """Keep document ``i``'s result; its partial index is spilled, not held."""
        outputs = mapped.outputs
        if outputs is not None and outputs.partial is not None and mapped.error is None:
            if self.merge is None and self.stage is not None and "index" in self.kinds:
                self.merge = IndexMerge(self.stage.scratch())
            if self.merge is not None:
                self.merge.add(i, outputs.partial)
                outputs.partial = None
        self.done[i] = mapped

    def partial(self, i: int) -> str | None:
        outputs = self.done[i].outputs
        if outputs is not None and outputs.partial is not None:
            return outputs.partial
        return self.merge.partial(i) if self.merge is not None else None


def plan(paths: Iterable[Path], kinds: Iterable[str] = KINDS, base_url: str = "",
         options: ValidationOptions | None = None, store: BuildCache | None = None,
         stage: Staging | None = None) -> Plan:
    """Split the documents into cache hits and jobs (``options`` None: render without validating).
    With ``stage``, a cache hit's files are staged at once and the jobs stage theirs."""
    wanted = set(kinds)
    result = Plan([Path(p) for p in paths], tuple(k for k in KINDS if k in wanted), base_url, store, stage)
    where = str(stage.root) if stage is not None else None
    for i, path in enumerate(result.paths):
        if store is not None and options is not None:
            key = document_key(path, options, result.kinds, base_url)
            hit = store.get(key, str(path)) if key else None
            if hit is not None:
                outputs = DocumentOutputs(path.stem, hit["files"], hit["partial"])
                if stage is not None:
                    _stage(outputs, stage.root)
                result.record(i, Mapped(FileResult(str(path), hit["diagnostics"]), outputs))
                continue
            if key:
                result.keys[i] = key
        result.jobs[i] = Job(str(path), result.kinds, base_url, options, where)
    return result


def _die_with_parent(parent: int) -> None:
    """Pool initializer: on Linux, a worker is killed when the process that started it dies
    (prctl PR_SET_PDEATHSIG), so a build killed with SIGKILL leaves no orphan workers behind
    (each holds a Saxon processor: about 130 MB)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # no prctl: the worker ends when its queue closes
        return
    if os.getppid() != parent:  # the parent died before the call: do not wait to be killed
        os._exit(1)


def default_jobs() -> int:
    return os.cpu_count() or 1


def map_jobs(work: Plan, workers: int = 1, progress: Progress | None = None) -> Plan:
    """Run the plan's jobs (a process pool when ``workers`` > 1); fills ``work.done``."""
    if progress:
        for i in work.done:
            progress(str(work.paths[i]))
    items = sorted(work.jobs.items())
    if workers > 1 and len(items) > 1:
        with ProcessPoolExecutor(max_workers=min(workers, len(items)), initializer=_die_with_parent,
                                 initargs=(os.getpid(),)) as pool:
            chunk = max(1, len(items) // (workers * 8))
            results = pool.map(run_job, [job for _, job in items], chunksize=chunk)
            for (i, _), mapped in zip(items, results, strict=True):
                work.record(i, mapped)
                if progress:
                    progress(mapped.result.path)
    else:
        for i, job in items:
            work.record(i, run_job(job))
            if progress:
                progress(job.path)
    return work


def render_failures(mapped: list[Mapped]) -> list[Diagnostic]:
    """Every diagnostic of every document whose rendering failed."""
    return [d for m in mapped if m.error is not None for d in m.error]


def _index(work: Plan, stage: Staging) -> None:
    """Write the merged citation index and the linked data made from it to the staging folder
    (copied from the cache when no partial changed)."""
    from toolkit.linkeddata import LinkedData

    if work.merge is None:  # mapped without a staging folder: spill the partials now
        for i, mapped in enumerate(work.ordered()):
            work.record(i, mapped)
    if work.merge is None:  # no document had a partial index
        work.merge = IndexMerge(stage.scratch())
    merge = work.merge
    html, data = f"index/{INDEX_STEM}.html", f"index/{INDEX_STEM}.json"
    jsonld, ttl = "data/entities.jsonld", "data/edition.ttl"
    key = index_key(merge.digests(), work.base_url)
    cached = work.store.get_files(key) if work.store is not None else None
    if cached is not None and sorted(cached) == sorted((html, data, jsonld, ttl)):
        for relative, path in cached.items():
            stage.copy_in(relative, path)
        return
    linked = LinkedData(stage.scratch(), work.base_url)
    try:
        merge.write(stage, html, data, base_url=work.base_url, entries=linked.add)
        linked.write(stage, jsonld, ttl)
    finally:
        linked.close()
    if work.store is not None:
        work.store.put_files(key, stage.root, (html, data, jsonld, ttl))


def persist(work: Plan, out_dir: Path, guide: bool = False, dts: bool = False) -> RenderResult:
    """Reduce (merge the index, from the cache when no partial changed; the encoding guide when
    ``guide``; the static DTS files when ``dts``), stage it, fill the cache, then move every
    staged file into place."""
    started = time.perf_counter()
    ordered = work.ordered()
    outputs = [m.outputs for m in ordered if m.outputs is not None]
    if work.stage is None:
        work.stage = Staging(out_dir)
    stage = work.stage
    try:
        extra: dict[str, str | bytes] = dict(guide_files(work.paths)) if "html" in work.kinds and guide else {}
        if "index" in work.kinds:
            _index(work, stage)
        if dts:
            from toolkit.dts_static import static_files

            extra.update(static_files(work.paths))
        stage_outputs(outputs, work.kinds, stage, extra=extra)
        if work.store is not None:  # only a run that writes its outputs fills the cache
            for i, doc_key in work.keys.items():
                item = work.done[i]
                if item.outputs is not None and item.error is None:
                    files = {rel: stage.read(rel).decode("utf-8") for rel in item.outputs.staged}
                    work.store.put(doc_key, item.result.diagnostics, {**files, **item.outputs.files}, work.partial(i))
        return commit(stage, len(outputs), started)
    finally:
        if work.merge is not None:
            work.merge.close()
        stage.discard()
