"""What a corpus output's ``reduce`` is given: one run's documents, outputs and staging folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.cache import BuildCache
from toolkit.context import BuildContext
from toolkit.indexmerge import IndexMerge
from toolkit.staging import Staging

__all__ = ["CorpusRun"]


@dataclass
class CorpusRun:
    """The reduce step's input: the run's ``context``, its documents (``paths``, in order), the
    output kinds wanted (``kinds``, by name), the staging folder where every file goes, the
    build cache (None without one), the spilled partial indexes (``merge``), and ``state``,
    where a long-lived caller (``tei serve``) keeps what one run leaves for the next."""

    context: BuildContext
    paths: list[Path]
    kinds: tuple[str, ...]
    stage: Staging
    store: BuildCache | None
    merge: IndexMerge
    state: dict[str, Any] = field(default_factory=dict)
