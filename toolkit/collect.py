"""Which files a command works on: paths given, folders expanded to their ``*.xml``.

A folder's ``*.xml`` that another of its files includes (XInclude) and that is not a TEI
document itself (its root is not ``TEI`` or ``teiCorpus``: a page, a body, a header) is a
*part*, not a document: it is read through the document that includes it, and is not
validated or rendered on its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from toolkit.errors import UsageError
from toolkit.xinclude import INCLUDE, has_includes
from toolkit.xmlsafe import TEI_NS, make_parser

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
            found = sorted(p for p in path.rglob("*.xml") if p.is_file())
            parts = _parts(found)
            files.extend(p for p in found if p.resolve() not in parts)
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


def _root(path: Path, data: bytes | None = None) -> etree._Element | None:
    """The file's root element, parsed without expanding anything; None when it does not parse."""
    try:
        return etree.fromstring(data if data is not None else path.read_bytes(), make_parser(), base_url=str(path))
    except (OSError, etree.XMLSyntaxError):
        return None


def _parts(files: list[Path]) -> set[Path]:
    """The files among ``files`` that another includes and that are not TEI documents."""
    included: set[Path] = set()
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        root = _root(path, data) if has_includes(data) else None
        for element in root.iter(INCLUDE) if root is not None else ():
            href = urlsplit(element.get("href", ""))
            if href.path and not href.scheme and not href.netloc:
                included.add((path.parent / unquote(href.path)).resolve())
    documents = {f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"}
    return {p.resolve() for p in files if p.resolve() in included
            and (root := _root(p)) is not None and root.tag not in documents}
