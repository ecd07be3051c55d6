"""``tei build --scheduler ADDRESS``: the documents of a build mapped over a Dask cluster.

For corpora whose owners run a cluster (``dask scheduler`` and ``dask worker`` on their
machines, or any ``distributed`` deployment). Each worker validates and renders whole
documents with the settings of the client's run (shipped with every task, so ``tei.toml``
parameters apply on every machine) and sends back the document's diagnostics, files and
partial index; the client stages each document's files as its result arrives (so it never
holds the corpus), then merges the partial indexes and writes exactly what a local build
writes. Workers need the toolkit installed and read access to the source files at the same
paths; nothing is written on the workers.

Needs the extra: ``pip install 'tei-edition-toolkit[dask]'``.
"""

from __future__ import annotations

from typing import Any

from toolkit.errors import ToolkitError, UsageError

__all__ = ["map_on_cluster"]

EXTRA_HINT = "pip install 'tei-edition-toolkit[dask]'"


def _run(job: Any, config: Any) -> Any:
    """One document on a worker, with the client's settings."""
    from toolkit.config import use
    from toolkit.pipeline import run_job

    use(config)
    return run_job(job)


def map_on_cluster(work: Any, address: str, progress: Any = None) -> Any:
    """Run the plan's jobs on the Dask scheduler at ``address``; fills ``work.done`` as
    :func:`toolkit.pipeline.map_jobs` does, staging each result's files as it arrives."""
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise UsageError(f"--scheduler needs Dask's distributed scheduler: {EXTRA_HINT}") from None
    from dataclasses import replace

    from toolkit.config import current
    from toolkit.pipeline import _stage

    if progress:
        for i in work.done:
            progress(str(work.paths[i]))
    items = sorted(work.jobs.items())
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise ToolkitError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        config = client.scatter(current(), broadcast=True)
        futures = {client.submit(_run, replace(job, stage=None), config, pure=False): i for i, job in items}
        for future, mapped in as_completed(futures, with_results=True):
            i = futures[future]
            if mapped.outputs is not None and mapped.error is None and work.stage is not None:
                _stage(mapped.outputs, work.stage.root)
            work.record(i, mapped)
            if progress:
                progress(mapped.result.path)
    return work
