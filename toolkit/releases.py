"""Release records, the IDs they published, and the check that keeps those IDs valid.

``tei release VERSION`` (:mod:`toolkit.release`) writes ``releases/VERSION.json``, committed
with the project: the version, its date, the toolkit's version, and per document its source,
the SHA-256 of the source's bytes and every citable ID it published (:mod:`toolkit.published`:
passages with their HTML id, DTS reference and label; register entries). JSON with sorted
keys, so that the same release is the same bytes.

After a release, every build checks (:func:`gone`) that each ID any release published is
still there, or is declared in ``tei.toml``:

* ``[moved]``: ``"letter-1#par-3" = "letter-1#par-4"`` (or to another document), or a whole
  document, ``"letter-1" = "letters-1-2"`` (its IDs then live on under the same ids there);
* ``[retired]``: ``"letter-1#par-9" = "a duplicate of par-8"`` (or a whole document).

An ID that is neither there nor declared is one error, ``FILE:LINE:COL: error: ID was published
in release V and is gone [published-id]``, at the document's ``text`` (a passage) or its first
register list (a register entry); a document that is gone altogether is one error for the
document. :func:`differences` compares two sets of published IDs for the changes page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.diagnostics import Diagnostic
from toolkit.errors import ToolkitError, UsageError, problem

__all__ = ["Declarations", "FORMAT", "PublishedIdGone", "Release", "differences", "gone", "load_releases",
           "resolve", "version_key"]

FORMAT = 1
RULE = "published-id"
_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}")


def check_version(version: str) -> str:
    """A release's version: letters, digits, ``.``, ``+``, ``_``, ``-`` (it names a file)."""
    if not _VERSION.fullmatch(version):
        raise UsageError(f"a release version is letters, digits, '.', '+', '_' and '-' (1.0, 2026-12, v2 …), "
                         f"not {version!r}")
    return version


def version_key(version: str) -> tuple:
    """Natural order of versions (1.10 after 1.9)."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[.+_-]", version))


@dataclass(frozen=True)
class Release:
    """One release record (``releases/VERSION.json``)."""

    version: str
    date: str
    toolkit: str
    #: stem -> {"source", "sha256", "passages": [{"id", "ref", "label"}], "registers": [id]}
    documents: Mapping[str, Any] = field(default_factory=dict)

    def as_json(self) -> str:
        data = {"format": FORMAT, "version": self.version, "date": self.date, "toolkit": self.toolkit,
                "documents": {stem: self.documents[stem] for stem in sorted(self.documents)}}
        return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"

    def ids(self, stem: str) -> set[str]:
        """Every ID the release published for one document (passages and register entries)."""
        doc = self.documents.get(stem) or {}
        return {p["id"] for p in doc.get("passages", [])} | set(doc.get("registers", []))

    def sources(self) -> dict[str, str]:
        """stem -> the SHA-256 of its source's bytes."""
        return {stem: doc.get("sha256", "") for stem, doc in self.documents.items()}


def load_releases(folder: Path | None) -> list[Release]:
    """The release records in ``folder``, oldest first (by date, then version). A record that
    cannot be read is a :class:`ToolkitError` at its file (never silently skipped: the check
    would pass without it)."""
    if folder is None or not Path(folder).is_dir():
        return []
    found = []
    for path in sorted(Path(folder).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            release = Release(str(data["version"]), str(data["date"]), str(data.get("toolkit", "")),
                              dict(data["documents"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ToolkitError("unreadable release record", [problem(path, "release", "release-record",
                               f"not a release record ({exc}); restore it from version control")]) from None
        if release.version != path.stem:
            raise ToolkitError("release record misnamed", [problem(path, "release", "release-record",
                               f"the record of release {release.version} must be named {release.version}.json")])
        found.append(release)
    return sorted(found, key=lambda r: (r.date, version_key(r.version)))


@dataclass(frozen=True)
class Declarations:
    """The project's ``[moved]`` and ``[retired]`` tables: ``document#id`` or ``document`` keys."""

    moved: tuple[tuple[str, str], ...] = ()
    retired: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, moved: Mapping[str, Any], retired: Mapping[str, Any]) -> Declarations:
        return cls(tuple(sorted((str(k), str(v)) for k, v in moved.items())),
                   tuple(sorted((str(k), str(v)) for k, v in retired.items())))

    def moved_to(self, stem: str, ident: str | None = None) -> str | None:
        """Where ``stem#ident`` (or the document ``stem``) moved: ``"doc#id"`` or ``"doc"``."""
        table = dict(self.moved)
        if ident is not None and f"{stem}#{ident}" in table:
            return table[f"{stem}#{ident}"]
        if stem in table:
            return table[stem] + (f"#{ident}" if ident is not None and "#" not in table[stem] else "")
        return None

    def retired_why(self, stem: str, ident: str | None = None) -> str | None:
        table = dict(self.retired)
        if ident is not None and f"{stem}#{ident}" in table:
            return table[f"{stem}#{ident}"]
        return table.get(stem)


def resolve(stem: str, ident: str, current: Mapping[str, set[str]], declared: Declarations,
            limit: int = 16) -> tuple[str, str, str] | None:
    """Where a published ID is now: ("here" | "moved" | "retired", "doc#id" or reason, "");
    None when it is gone and undeclared (or moved to a place that is not there)."""
    seen = 0
    where = (stem, ident)
    while seen < limit:
        s, i = where
        if i in current.get(s, set()):
            return ("here" if seen == 0 else "moved", f"{s}#{i}", "")
        why = declared.retired_why(s, i)
        if why is not None:
            return ("retired", why, "")
        target = declared.moved_to(s, i)
        if target is None:
            return None
        new_stem, _, new_id = target.partition("#")
        where = (new_stem, new_id or i)
        seen += 1
    return None


class PublishedIdGone(ToolkitError):
    """Published IDs are gone: each, then what to do."""

    def lines(self) -> list[str]:
        return [d.format() for d in self.diagnostics] + [f"tei: error: {self}"]


def gone(current: Mapping[str, Mapping[str, Any]], sources: Mapping[str, str], releases: list[Release],
         declared: Declarations) -> list[Diagnostic]:
    """The published IDs that are gone: ``current`` is stem -> the document's published IDs
    (:func:`toolkit.published.published_ids`), ``sources`` stem -> its source path."""
    now = {stem: {p["id"] for p in ids["passages"]} | set(ids["registers"]) for stem, ids in current.items()}
    last: dict[str, dict[str, str]] = {}  # stem -> id -> the latest release that published it
    documents: dict[str, tuple[str, str]] = {}  # stem -> (latest release, its recorded source)
    for release in releases:
        for stem, doc in release.documents.items():
            documents[stem] = (release.version, str(doc.get("source", stem)))
            for ident in release.ids(stem):
                last.setdefault(stem, {})[ident] = release.version
    problems: list[Diagnostic] = []
    for stem in sorted(documents):
        version, source = documents[stem]
        if stem not in now and declared.moved_to(stem) is None and declared.retired_why(stem) is None:
            problems.append(problem(source, "release", RULE, f"{stem} was published in release {version} and is gone"))
            continue
        where = (current.get(stem) or {}).get("where", {})
        registers = _register_ids(releases, stem)
        for ident, version in sorted(last.get(stem, {}).items()):
            if resolve(stem, ident, now, declared) is not None:
                continue
            line, column = where.get("registers" if ident in registers else "passages", [1, 1])
            problems.append(problem(sources.get(stem, source), "release", RULE,
                                    f"{ident} was published in release {version} and is gone", line, column))
    return problems


def _register_ids(releases: list[Release], stem: str) -> set[str]:
    return {i for r in releases for i in (r.documents.get(stem) or {}).get("registers", [])}


def differences(before: Mapping[str, set[str]], after: Mapping[str, set[str]],
                declared: Declarations) -> dict[str, list[str]]:
    """What changed between two sets of published IDs (stem -> IDs): ``documents-added``,
    ``documents-removed`` (stems), ``added``, ``moved`` ("doc#id → doc#id"), ``retired``
    ("doc#id: reason") and ``gone`` (neither there nor declared), each sorted."""
    result: dict[str, list[str]] = {"documents-added": sorted(set(after) - set(before)),
                                    "documents-removed": sorted(set(before) - set(after)),
                                    "added": [], "moved": [], "retired": [], "gone": []}
    for stem in sorted(after):
        result["added"] += [f"{stem}#{i}" for i in sorted(after[stem] - before.get(stem, set()))]
    for stem in sorted(before):
        for ident in sorted(before[stem] - after.get(stem, set())):
            found = resolve(stem, ident, after, declared)
            if found is None:
                result["gone"].append(f"{stem}#{ident}")
            elif found[0] == "retired":
                result["retired"].append(f"{stem}#{ident}: {found[1]}")
            else:
                result["moved"].append(f"{stem}#{ident} → {found[1]}")
    return result
