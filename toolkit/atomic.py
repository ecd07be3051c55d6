"""Atomic output: write to a unique temporary file beside the target, then rename.

A reader (or a killed build) sees either the previous complete file or the new
complete file, never a half-written one. Two concurrent builds each write their
own temporary names, and the last rename wins with a complete file.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import shutil
import sys
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


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        error = ctypes.get_errno()
        raise OSError(error, os.strerror(error), str(a))
    return True


def replace_folder(staged: str | Path, final: str | Path) -> None:
    """Put the folder ``staged`` in place of ``final`` (which may not exist yet), on the same
    file system. With an exchange (Linux), a reader or a killed run sees the old folder or the
    new one, never neither; elsewhere two renames leave a short window without ``final``."""
    staged, final = Path(staged), Path(final)
    if not final.exists():
        os.replace(staged, final)
    elif _exchange(staged, final):
        shutil.rmtree(staged, ignore_errors=True)  # now the old folder
    else:
        old = final.with_name(f".{final.name}.old-{os.getpid()}")
        os.replace(final, old)
        os.replace(staged, final)
        shutil.rmtree(old, ignore_errors=True)
