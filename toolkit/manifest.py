"""Outputs follow sources: which files each source produced, so that the outputs of a deleted
source go at the next build.

Every run that commits its outputs records, in ``<output>/.cache/sources.json``, the files
each of its documents produced (its page, its text, each plug-in's files: paths relative to the
output folder), under the source's path relative to the output folder (so the record survives
moving the project with its output). At the next successful run, a recorded source that no
longer exists on disk has its files removed, unless another source, still there, claims the
same file; a source that exists but was simply not named in this run keeps its outputs. The
corpus outputs (the citation index, the linked data) are made from the run's documents anyway.

The record is advisory: an entry that cannot be read is ignored (nothing is removed), and a
path that is absolute, climbs out of the output folder or names a hidden file (the cache, a
staging folder) is never removed.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path, PurePosixPath

from toolkit.atomic import write_atomic
from toolkit.errors import ToolkitError

__all__ = ["MANIFEST", "follow_sources", "load", "prune_owned", "source_key"]

#: the record, relative to the output folder
MANIFEST = ".cache/sources.json"
FORMAT = 1


def source_key(out_dir: Path, source: Path) -> str:
    """A source's name in the record: its path relative to the output folder (POSIX)."""
    return PurePosixPath(Path(os.path.relpath(Path(source).resolve(), Path(out_dir).resolve()))).as_posix()


def _safe(relative: str) -> bool:
    path = PurePosixPath(relative)
    return bool(relative) and not path.is_absolute() and ".." not in path.parts and \
        not any(part.startswith(".") for part in path.parts)


def load(out_dir: Path) -> dict[str, set[str]]:
    """The record of ``out_dir`` (empty when there is none, or it cannot be read)."""
    try:
        data = json.loads((Path(out_dir) / MANIFEST).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or not isinstance(data.get("sources"), dict):
            return {}
        return {str(source): {str(f) for f in files if isinstance(f, str)}
                for source, files in data["sources"].items() if isinstance(files, list)}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def plan_removal(out_dir: Path, recorded: Mapping[str, set[str]], produced: Mapping[str, Iterable[str]],
                 withdrawn: set[str] | None = None,
                 keep: Iterable[str] = ()) -> tuple[list[str], dict[str, set[str]]]:
    """(the files to remove, the new record): this run's sources with what they produced (added
    to what they produced before), without the recorded sources that no longer exist. ``keep``:
    files this run wrote for the corpus (a redirect left at a gone document's URL), never removed."""
    record = {source: set(files) for source, files in recorded.items()}
    for source, files in produced.items():
        record[source] = record.get(source, set()) | set(files)
    base = Path(out_dir).resolve()
    gone = sorted(s for s in record if s not in produced and (not (base / s).exists() or s in (withdrawn or ())))
    claimed = set().union(*(files for source, files in record.items() if source not in gone)) | set(keep)
    removal = sorted({f for source in gone for f in record[source]} - claimed)
    for source in gone:
        del record[source]
    return [f for f in removal if _safe(f)], record


def _remove(out_dir: Path, relatives: Iterable[str]) -> list[Path]:
    """Remove the files (those still there) and the folders they leave empty."""
    removed = []
    for relative in relatives:
        target = Path(out_dir) / relative
        try:
            if not target.is_file() or target.is_symlink():
                continue
            target.unlink()
        except OSError:
            continue  # a file that cannot be removed stays, as if it were another source's
        removed.append(target)
        folder = target.parent
        while folder != Path(out_dir) and Path(out_dir) in folder.parents:
            try:
                folder.rmdir()  # only when empty
            except OSError:
                break
            folder = folder.parent
    return removed


def follow_sources(out_dir: Path, produced: Mapping[Path, Iterable[str]],
                   withdrawn: Iterable[Path] = (), keep: Iterable[str] = ()) -> list[Path]:
    """After a run committed its outputs: record what each of its sources (``produced``: source
    path -> the files it produced, relative to ``out_dir``) produced, remove the outputs of the
    recorded sources that no longer exist or are ``withdrawn`` (left out of this run: ``tei
    serve`` does not serve an invalid document's old pages), and return the files removed."""
    produced_keys = {source_key(out_dir, source): files for source, files in produced.items()}
    removal, record = plan_removal(out_dir, load(out_dir), produced_keys,
                                   {source_key(out_dir, source) for source in withdrawn}, keep)
    removed = _remove(out_dir, removal)
    data = {"format": FORMAT, "sources": {source: sorted(files) for source, files in sorted(record.items())}}
    with contextlib.suppress(ToolkitError, OSError):  # without a record, only the next removal is missed
        write_atomic(Path(out_dir) / MANIFEST, json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    return removed


def prune_owned(out_dir: Path, folders: Iterable[str], written: Iterable[str]) -> list[Path]:
    """After a run committed its outputs: in each folder that an output kind of the run writes
    whole (``folders``, relative to ``out_dir``: the search bundle, whose files are named after
    their content), remove the files this run did not write (``written``: relative paths), so
    that an index of the corpus as it was does not linger beside the new one."""
    kept = set(written)
    stale = []
    for folder in folders:
        if not _safe(folder):
            continue
        base = Path(out_dir) / folder
        for path in sorted(base.rglob("*")) if base.is_dir() else []:
            relative = path.relative_to(out_dir).as_posix()
            if path.is_file() and relative not in kept and _safe(relative):
                stale.append(relative)
    return _remove(out_dir, stale)
