"""``tei release VERSION``: build the edition as a release, and record what it published.

:func:`release` validates and renders exactly as :func:`toolkit.build.build`, with the
release's version and date on every page (:mod:`toolkit.stamp`), then writes the release
record ``releases/VERSION.json`` (:class:`toolkit.releases.Release`): the version, the date,
the toolkit's version and, per document, its source, the SHA-256 of its bytes and every ID it
published (``ids/<stem>.json``, :mod:`toolkit.published`). The record is the project's, to be
committed with it: from then on a build in which one of those IDs is gone fails unless the
project declares it moved or retired. A release is never rewritten (a version already recorded
is refused), and nothing is recorded when the build fails. The build then runs once more, from
the cache, so that the changes page lists the new release.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from toolkit._version import __version__
from toolkit.atomic import write_atomic
from toolkit.build import BuildResult, build
from toolkit.context import BuildContext
from toolkit.digest import file_digest
from toolkit.errors import ToolkitError, UsageError, problem
from toolkit.outputs.ids import FOLDER as IDS
from toolkit.releases import Release, check_version, load_releases
from toolkit.validate import ValidationOptions

__all__ = ["ReleaseResult", "release"]


@dataclass
class ReleaseResult:
    """The release recorded (``record``: its file) and the build that made it."""

    release: Release
    record: Path
    build: BuildResult

    def summary(self) -> str:
        documents = len(self.release.documents)
        ids = sum(len(self.release.ids(stem)) for stem in self.release.documents)
        return (f"release {self.release.version} ({self.release.date}): {documents} document(s), {ids} published "
                f"ID(s) recorded in {self.record}; {self.build.summary()}")


def check_date(value: str | None, today: dt.date | None = None) -> str:
    """The release's date: ``value`` (YYYY-MM-DD) or today's (UTC)."""
    if value is None:
        return (today or dt.datetime.now(dt.UTC).date()).isoformat()
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"--date takes a day as YYYY-MM-DD, not {value!r}") from None


def _posix(path: Path) -> str:
    return PurePosixPath(path.as_posix()).as_posix()


def release(paths: Iterable[Path], version: str, date: str | None = None, out_dir: Path = Path("output"),
            context: BuildContext | None = None, options: ValidationOptions | None = None, **build_options: Any
            ) -> ReleaseResult:
    """Build ``paths`` as release ``version`` of ``date`` (default: today, UTC) and record it in
    the project's releases folder (see the module's text). ``build_options`` go to
    :func:`toolkit.build.build` (jobs, progress, cache …)."""
    version = check_version(version)
    date = check_date(date)
    paths = [Path(p) for p in paths]
    context = context or BuildContext.create()
    folder = context.releases_folder()
    record = folder / f"{version}.json"
    if record.exists():
        raise ToolkitError("release already recorded", [problem(
            record, "release", "release-exists",
            f"release {version} is already recorded: a release is never rewritten; give the next one a new version")])
    earlier = load_releases(folder)
    if earlier and earlier[-1].date > date:
        raise ToolkitError("release date before the latest release", [problem(
            folder / f"{earlier[-1].version}.json", "release", "release-date",
            f"release {version} would be dated {date}, before release {earlier[-1].version} of {earlier[-1].date}")])
    context = context.with_release(paths, version, date)
    built = build(paths, out_dir, options, context=context, **build_options)
    documents = {}
    for path in paths:
        ids_file = out_dir / IDS / f"{path.stem}.json"
        if not ids_file.is_file():  # not TEI: nothing rendered, nothing published
            continue
        ids = json.loads(ids_file.read_text(encoding="utf-8"))
        documents[path.stem] = {"source": _posix(path), "sha256": file_digest(path), "title": ids.get("title", ""),
                                "passages": ids["passages"], "registers": ids["registers"],
                                "register-types": ids.get("register-types", {})}
    made = Release(version, date, __version__, documents)
    write_atomic(record, made.as_json())
    # again, from the cache: the changes page and the published records now hold the release
    again = build(paths, out_dir, options, context=context.with_release(paths, fresh=True),
                  **build_options)
    again.cached = built.cached
    return ReleaseResult(made, record, built)
