"""``tei package --verify``: check a deposit package as a repository would, and report
every problem (not only the first): bagit's own checks (structure, Payload-Oxum,
completeness, checksums) translated into diagnostics, then the TEI inside validated
against the schema inside."""

from __future__ import annotations

import logging
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

import bagit

from toolkit.diagnostics import ERROR, Diagnostic
from toolkit.errors import InputError
from toolkit.validate import validate_paths

MAX_UNPACKED = 2 * 1024**3  # refuse zip bombs
MAX_ENTRIES = 100_000


def _diag(path: str, rule: str, message: str) -> Diagnostic:
    return Diagnostic(path, 1, 1, ERROR, "bag", rule, message)


@contextmanager
def _unpacked(zip_path: Path):
    """Extract a zip safely (no absolute or parent paths, bounded size) and yield its bag folder."""
    try:
        archive = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(str(exc), [_diag(str(zip_path), "zip", f"not a readable zip file: {exc}")]) from None
    with archive, tempfile.TemporaryDirectory(prefix="tei-verify-") as tmp:
        entries = archive.infolist()
        total = sum(e.file_size for e in entries)
        if len(entries) > MAX_ENTRIES or total > MAX_UNPACKED:
            raise InputError("zip too large", [_diag(str(zip_path), "zip", f"refused: {len(entries)} entries, "
                                                                           f"{total} bytes unpacked")])
        tops = set()
        for entry in entries:
            name = PurePosixPath(entry.filename)
            if name.is_absolute() or ".." in name.parts:
                raise InputError("unsafe zip", [_diag(str(zip_path), "zip", f"refused: unsafe path {entry.filename!r}")])
            tops.add(name.parts[0])
        if len(tops) != 1:
            raise InputError("zip layout", [_diag(str(zip_path), "zip", "a deposit zip must unpack to exactly one "
                                                                        f"folder; found {len(tops)}: {sorted(tops)}")])
        archive.extractall(tmp)
        yield Path(tmp) / tops.pop()


def _bag_problems(bag_dir: Path, shown: str) -> list[Diagnostic]:
    logging.getLogger("bagit").setLevel(logging.CRITICAL)  # its problems become our diagnostics
    try:
        bag = bagit.Bag(str(bag_dir))
    except bagit.BagError as exc:
        return [_diag(f"{shown}/bagit.txt", "bag-structure", f"not a valid bag: {exc}")]
    problems: list[Diagnostic] = []
    checks = (("payload-oxum", bag._validate_oxum), ("completeness", bag._validate_completeness),
              ("checksum", lambda: bag._validate_entries(1)))
    for rule, check in checks:
        try:
            check()
        except bagit.BagValidationError as exc:
            if not exc.details:
                problems.append(_diag(f"{shown}/bag-info.txt", rule, str(exc.message)))
            for detail in exc.details:
                where = f"{shown}/{detail.path}" if getattr(detail, "path", None) else shown
                if isinstance(detail, bagit.ChecksumMismatch) and str(detail.found).startswith("Could not read"):
                    continue  # a missing file: already reported by the completeness check
                if isinstance(detail, bagit.ChecksumMismatch):
                    message = (f"{detail.algorithm} checksum mismatch: the manifest says {detail.expected}, "
                               f"the file has {detail.found}")
                elif isinstance(detail, bagit.FileMissing):
                    message = "listed in the manifest but missing from the bag"
                elif isinstance(detail, bagit.UnexpectedFile):
                    message = "present in the bag but not listed in any manifest"
                else:
                    message = str(detail)
                problems.append(_diag(where, rule, message))
        except bagit.BagError as exc:
            problems.append(_diag(f"{shown}/bag-info.txt", rule, str(exc)))
    return problems


def _tei_problems(bag_dir: Path, shown: str) -> list[Diagnostic]:
    tei = bag_dir / "data" / "tei"
    files = sorted(tei.rglob("*.xml")) if tei.is_dir() else []
    if not files:
        return [_diag(f"{shown}/data/tei", "tei", "the payload has no TEI file in data/tei/")]
    report = validate_paths(files)
    return [Diagnostic(d.file.replace(str(bag_dir), shown, 1), d.line, d.column, d.severity, d.layer, d.rule, d.message,
                       d.xpath) for d in report.diagnostics if d.is_error]


def verify(target: Path) -> list[Diagnostic]:
    """Every problem of a bag folder or a zip of one; an empty list means the package is sound."""
    target = Path(target)
    if target.is_file():
        with _unpacked(target) as bag_dir:
            shown = f"{target}!/{bag_dir.name}"
            return _bag_problems(bag_dir, shown) + _tei_problems(bag_dir, shown)
    if not target.is_dir():
        raise InputError(f"{target}: no such bag", [_diag(str(target), "bag", "no such bag folder or zip file")])
    return _bag_problems(target, str(target)) + _tei_problems(target, str(target))
