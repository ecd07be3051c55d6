"""The version and the build date every page carries, decided once per run, deterministically.

The rule (README, "Releases"):

* **version**: a release build (``tei release VERSION``) is that version; a build whose sources
  are byte for byte those of a recorded release (``releases/VERSION.json``: the same documents,
  the same SHA-256) is that release again; any other build has no version (its pages say
  "unreleased", after the latest release, if any);
* **build date**: the release's recorded date for a release; else the day of
  ``SOURCE_DATE_EPOCH`` (UTC) when that variable is set; else the newest date in the sources'
  headers (``revisionDesc`` ``change/@when``); else none. Never the clock: the same inputs give
  the same bytes.

The result is a :class:`ReleaseStamp`, part of :class:`toolkit.context.BuildContext` and so of
every cache key; it also carries the project's ``[moved]`` and ``[retired]`` declarations,
which the pages and the release check read (the release records themselves are read by the
``releases`` output, which is never cached, so recording a release re-renders no page).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from lxml import etree

from toolkit.atomic import write_atomic
from toolkit.digest import file_digest
from toolkit.errors import ToolkitError
from toolkit.releases import Declarations, Release, load_releases
from toolkit.xmlsafe import TEI_NS

__all__ = ["ReleaseStamp", "header_date", "newest_header_date", "read_memo", "release_stamp", "write_memo"]

_DATE = re.compile(r"^-?\d{4}(-\d{2}(-\d{2})?)?")
_CHANGE = f"{{{TEI_NS}}}change"
_TEXT = f"{{{TEI_NS}}}text"


@dataclass(frozen=True)
class ReleaseStamp:
    """What a run says about its release: ``version`` ('' unreleased), ``date`` ('' unknown) and
    where it came from (``date_rule``: release, SOURCE_DATE_EPOCH, revisionDesc), the ``latest``
    recorded release (only for a build that is not one), the release records' folder, and the
    declarations."""

    version: str = ""
    date: str = ""
    date_rule: str = ""
    latest: str = ""
    folder: str = ""
    declared: Declarations = Declarations()
    #: the declared ``document#id`` keys that a release published as register entries, with their
    #: kind (the index's anchor of an entry is KIND-ID)
    registers: tuple[tuple[str, str], ...] = ()
    #: decided for this run (a context made without sources has an empty, undecided stamp)
    decided: bool = False

    def forwards(self, stem: str) -> str:
        """The page of document ``stem``: its declared moved IDs (old id -> the href of the new
        place, from that page) and retired ones (old id -> the reason), as JSON ('' when none)."""
        prefix = stem + "#"
        registers = dict(self.registers)

        def anchor(key: str) -> str:  # a register entry's place in a page is reg-ID
            return ("reg-" if key in registers else "") + key.partition("#")[2]

        moved = {}
        for old, new in self.declared.moved:
            if old.startswith(prefix):
                target, _, ident = new.partition("#")
                place = anchor(old) if not ident else ("reg-" if old in registers else "") + ident
                moved[anchor(old)] = (f"#{place}" if target == stem
                                      else f"{quote(target)}.html" + (f"#{place}" if ident else ""))
        retired = {anchor(old): why for old, why in self.declared.retired if old.startswith(prefix)}
        if not moved and not retired:
            return ""
        return json.dumps({"moved": moved, "retired": retired}, sort_keys=True, ensure_ascii=False)

    def index_forwards(self) -> str:
        """The citation index page: its declared moved register entries (old anchor KIND-ID ->
        "#KIND-NEWID") and retired ones (old anchor -> the reason), as JSON ('' when none)."""
        kinds = dict(self.registers)

        def anchor(key: str, ident: str = "") -> str:
            return f"{kinds[key]}-{ident or key.partition('#')[2]}"

        moved = {anchor(old): "#" + anchor(old, new.partition("#")[2]) for old, new in self.declared.moved
                 if old in kinds}
        retired = {anchor(old): why for old, why in self.declared.retired if old in kinds}
        if not moved and not retired:
            return ""
        return json.dumps({"moved": moved, "retired": retired}, sort_keys=True, ensure_ascii=False)

    def key(self) -> list:
        """What the pages depend on (the records themselves are read by the releases output,
        which is never cached): recording a release does not re-render its pages."""
        return [self.version, self.date, self.latest, list(self.declared.moved), list(self.declared.retired),
                list(self.registers)]


def header_date(path: Path) -> str:
    """The newest ``change/@when`` of a document's header ('' when none, or unreadable): the
    header is read as a stream and the reading stops at ``text`` (a corpus is not parsed twice)."""
    newest = ""
    try:
        for event, el in etree.iterparse(str(path), events=("start", "end"), resolve_entities=False,
                                         no_network=True, load_dtd=False, huge_tree=False):
            if event == "start" and el.tag == _TEXT:
                break
            if event == "end" and el.tag == _CHANGE:
                found = _DATE.match(el.get("when") or "")
                if found and found.group(0) > newest:
                    newest = found.group(0)
    except (etree.XMLSyntaxError, OSError):
        return newest  # the build reports the file
    return newest


def read_memo(memo: Path | None) -> dict[str, list]:
    """The header dates kept by an earlier build (empty when none, or unreadable: advisory)."""
    if memo is None:
        return {}
    try:
        loaded = json.loads(memo.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def write_memo(memo: Path, dates: dict[str, list]) -> None:
    """Keep the header dates for the next build (after a build that succeeded; advisory)."""
    if dates and dates != read_memo(memo):
        with contextlib.suppress(ToolkitError, OSError):
            write_atomic(memo, json.dumps(dates, sort_keys=True) + "\n")


def newest_header_date(paths: list[Path], known: dict[str, list] | None = None,
                       found: dict[str, list] | None = None) -> str:
    """The newest :func:`header_date` of ``paths``. ``known``: the dates an earlier build kept
    (path -> [modification time, size, date]): a file unchanged since is not read again, only
    stat-ed. ``found`` is filled with this run's, for :func:`write_memo`."""
    known = known or {}
    found = {} if found is None else found
    newest = ""
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        key = str(path.resolve())
        entry = known.get(key)
        if not (isinstance(entry, list) and len(entry) == 3 and entry[:2] == [stat.st_mtime_ns, stat.st_size]):
            entry = [stat.st_mtime_ns, stat.st_size, header_date(path)]
        found[key] = entry
        newest = max(newest, str(entry[2]))
    return newest


def _epoch_date(value: str) -> str:
    try:
        return dt.datetime.fromtimestamp(int(value), dt.UTC).date().isoformat()
    except (ValueError, OverflowError, OSError):
        return ""


def _matching(releases: list[Release], paths: list[Path]) -> Release | None:
    """The latest release whose sources are exactly these files' bytes."""
    if not releases:
        return None
    digests = {p.stem: file_digest(p) for p in paths}
    return next((r for r in reversed(releases) if r.sources() == digests), None)


def _register_kind(releases: list[Release], key: str) -> tuple[str, str] | None:
    """(key, kind) when a release published ``document#id`` as a register entry (latest first)."""
    stem, _, ident = key.partition("#")
    for release in reversed(releases):
        doc = release.documents.get(stem) or {}
        if ident in doc.get("registers", []):
            return key, str((doc.get("register-types") or {}).get(ident, "person"))
    return None


def release_stamp(paths: Iterable[Path], folder: Path | None, moved: Mapping[str, str] | None = None,
                  retired: Mapping[str, str] | None = None, version: str = "", date: str = "",
                  environ: Mapping[str, str] | None = None, known: dict[str, list] | None = None,
                  found: dict[str, list] | None = None) -> ReleaseStamp:
    """The stamp of a run over ``paths`` (see the module's text). ``version`` and ``date``:
    a release build's own (``tei release``); ``known`` and ``found``: see :func:`newest_header_date`."""
    paths = [Path(p) for p in paths]
    environ = os.environ if environ is None else environ
    releases = load_releases(folder)
    declared = Declarations.of(moved or {}, retired or {})
    latest = releases[-1].version if releases else ""
    if not version:
        same = _matching(releases, paths)
        if same is not None:
            version, date = same.version, same.date
    if version:
        latest = ""  # a release's pages name it, not the one before
    rule = "release" if version and date else ""
    if not date and environ.get("SOURCE_DATE_EPOCH", "").strip():
        date, rule = _epoch_date(environ["SOURCE_DATE_EPOCH"].strip()), "SOURCE_DATE_EPOCH"
    if not date:
        date = newest_header_date(paths, known, found)
        rule = "revisionDesc" if date else ""
    keys = {key for key, _ in (*declared.moved, *declared.retired) if "#" in key}
    registers = tuple(sorted(kind for key in keys if (kind := _register_kind(releases, key)) is not None))
    return ReleaseStamp(version, date, rule, latest, str(folder or ""), declared, registers, True)
