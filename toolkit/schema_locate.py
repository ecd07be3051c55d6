"""Where a schema named by ``<?xml-model?>`` is on this machine, or why it cannot be loaded.

A local ``href`` is the file it names (relative to the document). A remote one is looked up
in the XML catalogs (:mod:`toolkit.catalog`); failing that it is fetched, only when asked
(:mod:`toolkit.schema_fetch`), else it is not loaded. The reasons are sentences shown in a
warning; the validation then falls back on ``tei_all.rng`` (:mod:`toolkit.validate`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from toolkit.catalog import Catalog, catalog_files
from toolkit.digest import file_digest
from toolkit.schema_fetch import FetchError, cached_path, fetch, fetchable
from toolkit.schemas import SchemaRef

__all__ = ["Located", "SchemaSources"]

NOT_FETCHED = ("it is remote and is not fetched (give --fetch-schemas, or map its URL to a local copy in an XML "
               "catalog: the catalog setting or XML_CATALOG_FILES)")


@dataclass(frozen=True)
class Located:
    """A schema's local file, or why there is none."""

    path: Path | None
    reason: str | None = None


def _readable(path: Path) -> Located:
    if path.is_dir():
        return Located(None, f"{path} is a folder, not a schema file")
    if not path.exists():
        return Located(None, f"there is no file {path}")
    if not os.access(path, os.R_OK):
        return Located(None, f"{path} cannot be read (permission denied)")
    return Located(path)


@dataclass(frozen=True)
class SchemaSources:
    """The catalogs in force, whether remote schemas may be fetched, and where fetched ones go
    (None: the user's cache folder)."""

    catalogs: tuple[str, ...] = ()
    fetch: bool = False
    cache: str | None = None

    @classmethod
    def create(cls, catalog: str | None = None, fetch: bool = False, cache: str | None = None) -> SchemaSources:
        """From the ``catalog`` setting and ``XML_CATALOG_FILES``."""
        return cls(catalog_files(catalog), fetch, cache)

    def locate(self, ref: SchemaRef, network: bool = True) -> Located:
        """Where ``ref`` is. ``network`` False: never fetch (a schema fetched before is found)."""
        if ref.unsupported:
            return Located(None, ref.unsupported)
        if ref.path is not None:
            return _readable(ref.path)
        mapped = Catalog(self.catalogs).resolve(ref.href)
        if mapped is not None:
            found = _readable(mapped)
            return found if found.path else Located(None, f"the XML catalog maps it to {mapped}, but {found.reason}")
        if not fetchable(ref.href):
            scheme = urlparse(ref.href).scheme
            return Located(None, f"it is remote ({scheme}:) and only http and https schemas are ever fetched")
        if not self.fetch:
            return Located(None, NOT_FETCHED)
        folder = Path(self.cache) if self.cache else None
        if not network:
            cached = cached_path(ref.href, folder)
            return Located(cached if cached.is_file() else None, None if cached.is_file() else "not fetched yet")
        try:
            return Located(fetch(ref.href, folder))
        except FetchError as exc:
            return Located(None, f"it could not be fetched: {exc}")

    def key(self, refs: list[SchemaRef]) -> list[str]:
        """What the cache key of a document takes from its declared schemas (nothing is fetched)."""
        parts = [f"fetch={self.fetch}"] + [f"catalog={c}:{file_digest(Path(c))}" for c in self.catalogs]
        for ref in refs:
            found = self.locate(ref, network=False)
            parts.append(f"{ref.kind}:{ref.href}:" + (f"{found.path}:{file_digest(found.path)}" if found.path
                                                      else f"unloadable:{found.reason}"))
        return parts
