"""Versioned deposit in an OCFL storage root (with ocfl-py, the reference implementation):
``tei package --ocfl ROOT`` adds the package as a new version of the edition's OCFL object,
creating the root when needed. An unchanged package adds no version; any version reads
back byte for byte.

Writing is atomic: the new state of the object (or a new root, or a new object) is built in
a staging folder beside the root, outside it, then swapped in with one rename
(:func:`toolkit.atomic.replace_folder`). A run killed at any moment leaves
the root as it was or as it will be, and valid either way.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: no lock; one writer at a time is then the user's care
    fcntl = None  # type: ignore[assignment]

from toolkit.atomic import replace_folder
from toolkit.diagnostics import Diagnostic
from toolkit.errors import InputError, OutputError, problem
from toolkit.logs import silenced
from toolkit.xmlsafe import NS, parse_file


@cache
def _ocfl() -> Any:
    """ocfl-py, imported on first use (it brings s3fs and aiohttp: a third of a second that no
    other command should pay) and without its side effect: pairtree (which it imports) calls
    ``logging.basicConfig(level=INFO)``, which would make every later log line of the
    process appear on stderr. The root logger is put back as it was."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import ocfl as module

    root.handlers[:] = handlers
    root.setLevel(level)
    return module


LAYOUT = "0003-hash-and-id-n-tuple-storage-layout"
#: Local names become URIs (OCFL: an object id SHOULD be one) in the toolkit's own namespace.
LOCAL_URI = "urn:x-tei-edition-toolkit:edition:"


@dataclass(frozen=True)
class VersionInfo:
    """One version of an object: its name (v1, v2 …), when and why it was made."""

    version: str
    created: str
    message: str


@dataclass(frozen=True)
class OcflResult:
    """What ``add_version`` did: the version added (None when the package was unchanged)."""

    root: Path
    object_id: str
    added: str | None
    head: str
    seconds: float

    def summary(self) -> str:
        what = f"{self.added} added" if self.added else f"unchanged, no version added (head {self.head})"
        return f"ocfl {self.root}: {self.object_id} {what}; {self.seconds:.2f} s"


def object_id(idno: str, doi: str | None = None) -> str:
    """The object's id: the edition's DOI as a URL when it has one, its idno when that is
    already a URI, else the idno as a URI in the toolkit's own namespace."""
    if doi:
        return f"https://doi.org/{doi}"
    return idno if ":" in idno else LOCAL_URI + idno


def version_metadata(tei_root, identifier: str) -> Any:
    """The version's date, message and agent from the newest ``revisionDesc/change`` (the
    latest @when; the first in document order among equals)."""
    changes = tei_root.xpath("//tei:teiHeader/tei:revisionDesc//tei:change[@when]", namespaces=NS)
    if not changes:
        raise InputError("no revisionDesc/change", [problem(
            tei_root.getroottree().docinfo.URL or "edition", "ocfl", "ocfl-version",
            "an OCFL version takes its date and message from the newest revisionDesc/change[@when]; "
            "the header has none: add one for this version", line=tei_root.sourceline or 1)])
    newest = max(changes, key=lambda c: c.get("when"))  # max keeps the first of equals
    when = newest.get("when")
    created = when if "T" in when else f"{when}T00:00:00Z"
    message = " ".join("".join(newest.itertext()).split())
    who = (newest.get("who") or "").split()
    agent = who[0].lstrip("#") if who else ""
    return _ocfl().VersionMetadata(created=created, message=message, name=agent or "tei-edition-toolkit",
                                address=f"{identifier}#{agent}" if agent else None)


def _staging(root: Path) -> Path:
    """A fresh staging folder beside the root (same file system, outside the root)."""
    root.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{root.name}.staging-", dir=root.parent))


def _ensure_root(root: Path) -> None:
    if (root / "0=ocfl_1.1").is_file() or (root / "0=ocfl_1.0").is_file():
        return
    if root.exists() and any(root.iterdir()):
        raise OutputError(f"{root}: not an OCFL storage root", [problem(
            root, "ocfl", "ocfl-root", "exists, is not empty and is not an OCFL storage root: name a new folder")])
    staging = _staging(root)
    try:
        _ocfl().StorageRoot(str(staging / "root"), layout_name=LAYOUT).initialize()
        if root.exists():
            root.rmdir()
        os.rename(staging / "root", root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _object_dir(root: Path, identifier: str) -> Path:
    store = _ocfl().StorageRoot(str(root))
    return root / store.object_path(identifier)


@contextmanager
def _writer(root: Path) -> Iterator[None]:
    """One writer at a time per root (an exclusive lock on a file beside it, where the
    system has flock); under the lock, staging folders left by killed runs are removed."""
    root.parent.mkdir(parents=True, exist_ok=True)
    with open(root.parent / f".{root.name}.lock", "a+b") as lock:
        if fcntl is not None:
            fcntl.flock(lock, fcntl.LOCK_EX)
        for stale in root.parent.glob(f".{root.name}.staging-*"):
            shutil.rmtree(stale, ignore_errors=True)
        yield


def add_version(root: Path, bag_dir: Path, identifier: str, metadata: Any) -> OcflResult:
    """Add the contents of ``bag_dir`` as the next version of object ``identifier`` in the
    storage root ``root`` (created when missing); no version when nothing changed."""
    started = time.perf_counter()
    root = Path(root)
    with silenced("ocfl", "fs"), _writer(root):
        _ensure_root(root)
        final = _object_dir(root, identifier)
        staging = _staging(root)
        try:
            staged = staging / "object"
            if not final.exists():
                _ocfl().Object(identifier=identifier).create(srcdir=str(bag_dir), metadata=metadata, objdir=str(staged))
                added: str | None = "v1"
            else:
                shutil.copytree(final, staged)
                inventory = _ocfl().Object(path=str(staged)).add_version_with_content(
                    objdir=str(staged), srcdir=str(bag_dir), metadata=metadata, abort_if_no_difference=True)
                added = inventory.head if inventory is not None else None
            if added is not None:
                final.parent.mkdir(parents=True, exist_ok=True)
                replace_folder(staged, final)
        except (_ocfl().ObjectException, _ocfl().NewVersionException, _ocfl().InventoryException, OSError) as exc:
            found = problem(root, "ocfl", "ocfl-write", f"cannot add a version: {exc}")
            raise OutputError(f"{root}: cannot add a version", [found]) from None
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        head = _ocfl().Object(path=str(final)).parse_inventory().head
    return OcflResult(root, identifier, added, head, time.perf_counter() - started)


def versions(root: Path, identifier: str) -> list[VersionInfo]:
    """Every version of the object, oldest first."""
    with silenced("ocfl", "fs"):
        inventory = _ocfl().Object(path=str(_object_dir(Path(root), identifier))).parse_inventory()
        return [VersionInfo(v.vdir, v.created or "", v.message or "") for v in inventory.versions()]


def extract(root: Path, identifier: str, version: str, target: Path) -> None:
    """Write version ``version`` (v1, v2 … or head) of the object into the new folder ``target``."""
    with silenced("ocfl", "fs"):
        obj_dir = _object_dir(Path(root), identifier)
        try:
            _ocfl().Object(path=str(obj_dir)).extract(objdir=str(obj_dir), version=version, dstdir=str(target))
        except _ocfl().ObjectException as exc:
            raise InputError(str(exc), [problem(target, "ocfl", "ocfl-extract", str(exc))]) from None


def problems(root: Path) -> list[Diagnostic]:
    """The storage root checked by ocfl-py's validator: every error and warning, one each."""
    with silenced("ocfl", "fs"):
        store = _ocfl().StorageRoot(str(root))
        valid = store.validate(log_warnings=True, log_errors=True)
    found = [problem(Path(root) / where, "ocfl", "ocfl", message) for where, message in store.errors]
    if not valid and not found:
        found.append(problem(root, "ocfl", "ocfl", "the storage root is not valid OCFL"))
    return found


def objects(root: Path) -> list[str]:
    """The ids of the objects in a storage root, sorted."""
    root = Path(root)
    if not root.is_dir():
        raise InputError(f"{root}: no storage root", [problem(root, "ocfl", "ocfl-root", "no such OCFL storage root")])
    with silenced("ocfl", "fs"):
        try:
            return sorted(identifier for _, identifier in _ocfl().StorageRoot(str(root)).list_objects())
        except _ocfl().StorageRootException as exc:
            why = ("it has no root conformance declaration (0=ocfl_1.1)" if str(exc).startswith("E069")
                   else f"ocfl-py reports {exc}")
            found = problem(root, "ocfl", "ocfl-root", f"not an OCFL storage root: {why}")
            raise InputError(str(exc), [found]) from None


def deposit(root: Path, bag_dir: Path, tei_path: Path, doi: str | None = None) -> OcflResult:
    """Add a package made by ``tei package`` (its bag folder) as the next version of the
    edition's object: the id from the bag's name (the edition's idno) or the DOI, the
    version's date, message and agent from the TEI's newest revisionDesc/change."""
    identifier = object_id(Path(bag_dir).name, doi)
    return add_version(root, bag_dir, identifier, version_metadata(parse_file(tei_path).root, identifier))
