"""``tei build --scheduler ADDRESS``: the documents of a build mapped over a Dask cluster.

For corpora whose owners run a cluster (``dask scheduler`` and ``dask worker`` on their
machines, or any ``distributed`` deployment). Each worker validates and renders whole
documents with the build context of the client's run (inside every task, so ``tei.toml``
parameters apply on every machine) and sends back the document's diagnostics, files and
partial index; the client stages each document's files as its result arrives (so it never
holds the corpus), then merges the partial indexes and writes exactly what a local build
writes. Workers need the toolkit installed and read access to the source files at the same
paths; nothing is written on the workers.

Needs the extra: ``pip install 'tei-edition-toolkit[dask]'``.
"""

from __future__ import annotations

from dataclasses import replace

from toolkit.errors import ToolkitError, UsageError
from toolkit.pipeline import Plan, Progress, run_job, stage_document

__all__ = ["map_on_cluster"]

EXTRA_HINT = "pip install 'tei-edition-toolkit[dask]'"


def map_on_cluster(work: Plan, address: str, progress: Progress | None = None) -> Plan:
    """Run the plan's jobs on the Dask scheduler at ``address``; fills ``work.done`` as
    :func:`toolkit.pipeline.map_jobs` does, staging each result's files as it arrives. Each job
    carries the run's build context, so the workers render with the client's settings."""
    try:
        from distributed import Client, as_completed  # an optional dependency: the dask extra
    except ImportError:
        raise UsageError(f"--scheduler needs Dask's distributed scheduler: {EXTRA_HINT}") from None

    if progress:
        for i in work.done:
            progress(str(work.paths[i]))
    items = sorted(work.jobs.items())
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise ToolkitError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        futures = {client.submit(run_job, replace(job, stage=None), pure=False): i for i, job in items}
        for future, mapped in as_completed(futures, with_results=True):
            i = futures[future]
            if mapped.outputs is not None and mapped.error is None and work.stage is not None:
                stage_document(mapped.outputs, work.stage.root)
            work.record(i, mapped)
            if progress:
                progress(mapped.result.path)
    return work
