"""tei build --scheduler: a Dask LocalCluster of two worker processes gives the local build's bytes."""

from __future__ import annotations

import pytest
from conftest import EDITION, ROOT

from toolkit.build import build
from toolkit.context import BuildContext
from toolkit.corpus import write_corpus

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")


def files(folder):
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)}


@pytest.mark.slow
def test_a_cluster_build_is_byte_identical_to_a_local_build(tmp_path):
    sources = [EDITION, *sorted(write_corpus(tmp_path / "corpus", 6, seed=3))]
    # tei.toml's stylesheet parameters must reach the workers
    context = BuildContext.load(ROOT / "tei.toml")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        remote = build(sources, tmp_path / "remote", scheduler=cluster.scheduler_address, cache=False, context=context)
        local = build(sources, tmp_path / "local", jobs=1, cache=False, context=context)
    assert remote.ok and local.ok and remote.render.documents == 7
    produced = files(tmp_path / "remote")
    assert produced == files(tmp_path / "local") and len(produced) > 20


def test_an_unreachable_scheduler_is_one_error(runner, tmp_path):
    from toolkit.cli import main

    result = runner.invoke(main, ["build", str(EDITION), "-o", str(tmp_path / "out"), "--scheduler",
                                  "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert result.output.startswith("tei: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9: ")
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()
