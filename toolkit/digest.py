"""Content digests (SHA-256) of files and folders, for cache keys and provenance.

A file's digest is memoised on its path, modification time and size, so that a build
that asks for the same stylesheet a thousand times reads it once; a changed file has a new
modification time or size and is read again.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

__all__ = ["file_digest", "folder_digest", "text_digest"]


@lru_cache(maxsize=256)
def _file_digest(path: str, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes (hex); ``missing:PATH`` when it cannot be read."""
    try:
        stat = path.stat()
        return _file_digest(str(path), stat.st_mtime_ns, stat.st_size)
    except OSError:
        return "missing:" + str(path)


def folder_digest(folder: Path) -> str:
    """The SHA-256 of every file below ``folder``: names (relative) and contents, sorted."""
    parts = [f"{p.relative_to(folder).as_posix()}:{file_digest(p)}" for p in sorted(folder.rglob("*")) if p.is_file()]
    return text_digest("\n".join(parts))


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
