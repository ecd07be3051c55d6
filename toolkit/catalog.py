"""OASIS XML catalogs (1.1): a remote schema's URL mapped to a local file.

The catalogs are the ``catalog`` setting of tei.toml and the files listed in the
``XML_CATALOG_FILES`` environment variable (space-separated paths or ``file:`` URIs, as
libxml2, xmllint and Oxygen read it). Each is read with lxml, never from the network; the
entries used are ``uri`` and ``system`` (an exact URL), ``rewriteURI`` and ``rewriteSystem``
(the longest matching prefix), ``uriSuffix`` and ``systemSuffix``, inside ``group`` too,
with ``xml:base``; ``nextCatalog`` chains to another catalog file. Exact entries win over
rewrites, rewrites over suffixes, as the OASIS specification orders them; the first catalog
that maps a URL answers. A mapped file is only named here: whether it exists is the
caller's question (a missing one is reported with its path).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from lxml import etree

__all__ = ["CATALOG_NS", "Catalog", "catalog_files"]

CATALOG_NS = "urn:oasis:names:tc:entity:xmlns:xml:catalog"
ENVIRONMENT = "XML_CATALOG_FILES"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
#: how deep nextCatalog may chain (a loop stops here)
MAX_DEPTH = 8


def catalog_files(setting: str | None, environment: str | None = None) -> tuple[str, ...]:
    """The catalogs in force: the setting's file, then those of ``XML_CATALOG_FILES``
    (``environment``: its value, default the process environment's)."""
    listed = os.environ.get(ENVIRONMENT, "") if environment is None else environment
    files = [setting] if setting else []
    for item in listed.split():
        files.append(_local(item) or item)
    return tuple(str(Path(f).resolve()) for f in files)


def _local(reference: str) -> str | None:
    parsed = urlparse(reference)
    if parsed.scheme == "file":
        return unquote(parsed.path)
    return None


@dataclass
class _Entries:
    """One catalog file's entries, targets as absolute URIs."""

    exact: dict[str, str] = field(default_factory=dict)
    rewrites: list[tuple[str, str]] = field(default_factory=list)
    suffixes: list[tuple[str, str]] = field(default_factory=list)
    next: list[str] = field(default_factory=list)

    def add(self, name: str, entry: etree._Element, base: str) -> None:
        """One entry (``base``: the URI its relative references resolve against)."""
        if name in ("uri", "system"):
            key = entry.get("name") if name == "uri" else entry.get("systemId")
            if key and entry.get("uri"):
                self.exact.setdefault(key, urljoin(base, entry.get("uri", "")))
        elif name in ("rewriteURI", "rewriteSystem"):
            start = entry.get("uriStartString") or entry.get("systemIdStartString")
            if start and entry.get("rewritePrefix"):
                self.rewrites.append((start, urljoin(base, entry.get("rewritePrefix", ""))))
        elif name in ("uriSuffix", "systemSuffix"):
            suffix = entry.get("uriSuffix") or entry.get("systemIdSuffix")
            if suffix and entry.get("uri"):
                self.suffixes.append((suffix, urljoin(base, entry.get("uri", ""))))
        elif name == "nextCatalog" and entry.get("catalog"):
            self.next.append(urljoin(base, entry.get("catalog", "")))

    def walk(self, element: etree._Element, base: str) -> None:
        for child in element:
            if not isinstance(child.tag, str) or etree.QName(child).namespace != CATALOG_NS:
                continue
            here = urljoin(base, child.get(XML_BASE)) if child.get(XML_BASE) else base
            if etree.QName(child).localname == "group":
                self.walk(child, here)
            else:
                self.add(etree.QName(child).localname, child, here)


def _read(path: Path) -> _Entries | None:
    """The entries of one catalog file; None when it cannot be read."""
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except (OSError, etree.XMLSyntaxError):
        return None
    entries = _Entries()
    base = path.resolve().as_uri()
    entries.walk(root, urljoin(base, root.get(XML_BASE)) if root.get(XML_BASE) else base)
    return entries


@dataclass(frozen=True)
class Catalog:
    """The catalogs in force (absolute paths), read when asked."""

    files: tuple[str, ...] = ()

    def resolve(self, url: str) -> Path | None:
        """The local file a catalog maps ``url`` to (``uri`` entries, then ``system`` ones), or None."""
        for name in self.files:
            found = self._resolve(Path(name), url, 0)
            if found is not None:
                return found
        return None

    def _resolve(self, path: Path, url: str, depth: int) -> Path | None:
        entries = _read(path) if depth <= MAX_DEPTH else None
        if entries is None:
            return None
        target = entries.exact.get(url)
        if target is None:
            matches = [(start, prefix) for start, prefix in entries.rewrites if url.startswith(start)]
            if matches:
                start, prefix = max(matches, key=lambda m: len(m[0]))
                target = prefix + url[len(start):]
        if target is None:
            matches = [(suffix, uri) for suffix, uri in entries.suffixes if url.endswith(suffix)]
            if matches:
                target = max(matches, key=lambda m: len(m[0]))[1]
        if target is not None:
            return Path(_local(target) or target)
        for chained in entries.next:
            found = self._resolve(Path(_local(chained) or chained), url, depth + 1)
            if found is not None:
                return found
        return None
