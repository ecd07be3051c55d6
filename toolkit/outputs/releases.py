"""Releases: the check that published IDs stay valid, and the pages that keep them so.

After the documents are rendered (each one's published IDs in ``ids/<stem>.json``,
:mod:`toolkit.outputs.ids`), :func:`reduce_releases`:

1. checks every ID a recorded release published (:func:`toolkit.releases.gone`): one that is
   neither there nor declared moved or retired fails the build, one line each, and nothing is
   written;
2. writes ``releases/changes.html``, the changes page (:mod:`toolkit.changes`, ``xslt/release.xsl``);
3. writes, at the URL of each published document that is gone, a redirect page (moved: a meta
   refresh and a canonical link to its new page, and its IDs forwarded) or a tombstone (retired);
4. writes ``releases/redirects.json``, those URLs and what answers them (``tei serve`` answers
   301 or 410 from it; a web server can be configured from it), and a copy of each release
   record (``releases/VERSION.json``), so that the published IDs are published too.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from toolkit.changes import changes_data, gone_document_data, now_ids
from toolkit.outputs.html import verify_html
from toolkit.outputs.ids import FOLDER as IDS
from toolkit.outputs.kind import CORPUS, Output
from toolkit.outputs.run import CorpusRun
from toolkit.releases import PublishedIdGone, Release, gone, load_releases
from toolkit.xslt import engine

__all__ = ["CHANGES", "REDIRECTS", "RELEASES", "reduce_releases"]

FOLDER = "releases"
CHANGES, REDIRECTS = f"{FOLDER}/changes.html", f"{FOLDER}/redirects.json"
STYLESHEET = "release.xsl"


def _current(run: CorpusRun, releases: list[Release]) -> dict[str, dict[str, Any]]:
    """stem -> the published IDs of each document of the run (as its worker wrote them), and of
    each published document that the run did not name but whose source is still there (a build
    of some files only): as its latest release recorded them (not gone, not changed)."""
    found = {}
    for path in run.paths:
        relative = f"{IDS}/{path.stem}.json"
        if run.stage.path(relative).is_file():
            found[path.stem] = json.loads(run.stage.read(relative))
    named = {path.stem for path in run.paths}
    for release in reversed(releases):
        for stem, doc in release.documents.items():
            if stem not in named and stem not in found and Path(str(doc.get("source", ""))).is_file():
                found[stem] = {"passages": doc.get("passages", []), "registers": doc.get("registers", []),
                               "title": doc.get("title", ""), "revisions": [], "unnamed": True}
    return found


def _last_of(releases: list[Release], stem: str) -> Release | None:
    return next((r for r in reversed(releases) if stem in r.documents), None)


def reduce_releases(run: CorpusRun) -> None:
    context = run.context
    stamp = context.release
    releases = load_releases(context.releases_folder())
    current = _current(run, releases)
    problems = gone(current, {p.stem: str(p) for p in run.paths}, releases, stamp.declared)
    if problems:
        raise PublishedIdGone(f"{len(problems)} published ID(s) gone: declare each in tei.toml [moved] or "
                              "[retired], or restore it (README: Releases)", problems)
    compiled = engine(context)
    params = context.stylesheet_params(None)
    run.stage.write(CHANGES, compiled.transform(STYLESHEET, changes_data(releases, current, stamp), params))
    now = now_ids(current)
    redirects: dict[str, dict[str, Any]] = {}
    gone_stems = sorted({stem for r in releases for stem in r.documents} - set(current))
    for stem in gone_stems:
        release = _last_of(releases, stem)
        assert release is not None
        page = f"html/{stem}.html"
        data = gone_document_data(stem, release, now, stamp.declared)
        run.stage.write(page, compiled.transform(STYLESHEET, data, params))
        moved = stamp.declared.moved_to(stem)
        redirects[page] = ({"status": 301, "location": f"html/{moved.partition('#')[0]}.html"} if moved
                           else {"status": 410, "page": page})
    run.stage.write(REDIRECTS, json.dumps({"format": 1, "redirects": redirects}, indent=1, sort_keys=True) + "\n")
    for release in releases:
        run.stage.write(f"{FOLDER}/{release.version}.json", release.as_json())


def verify_releases(path: Path) -> list[str]:
    if path.suffix == ".json":
        try:
            json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            return [f"not JSON: {exc}"]
        return []
    return verify_html(path)


RELEASES = Output(name="releases", summary="the changes page, and the redirects and tombstones of moved and retired "
                                           "published IDs (after tei release)",
                  folder=FOLDER, scope=CORPUS, reduce=reduce_releases, needs=("ids", "assets"), assets=True,
                  verify=verify_releases, version="1", packaged=False,
                  package_note="the changes page (releases/changes.html), the release records and the\n"
                               "redirects of moved and retired published IDs")
