"""A run's outputs, written to a staging folder as they are computed, then moved into place.

Workers write each document's HTML and text here as soon as they are rendered, so a run
never holds the corpus in memory. Nothing in the output folder changes until every
document has been computed and the index merged: :meth:`Staging.commit` then renames each
staged file over its output (one atomic rename per file, on the same file system), and a
failed or killed run leaves the previous outputs as they were. The staging folder is a
hidden folder inside the output folder (``.staging-PID-…``); the next run removes those of
runs that are no longer alive.
"""

from __future__ import annotations

import contextlib
import filecmp
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from toolkit.atomic import _alive, _fail, sweep_stale

__all__ = ["Staging", "sweep_stagings"]

_NAME = re.compile(r"^\.staging-(\d+)-")


def sweep_stagings(out_dir: Path) -> list[Path]:
    """Remove the staging folders of runs that are no longer alive."""
    removed: list[Path] = []
    if not out_dir.is_dir():
        return removed
    for entry in out_dir.iterdir():
        found = _NAME.match(entry.name)
        if found and entry.is_dir() and not _alive(int(found.group(1))):
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry)
    return removed


@contextlib.contextmanager
def open_file(path: Path) -> Iterator[TextIO]:
    """A staged text file written piece by piece (UTF-8, newlines as given), then made durable."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(path, 0o644)
    except OSError as exc:
        raise _fail(path, exc) from None


def write_file(path: Path, data: bytes | str) -> None:
    """Write one staged file durably (fsync), creating its folder."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(path, 0o644)
    except OSError as exc:
        raise _fail(path, exc) from None


class Staging:
    """The staging folder of one run, inside ``out_dir``."""

    def __init__(self, out_dir: Path):
        self.out_dir = Path(out_dir)
        self.created = not self.out_dir.exists()
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            sweep_stagings(self.out_dir)
            self.root = Path(tempfile.mkdtemp(prefix=f".staging-{os.getpid()}-", dir=self.out_dir))
        except OSError as exc:
            raise _fail(self.out_dir, exc) from None

    def path(self, relative: str) -> Path:
        return self.root / relative

    def write(self, relative: str, data: bytes | str) -> None:
        write_file(self.path(relative), data)

    def open(self, relative: str) -> contextlib.AbstractContextManager[TextIO]:
        """Write a staged text file as it goes (``with stage.open(rel) as out: out.write(…)``)."""
        return open_file(self.path(relative))

    def scratch(self) -> Path:
        """A folder for the run's temporary work files, beside the staging folder (so never
        committed), removed with it and swept like it when the run dies."""
        folder = self.root.with_name(self.root.name + "-scratch")
        try:
            folder.mkdir(exist_ok=True)
        except OSError as exc:
            raise _fail(folder, exc) from None
        return folder

    def copy_in(self, relative: str, source: Path) -> None:
        """Stage a copy of the file ``source`` (copied on disk, never read into memory)."""
        target = self.path(relative)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            os.chmod(target, 0o644)
        except OSError as exc:
            raise _fail(target, exc) from None

    def read(self, relative: str) -> bytes:
        return self.path(relative).read_bytes()

    def files(self) -> list[str]:
        return sorted(str(p.relative_to(self.root)) for p in self.root.rglob("*") if p.is_file())

    def commit(self) -> tuple[list[Path], list[Path]]:
        """Move every staged file over its output; (written, already identical) output paths."""
        written: list[Path] = []
        unchanged: list[Path] = []
        relatives = self.files()
        for folder in {self.out_dir / Path(relative).parent for relative in relatives}:
            sweep_stale(folder)  # temporary files that killed runs of earlier versions left
        for relative in relatives:
            staged, target = self.path(relative), self.out_dir / relative
            try:
                if target.is_file() and filecmp.cmp(staged, target, shallow=False):
                    unchanged.append(target)
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staged, target)
            except OSError as exc:
                raise _fail(target, exc) from None
            written.append(target)
        self.discard()
        return written, unchanged

    def discard(self) -> None:
        """Remove the staging folder (and the output folder, if this run created it and left it empty)."""
        shutil.rmtree(self.root, ignore_errors=True)
        shutil.rmtree(self.root.with_name(self.root.name + "-scratch"), ignore_errors=True)
        if self.created:
            with contextlib.suppress(OSError):
                self.out_dir.rmdir()  # only when empty
