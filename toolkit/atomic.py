"""Atomic output: write to a unique temporary file beside the target, then rename.

A reader (or a killed build) sees either the previous complete file or the new
complete file, never a half-written one. Two concurrent builds each write their
own temporary names, and the last rename wins with a complete file.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

from toolkit.errors import OutputError, fail


def _fail(path: Path, exc: OSError) -> OutputError:
    return fail(OutputError, path, "output", "writable", f"cannot write output: {exc.strerror or exc}")


def write_atomic(path: str | Path, data: bytes | str) -> bool:
    """Write ``data`` to ``path`` atomically (fsync, then rename over the old file).

    Returns False, and leaves the file and its modification time alone, when it
    already holds exactly ``data``; True when it was written.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.read_bytes() == payload:
            return False
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _fail(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _fail(path, exc) from None
    return True


_TEMP = re.compile(r"^\..+\.(\d+)\.[^.]+\.tmp$")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_stale(folder: str | Path) -> list[Path]:
    """Remove temporary files left by a killed run (their process is gone); keep live ones."""
    removed: list[Path] = []
    folder = Path(folder)
    if not folder.is_dir():
        return removed
    for entry in folder.iterdir():
        match = _TEMP.match(entry.name)
        if match and not _alive(int(match.group(1))):
            try:
                entry.unlink()
                removed.append(entry)
            except OSError:
                pass
    return removed
