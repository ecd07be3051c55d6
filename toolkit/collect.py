"""Which files a command works on: paths given, folders expanded to their ``*.xml``."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from toolkit.errors import UsageError

DEFAULT_SOURCES = (Path("tei"),)


def collect_xml(paths: Iterable[str | Path] = (), sources: Iterable[str | Path] = DEFAULT_SOURCES) -> list[Path]:
    """Expand paths to XML files, sorted and without duplicates.

    No path means every ``*.xml`` under the project's ``sources`` (default ``tei/``). A folder
    means every ``*.xml`` below it. A file is taken as it is, whatever its name. A path that
    does not exist, or paths that hold no XML file at all, raise :class:`UsageError`.
    """
    paths = list(paths)
    if not paths:
        given = [Path(s) for s in sources] or list(DEFAULT_SOURCES)
        present = [s for s in given if s.exists()]
        if not present:
            raise UsageError(f"no paths given and no {given[0]}/ folder in {Path.cwd()}")
        paths = list(present)
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.xml") if p.is_file()))
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            raise UsageError(f"{path}: no such file or directory")
    if not files:
        raise UsageError(f"no *.xml file in {', '.join(str(p) for p in paths)}: nothing to do")
    unique: dict[str, Path] = {}
    for file in files:
        unique.setdefault(str(file), file)
    return list(unique.values())
