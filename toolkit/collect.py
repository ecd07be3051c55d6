"""Which files a command works on: paths given, folders expanded to their ``*.xml``."""

from __future__ import annotations

from pathlib import Path

from toolkit.errors import UsageError


def default_source_dir() -> Path:
    """The edition's first source folder: ``tei/`` under the working directory, or the
    configuration's first ``sources`` entry."""
    return source_paths()[0]


def source_paths() -> list[Path]:
    """The project's own sources: the configuration's ``sources`` (default ``["tei"]``)."""
    from toolkit.config import current

    return [Path(p) for p in current().get("sources")] or [Path("tei")]


def collect_xml(paths: list[str | Path] | list[Path] | tuple = ()) -> list[Path]:
    """Expand paths to XML files, sorted and without duplicates.

    No path means every ``*.xml`` under ``tei/``. A folder means every ``*.xml``
    below it. A file is taken as it is, whatever its name. A path that does not
    exist, or paths that hold no XML file at all, raise :class:`UsageError`.
    """
    if not paths:
        sources = source_paths()
        present = [s for s in sources if s.exists()]
        if not present:
            raise UsageError(f"no paths given and no {sources[0]}/ folder in {Path.cwd()}")
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
