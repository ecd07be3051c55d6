"""Progress on a terminal: a bar over the documents' bytes, and an estimate only once it means something.

The first document of a run also pays for compiling the schemas and stylesheets, so
an estimate taken from it is wildly off (a 34-second build once started at "17
minutes"). :class:`Estimate` measures the rate from the end of the first document
on, weighted by the documents' sizes, and says nothing until a few documents and a
second of work have been seen.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import click

MIN_DOCUMENTS = 3
MIN_SECONDS = 1.0


class Estimate:
    """Remaining seconds, from the bytes done since the first document finished."""

    def __init__(self, sizes: dict[str, int], clock: Callable[[], float] = time.monotonic):
        self.sizes = sizes
        self.total = sum(sizes.values())
        self.clock = clock
        self.done = 0
        self.done_bytes = 0
        self._first: tuple[float, int] | None = None  # (time, bytes) when the first document finished

    def record(self, path: str) -> int:
        """Count one finished document; returns its size."""
        size = self.sizes.get(path, 0)
        self.done += 1
        self.done_bytes += size
        if self._first is None:
            self._first = (self.clock(), self.done_bytes)
        return size

    def remaining(self) -> float | None:
        """Seconds left, or None while the estimate would not mean anything."""
        if self._first is None or self.done < MIN_DOCUMENTS or self.done_bytes >= self.total:
            return None
        since, bytes_then = self._first
        elapsed = self.clock() - since
        measured = self.done_bytes - bytes_then
        if elapsed < MIN_SECONDS or measured <= 0:
            return None
        return (self.total - self.done_bytes) * elapsed / measured

    def label(self) -> str:
        seconds = self.remaining()
        if seconds is None:
            return f"{self.done}/{len(self.sizes)}"
        minutes, secs = divmod(int(seconds + 0.5), 60)
        return f"{self.done}/{len(self.sizes)}, about {minutes}:{secs:02d} left"


class ProgressBar:
    """A click progress bar on stderr (a terminal only, more than a few files), fed per document."""

    def __init__(self, files: list[Path], label: str, quiet: bool = False):
        self.bar = None
        if quiet or len(files) <= 5 or not sys.stderr.isatty():
            return
        sizes = {}
        for path in files:
            try:
                sizes[str(path)] = max(path.stat().st_size, 1)
            except OSError:
                sizes[str(path)] = 1
        self.estimate = Estimate(sizes)
        self.bar = click.progressbar(length=self.estimate.total, label=label, file=sys.stderr, show_eta=False,
                                     show_percent=True, item_show_func=lambda item: item)

    def __call__(self, path: str) -> None:
        if self.bar is not None:
            size = self.estimate.record(path)
            self.bar.update(size, self.estimate.label())

    def callback(self) -> Callable[[str], None] | None:
        return self if self.bar is not None else None

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.render_finish()
