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
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.cache import BuildCache, document_key
from toolkit.context import BuildContext
from toolkit.diagnostics import Diagnostic
from toolkit.errors import InputError, ToolkitError, problem
from toolkit.indexmerge import IndexMerge
from toolkit.manifest import follow_sources, prune_owned
from toolkit.outputs.kind import CORPUS, Output
from toolkit.outputs.registry import Registry, registry
from toolkit.outputs.run import CorpusRun
from toolkit.render import DocumentOutputs, RenderResult, commit, render_one, stage_assets
from toolkit.site import document_context, site_context
from toolkit.staging import Staging, write_file
from toolkit.validate import FileResult, ValidationOptions, document_checks, validate_file
from toolkit.xmlsafe import ParsedDocument, parse_file

_PR_SET_PDEATHSIG = 1

#: Layers whose errors mean a document cannot be rendered at all.
FATAL_LAYERS = ("io", "xml", "document")

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Job:
    """One document's work: validate (unless ``options`` is None) and render ``outputs`` with
    ``context`` (everything a worker reads travels in the job: it pickles, whatever the
    process start method)."""

    path: str
    outputs: tuple[Output, ...]
    context: BuildContext
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
            doc = parse_file(job.path, job.context.project.parse_options(job.path))
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
        mapped.outputs = render_one(doc, Path(job.path).stem, job.context, job.outputs)
        result.diagnostics.extend(mapped.outputs.warnings)
        if job.stage is not None:
            stage_document(mapped.outputs, Path(job.stage))
    except ToolkitError as exc:
        mapped.error = exc.diagnostics or [problem(job.path, "render", "render", str(exc))]
    return mapped


def stage_document(outputs: DocumentOutputs, stage: Path) -> None:
    """Write a document's files to the staging folder and keep only their names."""
    for relative, text in outputs.files.items():
        write_file(stage / relative, text)
        outputs.staged.append(relative)
    outputs.files = {}


@dataclass
class Plan:
    """The documents of a run, what the cache already holds, and what remains to compute."""

    paths: list[Path]
    #: the output kinds of the run (with those they need), in the registry's order
    outputs: list[Output]
    context: BuildContext
    store: BuildCache | None = None
    stage: Staging | None = None
    done: dict[int, Mapped] = field(default_factory=dict)
    jobs: dict[int, Job] = field(default_factory=dict)
    keys: dict[int, str] = field(default_factory=dict)
    #: where the partial indexes go as they arrive (with a staging folder and the index wanted)
    merge: IndexMerge | None = None
    #: leave out the documents that fail validation (``tei serve``: the valid ones are served)
    drop_invalid: bool = False
    strict: bool = False
    #: the documents left out for failing validation (their outputs are not written)
    dropped: set[int] = field(default_factory=set)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(o.name for o in self.outputs)

    def ordered(self) -> list[Mapped]:
        return [self.done[i] for i in range(len(self.paths))]

    def record(self, i: int, mapped: Mapped) -> None:
        """Keep document ``i``'s result; its partial index is spilled, not held. With
        ``drop_invalid``, an invalid document's outputs are left out (and unstaged)."""
        if self.drop_invalid and mapped.outputs is not None and not mapped.result.valid(self.strict):
            if self.stage is not None:
                for relative in mapped.outputs.staged:
                    self.stage.path(relative).unlink(missing_ok=True)
            mapped.outputs = None
            self.dropped.add(i)
        outputs = mapped.outputs
        if outputs is not None and outputs.partial is not None and mapped.error is None:
            if self.merge is None and self.stage is not None:
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


def plan(paths: Iterable[Path], context: BuildContext, kinds: Iterable[str] | None = None,
         options: ValidationOptions | None = None, store: BuildCache | None = None,
         stage: Staging | None = None, outputs: Registry | None = None, drop_invalid: bool = False) -> Plan:
    """Split the documents into cache hits and jobs (``options`` None: render without validating).
    ``kinds``: the output kinds by name (default: the registry's defaults). With ``stage``, a
    cache hit's files are staged at once and the jobs stage theirs. ``drop_invalid``: leave out
    the documents that fail validation (see :meth:`Plan.record`)."""
    known = outputs or registry()
    chosen = known.select(known.defaults() if kinds is None else kinds)
    per_document = tuple(known.documents(o.name for o in chosen))
    paths = [Path(p) for p in paths]
    context = site_context(context, [o.name for o in chosen], paths)
    result = Plan(paths, chosen, context, store, stage, drop_invalid=drop_invalid,
                  strict=bool(options and options.strict))
    where = str(stage.root) if stage is not None else None
    for i, path in enumerate(result.paths):
        context = document_context(result.context, result.paths, i)
        if store is not None and options is not None:
            key = document_key(path, options, [o.cache_token() for o in per_document], context)
            hit = store.get(key, str(path)) if key else None
            if hit is not None:
                done = DocumentOutputs(path.stem, hit["files"], hit["partial"])
                if stage is not None:
                    stage_document(done, stage.root)
                result.record(i, Mapped(FileResult(str(path), hit["diagnostics"]), done))
                continue
            if key:
                result.keys[i] = key
        result.jobs[i] = Job(str(path), per_document, context, options, where)
    return result


def _die_with_parent(parent: int, method: str) -> None:
    """Pool initializer: on Linux, a worker is killed when the process that started it dies
    (prctl PR_SET_PDEATHSIG), so a build killed with SIGKILL leaves no orphan workers behind
    (each holds a Saxon processor: about 130 MB). Under ``fork`` and ``spawn`` that process is
    the build's; under ``forkserver`` it is the fork server, which ends with the build."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # no prctl: the worker ends when its queue closes
        return
    if method != "forkserver" and os.getppid() != parent:  # the build died before the call
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
        method = multiprocessing.get_start_method()
        with ProcessPoolExecutor(max_workers=min(workers, len(items)), initializer=_die_with_parent,
                                 initargs=(os.getpid(), method)) as pool:
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


def persist(work: Plan, out_dir: Path, state: dict | None = None) -> RenderResult:
    """Reduce (every corpus output kind of the run, in the registry's order: the index, from
    the cache when nothing it depends on changed; the guide; the project's assets; the DTS
    files …), stage the toolkit's assets, fill the cache, then move every staged file into
    place, and remove the outputs of sources deleted since an earlier run and the files of a folder
    that a kind owns which it did not write again (:mod:`toolkit.manifest`). ``state``: what a
    long-lived caller keeps from one run to the next (see :class:`CorpusRun`)."""
    started = time.perf_counter()
    ordered = work.ordered()
    outputs = [m.outputs for m in ordered if m.outputs is not None]
    if work.stage is None:
        work.stage = Staging(out_dir)
    stage = work.stage
    try:
        for document in outputs:  # mapped without a staging folder: the files are still here
            stage_document(document, stage.root)
        if work.merge is None:  # mapped without a staging folder: spill the partials now
            for i, mapped in enumerate(ordered):
                work.record(i, mapped)
        if work.merge is None:  # no document had a partial index
            work.merge = IndexMerge(stage.scratch())
        kept = [path for i, path in enumerate(work.paths) if i not in work.dropped]
        run = CorpusRun(work.context, kept, work.kinds, stage, work.store, work.merge,
                        state if state is not None else {})
        for output in work.outputs:
            if output.scope == CORPUS and output.reduce is not None:
                output.reduce(run)
        stage_assets(work.outputs, stage)
        if work.store is not None:  # only a run that writes its outputs fills the cache
            for i, doc_key in work.keys.items():
                item = work.done[i]
                if item.outputs is not None and item.error is None:
                    files = {rel: stage.read(rel) for rel in item.outputs.staged}
                    work.store.put(doc_key, item.result.diagnostics, files, work.partial(i), item.result.path)
        produced = {work.paths[i]: list(m.outputs.staged) for i, m in enumerate(ordered) if m.outputs is not None}
        written = stage.files()
        by_documents = {relative for files in produced.values() for relative in files}
        corpus = [relative for relative in written if relative not in by_documents]
        result = commit(stage, len(outputs), started)
        result.removed = follow_sources(out_dir, produced, [work.paths[i] for i in sorted(work.dropped)],
                                        keep=corpus)
        result.superseded = prune_owned(out_dir, [f for o in work.outputs for f in o.owns], written)
        return result
    finally:
        if work.merge is not None:
            work.merge.close()
        stage.discard()
