"""``tei package --verify``: check a deposit package as a repository would, and report
every problem (not only the first): bagit's own checks (structure, Payload-Oxum,
completeness, checksums) translated into diagnostics, the DataCite record, the METS
document (its structure, its fileSec against the bag's manifest, and METS and PREMIS
validity when the deposit schemas are at hand, else a warning that it was not possible),
then the TEI inside validated against the schema inside."""

from __future__ import annotations

import json
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

import bagit
from lxml import etree

from toolkit import datacite, deposit_schemas, mets
from toolkit import profile as bag_profile
from toolkit.diagnostics import ERROR, Diagnostic
from toolkit.errors import InputError, problem
from toolkit.logs import silenced
from toolkit.validate import validate_paths

MAX_UNPACKED = 2 * 1024**3  # refuse zip bombs
MAX_ENTRIES = 100_000


def _diag(path: str, rule: str, message: str) -> Diagnostic:
    return problem(path, "bag", rule, message)


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
                raise InputError("unsafe zip", [_diag(str(zip_path), "zip",
                                                      f"refused: unsafe path {entry.filename!r}")])
            tops.add(name.parts[0])
        if len(tops) != 1:
            raise InputError("zip layout", [_diag(str(zip_path), "zip", "a deposit zip must unpack to exactly one "
                                                                        f"folder; found {len(tops)}: {sorted(tops)}")])
        archive.extractall(tmp)
        yield Path(tmp) / tops.pop()


class _Rechecked(bagit.Bag):
    """A bag whose payload listing leaves out the files already reported as unexpected.

    bagit's public ``validate()`` stops at the first failing stage (Payload-Oxum, then
    completeness, then checksums). To report every problem, :func:`_bag_problems` runs it
    again after each stage with what that stage reported set aside: the Payload-Oxum
    removed from ``info``, missing files removed from ``entries``, unexpected files left
    out of ``payload_files()``. Nothing on disk is touched.
    """

    skipped: set[str] = set()

    def payload_files(self):
        return (p for p in super().payload_files() if p not in self.skipped)


def _detail(detail, shown: str, rule: str) -> Diagnostic | None:
    where = f"{shown}/{detail.path}" if getattr(detail, "path", None) else shown
    if isinstance(detail, bagit.ChecksumMismatch):
        return _diag(where, rule, f"{detail.algorithm} checksum mismatch: the manifest says {detail.expected}, "
                                  f"the file has {detail.found}")
    if isinstance(detail, bagit.FileMissing):
        return _diag(where, rule, "listed in the manifest but missing from the bag")
    if isinstance(detail, bagit.UnexpectedFile):
        return _diag(where, rule, "present in the bag but not listed in any manifest")
    return _diag(where, rule, str(detail))


def _stage(exc: bagit.BagValidationError) -> str:
    kinds = {type(d) for d in exc.details}
    if kinds & {bagit.FileMissing, bagit.UnexpectedFile}:
        return "completeness"
    if kinds:
        return "checksum"
    return "payload-oxum" if "Oxum" in str(exc.message) else "bag"


def _bag_problems(bag_dir: Path, shown: str) -> list[Diagnostic]:
    """Every problem bagit's ``validate()`` finds, stage after stage (see :class:`_Rechecked`)."""
    problems: list[Diagnostic] = []
    with silenced("bagit"):
        try:
            bag = _Rechecked(str(bag_dir))
        except bagit.BagError as exc:
            return [_diag(f"{shown}/bagit.txt", "bag-structure", f"not a valid bag: {exc}")]
        bag.skipped = set()
        for _ in range(4):  # at most one pass per stage, then a final clean pass
            try:
                bag.validate()
                break
            except bagit.BagValidationError as exc:
                rule = _stage(exc)
                if rule == "payload-oxum":
                    problems.append(_diag(f"{shown}/bag-info.txt", rule, str(exc.message)))
                    bag.info.pop("Payload-Oxum", None)
                    continue
                # bagit's order varies between runs; report in a fixed order (path, algorithm)
                ordered = sorted(exc.details, key=lambda d: (str(getattr(d, "path", "")),
                                                             str(getattr(d, "algorithm", ""))))
                for detail in ordered:
                    found = _detail(detail, shown, rule)
                    if found is not None:
                        problems.append(found)
                    if isinstance(detail, bagit.FileMissing):
                        bag.entries.pop(detail.path, None)
                    elif isinstance(detail, bagit.UnexpectedFile):
                        bag.skipped.add(detail.path)
                if rule != "completeness":
                    break
            except bagit.BagError as exc:
                problems.append(_diag(f"{shown}/bag-info.txt", "bag", str(exc)))
                break
    return problems


def _tei_problems(bag_dir: Path, shown: str) -> list[Diagnostic]:
    tei = bag_dir / "data" / "tei"
    files = sorted(tei.rglob("*.xml")) if tei.is_dir() else []
    if not files:
        return [_diag(f"{shown}/data/tei", "tei", "the payload has no TEI file in data/tei/")]
    report = validate_paths(files)
    # A package holds its schemas: one that cannot be loaded (a warning elsewhere) is an error here.
    return [Diagnostic(d.file.replace(str(bag_dir), shown, 1), d.line, d.column,
                       ERROR if d.rule == "xml-model" else d.severity, d.layer, d.rule, d.message, d.xpath)
            for d in report.diagnostics if d.is_error or d.rule == "xml-model"]


def _datacite_problems(bag_dir: Path, shown: str) -> list[Diagnostic]:
    """The DataCite record, when the package has one, checked against DataCite's 4.5 JSON Schema."""
    path = bag_dir / "metadata" / "datacite.json"
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [_diag(f"{shown}/metadata/datacite.json", "datacite", f"not readable JSON: {exc}")]
    return [_diag(f"{shown}/metadata/datacite.json", "datacite", f"not valid DataCite 4.5: {problem}")
            for problem in datacite.problems(data)]


def _mets_problems(bag_dir: Path, shown: str, schemas: Path | None) -> list[Diagnostic]:
    """The METS document, when the package has one: sound, matching the payload manifest,
    and valid METS and PREMIS (or a warning that the schemas were not at hand)."""
    path = bag_dir / "metadata" / "mets.xml"
    where = f"{shown}/metadata/mets.xml"
    if not path.is_file():
        return []
    try:
        tree = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
    except etree.XMLSyntaxError as exc:
        return [_diag(where, "mets", f"not well-formed XML: {exc}")]
    try:
        digests = mets.payload_digests(bag_dir)
    except (OSError, ValueError):
        digests = None  # the bag's own checks report a missing or broken manifest
    found = [_diag(where, "mets", message) for message in mets.problems(tree.getroot(), digests)]
    return found + deposit_schemas.check(tree, "mets", schemas, where, "bag")


def _all_problems(bag_dir: Path, shown: str, checker: bag_profile.BagProfile | None,
                  serialised: Path | None = None, schemas: Path | None = None) -> list[Diagnostic]:
    problems = _bag_problems(bag_dir, shown)
    if checker is not None:
        problems += bag_profile.problems(checker, bag_dir, shown, serialised)
    return (problems + _datacite_problems(bag_dir, shown) + _mets_problems(bag_dir, shown, schemas)
            + _tei_problems(bag_dir, shown))


def verify(target: Path, profile: Path | None = None, schemas: Path | None = None) -> list[Diagnostic]:
    """Every problem of a bag folder or a zip of one (the bag, the BagIt profile when one is
    named, the DataCite metadata, the METS document against the deposit schemas in
    ``schemas``, the TEI against the schemas inside); errors and warnings (a check that
    could not be made): no error means the package is sound."""
    target = Path(target)
    checker = bag_profile.load(profile) if profile is not None else None
    if target.is_file():
        with _unpacked(target) as bag_dir:
            return _all_problems(bag_dir, f"{target}!/{bag_dir.name}", checker, target, schemas)
    if not target.is_dir():
        raise InputError(f"{target}: no such bag", [_diag(str(target), "bag", "no such bag folder or zip file")])
    return _all_problems(target, str(target), checker, target, schemas)
