"""The build cache: per-document results keyed on everything they depend on.

A key is the SHA-256 of the document's bytes and of every file its parse reads (the files it
includes, the entity sets and catalogs it uses: :func:`dependencies`), the build context's key (the stylesheet
parameters, the bytes of every stylesheet and asset in ``xslt/`` and of the project's
override stylesheets, the base URL and the project's settings: see
:class:`toolkit.context.BuildContext`), the output kinds and their versions, the bytes of the
schemas that apply to the document, the validation options and the toolkit's version. An entry holds the
document's diagnostics, its rendered files and its partial index, as JSON under
``<output>/.cache/``. The cache is safe to delete; an entry that cannot be read or
does not have the expected shape is ignored (and rebuilt), never trusted.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import shutil
from collections.abc import Iterable
from pathlib import Path

from toolkit._version import __version__
from toolkit.atomic import write_atomic
from toolkit.catalog import catalog_files
from toolkit.context import BuildContext
from toolkit.diagnostics import Diagnostic
from toolkit.digest import file_digest
from toolkit.errors import InputError, ToolkitError
from toolkit.project import Project
from toolkit.schemas import declared_in_prolog
from toolkit.xinclude import has_includes
from toolkit.xmlsafe import parse_bytes

#: the entries' shape (2: the build context in the key; binary files kept as base64; 3: a diagnostic at the
#: document itself is kept without its path)
FORMAT = 3


def _schemas_of(data: bytes, path: Path, options) -> list[str]:
    """What the schemas that apply to a document depend on, when none is given on the command
    line (see toolkit.project): each declared schema's local file (through the catalogs, or
    fetched before) or why it cannot be loaded; the project's, for its own documents; and
    the tei_all.rng found, which stands in for a grammar that cannot be loaded."""
    project: Project = options.project
    refs = declared_in_prolog(data, path) or []
    parts = options.sources.key(refs)
    schemas = project.schemas() if project.is_own(path) else None  # also in place of unloadable ones
    parts += [f"{p}:{file_digest(p)}" for p in (schemas or ())]
    tei_all = project.found_tei_all()
    return parts + [f"tei-all={tei_all}:{file_digest(tei_all) if tei_all else '-'}"]


def document_key(path: Path, options, kinds: Iterable[str], context: BuildContext) -> str | None:
    """The cache key of one document's results; None when the file cannot be read. It covers
    everything the validation and the renderers read: the build context (parameters, the
    toolkit's and the project's stylesheets, the base URL, the project's settings:
    :attr:`BuildContext.key`), the output kinds and their versions, the validation options, the
    schemas that apply, and the document's bytes."""
    try:
        data = path.read_bytes()
    except OSError:
        return None  # the job reports the problem
    digest = hashlib.sha256()
    for part in (f"format={FORMAT}", f"toolkit={__version__}", f"kinds={sorted(kinds)}", f"context={context.key}",
                 f"stem={path.stem}", f"strict={options.strict}"):
        digest.update(part.encode() + b"\0")
    for option in (options.schema, options.schematron, options.tei_all):
        digest.update((file_digest(Path(option)) if option else "-").encode() + b"\0")
    if not options.schema:
        for part in _schemas_of(data, path, options):
            digest.update(part.encode() + b"\0")
    digest.update(data)
    for dependency in dependencies(data, path, context.project):
        digest.update(dependency.encode() + b"\0")
    return digest.hexdigest()


def dependencies(data: bytes, path: Path, project: Project) -> list[str]:
    """What a document's parse reads besides its bytes, as ``file:digest`` (a file not there has a digest of its own):
    the files it includes (XInclude, recursively) and the entity sets it uses, and, when it
    declares entities, the catalogs that map them (a catalog added or changed can change the
    parse). Only a document that names the XInclude namespace or declares an entity is parsed
    for this."""
    entities = b"<!ENTITY" in data
    if not (has_includes(data) or entities):
        return []
    options = project.parse_options(path)
    found: list[str] = []
    if entities:
        found.extend(catalog_files(options.catalog))
    with contextlib.suppress(InputError):  # the job reports it; the catalogs cover an entity not yet mapped
        found.extend(parse_bytes(data, str(path), options).dependencies)
    return [f"{name}:{file_digest(Path(name))}" for name in found]


def index_key(partial_digests: Iterable[bytes], context_key: str, files: Iterable[str]) -> str:
    """The cache key of the merged citation index (and what is made with it, ``files``): the
    build context and every partial (given as the SHA-256 digest of each, in the run's order)."""
    digest = hashlib.sha256(f"index:{FORMAT}:{context_key}:{sorted(files)}".encode())
    for partial in partial_digests:
        digest.update(partial)
    return digest.hexdigest()


class BuildCache:
    def __init__(self, folder: Path):
        self.folder = folder

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, document_path: str) -> dict | None:
        """The cached entry, or None when it is missing, unreadable or malformed."""
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
            if entry.get("format") != FORMAT or entry.get("key") != key:
                return None
            # the document's own diagnostics are kept without its path (an included file's keep theirs)
            diagnostics = [Diagnostic.from_dict({**d, "file": d["file"] or document_path})
                           for d in entry["diagnostics"]]
            texts, binaries = entry["files"], entry["binary"]
            partial = entry["partial"]
            if not all(isinstance(t, dict) and all(isinstance(v, str) for v in t.values()) for t in (texts, binaries)):
                return None
            files: dict[str, str | bytes] = {**texts, **{k: base64.b64decode(v) for k, v in binaries.items()}}
            if partial is not None and not isinstance(partial, str):
                return None
            return {"diagnostics": diagnostics, "files": files, "partial": partial}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, key: str, diagnostics: list[Diagnostic], files: dict[str, bytes], partial: str | None,
            document_path: str | None = None) -> None:
        """Keep a document's results: its files (UTF-8 text kept as text, other bytes as base64)
        and its diagnostics (those at ``document_path`` kept without it)."""
        texts, binaries = {}, {}
        for relative, data in files.items():
            try:
                texts[relative] = data.decode("utf-8")
            except UnicodeDecodeError:
                binaries[relative] = base64.b64encode(data).decode("ascii")
        kept = [{**d.as_dict(), **({"file": None} if d.file == document_path else {})} for d in diagnostics]
        entry = {"format": FORMAT, "key": key, "diagnostics": kept,
                 "files": texts, "binary": binaries, "partial": partial}
        with contextlib.suppress(ToolkitError, OSError):  # a cache that cannot be written only costs time
            write_atomic(self._path(key), json.dumps(entry, ensure_ascii=False))

    def put_files(self, key: str, folder: Path, relatives: Iterable[str]) -> None:
        """Keep copies of files (``folder/relative``) under ``key``, copied on disk, never read into
        memory: for outputs of any size (the merged index). The list of files is written last,
        so an entry that a killed run left half-copied is never found."""
        entry = self.folder / key[:2] / key
        with contextlib.suppress(ToolkitError, OSError):
            shutil.rmtree(entry, ignore_errors=True)
            sizes = {}
            for relative in relatives:
                target = entry / "files" / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(folder / relative, target)
                sizes[relative] = target.stat().st_size
            write_atomic(entry / "files.json", json.dumps({"format": FORMAT, "key": key, "files": sizes}))

    def get_files(self, key: str) -> dict[str, Path] | None:
        """The files kept under ``key`` (relative path to the cached copy), or None when the entry
        is missing or incomplete."""
        entry = self.folder / key[:2] / key
        try:
            manifest = json.loads((entry / "files.json").read_text(encoding="utf-8"))
            if manifest.get("format") != FORMAT or manifest.get("key") != key:
                return None
            if any(Path(rel).is_absolute() or ".." in Path(rel).parts for rel in manifest["files"]):
                return None
            files = {relative: entry / "files" / relative for relative in manifest["files"]}
            if any(path.stat().st_size != manifest["files"][rel] for rel, path in files.items()):
                return None
            return files
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
