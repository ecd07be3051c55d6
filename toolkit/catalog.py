"""OASIS XML catalogs: the map from public and system identifiers (URLs) to local files.

The toolkit never fetches an external entity set or a DTD: it uses one only when a catalog
maps its identifier to a file on this machine. The catalogs are the ``catalog`` setting of
tei.toml (a path or a list of paths) and the files that ``XML_CATALOG_FILES`` names (a list
separated by spaces, as libxml2, xmllint and Oxygen users set it), in that order.

The entries read are those of the OASIS XML Catalogs 1.1 standard that map a resource:
``public``, ``system``, ``uri``, ``rewriteSystem``, ``rewriteURI``, ``systemSuffix``,
``uriSuffix``, and ``nextCatalog``, inside ``group`` too, with ``xml:base``. A catalog that
cannot be read maps nothing (the entity it should have mapped is then refused, with a line
that says so); ``delegate*`` entries are not followed (they lead to other catalogs by
prefix, which the toolkit does not need to map a file).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

__all__ = ["CATALOG_ENV", "Catalog", "catalog_files"]

CATALOG_NS = "urn:oasis:names:tc:entity:xmlns:xml:catalog"
CATALOG_ENV = "XML_CATALOG_FILES"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
#: catalogs chained by nextCatalog, at most (a loop is cut off)
_MAX_CATALOGS = 64


def catalog_files(setting: tuple[str, ...] = (), environ: dict[str, str] | None = None) -> tuple[str, ...]:
    """The catalogs in force: the ``catalog`` setting's, then ``XML_CATALOG_FILES``'s."""
    env = (os.environ if environ is None else environ).get(CATALOG_ENV, "")
    return tuple(setting) + tuple(_as_path(item) for item in env.split())


def _as_path(reference: str) -> str:
    """A catalog named by path or by ``file:`` URI, as a path."""
    parts = urlsplit(reference)
    return unquote(parts.path) if parts.scheme == "file" else reference


@dataclass(frozen=True)
class _Entry:
    kind: str
    key: str
    target: str


@dataclass(frozen=True)
class Catalog:
    """The entries of one or more catalogs, in the order they are consulted."""

    files: tuple[str, ...] = ()
    entries: tuple[_Entry, ...] = ()

    @classmethod
    def load(cls, files: tuple[str, ...]) -> Catalog:
        """Read ``files`` and the catalogs they chain to (never from the network)."""
        entries: list[_Entry] = []
        read: list[str] = []
        pending = [str(Path(f).resolve()) for f in files]
        while pending and len(read) < _MAX_CATALOGS:
            current = pending.pop(0)
            if current in read:
                continue
            read.append(current)
            try:
                root = etree.parse(current, etree.XMLParser(resolve_entities=False, load_dtd=False,
                                                             no_network=True)).getroot()
            except (OSError, etree.XMLSyntaxError):
                continue
            _collect(root, Path(current).as_uri(), entries, pending)
        return cls(tuple(read), tuple(entries))

    def resolve(self, system_id: str | None, public_id: str | None = None) -> Path | None:
        """The local file a catalog maps this identifier to; None when none does (or the file
        it names is not a local file)."""
        found = None
        if system_id:
            found = (self._exact("system", system_id) or self._exact("uri", system_id) or self._rewrite(system_id)
                     or self._suffix(system_id))
        if found is None and public_id:
            found = self._exact("public", public_id)
        return _local(found) if found else None

    def _exact(self, kind: str, key: str) -> str | None:
        return next((e.target for e in self.entries if e.kind == kind and e.key == key), None)

    def _rewrite(self, url: str) -> str | None:
        matches = [e for e in self.entries if e.kind in ("rewriteSystem", "rewriteURI") and url.startswith(e.key)]
        if not matches:
            return None
        best = max(matches, key=lambda e: len(e.key))  # the longest prefix wins
        return urljoin(best.target, url[len(best.key):])

    def _suffix(self, url: str) -> str | None:
        matches = [e for e in self.entries if e.kind in ("systemSuffix", "uriSuffix") and url.endswith(e.key)]
        return max(matches, key=lambda e: len(e.key)).target if matches else None


_ATTRIBUTES = {"public": ("publicId", "uri"), "system": ("systemId", "uri"), "uri": ("name", "uri"),
               "rewriteSystem": ("systemIdStartString", "rewritePrefix"),
               "rewriteURI": ("uriStartString", "rewritePrefix"),
               "systemSuffix": ("systemIdSuffix", "uri"), "uriSuffix": ("uriSuffix", "uri")}


def _collect(element: etree._Element, base: str, entries: list[_Entry], pending: list[str]) -> None:
    """The entries under ``element`` (a catalog or a group), targets made absolute."""
    base = urljoin(base, element.get(_XML_BASE, ""))
    for child in element:
        if not isinstance(child.tag, str) or etree.QName(child).namespace != CATALOG_NS:
            continue
        kind = etree.QName(child).localname
        here = urljoin(base, child.get(_XML_BASE, ""))
        if kind == "group":
            _collect(child, base, entries, pending)
        elif kind == "nextCatalog" and child.get("catalog"):
            target = _local(urljoin(here, child.get("catalog", "")))
            if target is not None:
                pending.append(str(target))
        elif kind in _ATTRIBUTES:
            key_name, target_name = _ATTRIBUTES[kind]
            key, value = child.get(key_name), child.get(target_name)
            if key and value:
                entries.append(_Entry(kind, key, urljoin(here, value)))


def _local(url: str) -> Path | None:
    """A ``file:`` URL as a path; None for any other scheme (a catalog never leads to the network)."""
    parts = urlsplit(url)
    if parts.scheme not in ("file", ""):
        return None
    return Path(unquote(parts.path))
