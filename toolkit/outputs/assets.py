"""The project's own assets: ``assets/`` (tei.toml ``assets``: its CSS, logo, favicon, scripts
and whatever else its folder holds), copied once beside the output folders of the pages, which
link them (``project-*-href``, :class:`toolkit.context.ProjectAssets`). The pages' kinds need
it, so it is written whenever one of them is; without an ``assets`` setting it writes nothing."""

from __future__ import annotations

from pathlib import Path

from toolkit.context import ASSETS_FOLDER
from toolkit.outputs.kind import CORPUS, Output
from toolkit.outputs.run import CorpusRun


def reduce_assets(run: CorpusRun) -> None:
    """Stage a copy of every file of the project's assets folder (copied on disk)."""
    assets = run.context.assets
    for name in assets.files:
        run.stage.copy_in(f"{ASSETS_FOLDER}/{name}", Path(assets.folder) / name)


ASSETS = Output(name="assets", summary="the project's own CSS, logo, favicon and scripts (tei.toml assets)",
                folder=ASSETS_FOLDER, scope=CORPUS, reduce=reduce_assets,
                package_note="the project's own stylesheet, logo, favicon and scripts,\nwhich every page links")
