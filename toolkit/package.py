"""``tei package``: a BagIt bag (RFC 8493) and a reproducible zip, ready for deposit.

The bag is built with the ``bagit`` library. Its payload is the TEI, the schemas it
declares, the rendered outputs, a README.txt and an RO-Crate (``ro-crate-metadata.json``,
:mod:`toolkit.crate`); its tag files add Dublin Core (``metadata/dc.xml``), DataCite
(``metadata/datacite.json`` and ``.xml``) and METS with PREMIS (``metadata/mets.xml``,
:mod:`toolkit.mets`, validated before it is written). All the
metadata, bag-info.txt fields included, come from the teiHeader through
``xslt/metadata.xsl``. Two runs on the same input give byte-identical bags and zips:
``Bagging-Date`` is the date of ``SOURCE_DATE_EPOCH`` when it is set, otherwise the
latest ``revisionDesc/change/@when``; zip entries have fixed times and a fixed order.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
import time
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import bagit
from lxml import etree

from toolkit import crate, datacite, deposit_schemas, mets
from toolkit import profile as bag_profile
from toolkit._version import __version__
from toolkit.atomic import replace_folder, write_atomic
from toolkit.build import BuildResult, build, run_context
from toolkit.citetree import citation_tree
from toolkit.context import BuildContext
from toolkit.diagnostics import Diagnostic
from toolkit.errors import OutputError, Refused, fail, problem
from toolkit.logs import silenced
from toolkit.outputs.kind import Output
from toolkit.outputs.registry import registry
from toolkit.render import check_output_dir
from toolkit.schemas import declared_schemas, resolve_href
from toolkit.xmlsafe import NS, parse_file
from toolkit.xslt import engine

CHECKSUMS = ["sha256", "sha512"]
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NEVER_PACKAGED = "an invalid edition is never packaged: correct the errors, then run tei package again"
BAGIT_TXT = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"


@dataclass
class PackageResult:
    bag: Path
    zip: Path
    build: BuildResult
    files: list[tuple[str, int]] = field(default_factory=list)
    seconds: float = 0.0
    #: what could not be checked (no deposit schemas: the METS was checked for structure only)
    warnings: list[Diagnostic] = field(default_factory=list)

    def summary(self) -> str:
        size = sum(s for _, s in self.files)
        return (f"bag {self.bag} ({len(self.files)} files, {size} bytes); zip {self.zip} "
                f"({self.zip.stat().st_size} bytes); {self.seconds:.2f} s")


def _fail(path: Path | str, message: str) -> OutputError:
    return fail(OutputError, path, "package", "package", message)


def bagging_date(header_date: str) -> str:
    """``SOURCE_DATE_EPOCH`` as a UTC date when set, else the header's latest change date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).strftime("%Y-%m-%d")
        except (ValueError, OverflowError):
            raise _fail("SOURCE_DATE_EPOCH", f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from None
    return header_date


def _metadata(context: BuildContext, primary, fmt: str, **params: str) -> str:
    """One of metadata.xsl's formats for the primary document."""
    params_of = context.stylesheet_params(None, format=fmt, **params)
    return engine(context).transform("metadata.xsl", primary.root, params_of)


def _bag_info(context: BuildContext, primary, ids: list[str]) -> dict[str, str]:
    """bag-info.txt fields: those the header gives (via metadata.xsl), the date and the agent."""
    text = _metadata(context, primary, "bag-info")
    info = dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)
    info["Bagging-Date"] = bagging_date(info.get("Bagging-Date", ""))
    if not info["Bagging-Date"]:
        raise _fail(primary.path, "no Bagging-Date: the teiHeader has no revisionDesc/change/@when and "
                                  "SOURCE_DATE_EPOCH is not set")
    info["Bag-Software-Agent"] = f"tei-edition-toolkit {__version__} (bagit-python {bagit.VERSION})"
    if len(ids) > 1:
        info["External-Description"] += f" {len(ids)} documents: {', '.join(ids)}."
    return info


def _schema_files(doc) -> list[tuple[str, Path]]:
    """The local files that define a document's schemas: its xml-model schemas, and the
    customisation (ODD) its header's schemaRef names, so that the package is self-contained."""
    found = [(ref.href, ref.path) for ref in declared_schemas(doc) if ref.path is not None]
    base = Path(doc.path).resolve().parent
    for url in doc.root.xpath("/tei:TEI/tei:teiHeader/tei:encodingDesc/tei:schemaRef/@url", namespaces=NS):
        path = resolve_href(str(url), base)
        if path is not None and path.is_file():
            found.append((str(url), path))
    return found


def _packaged(outputs: Iterable[Output], rendered: Path) -> list[Output]:
    """The output kinds the bag holds: those packaged, of which the build wrote a folder."""
    return [o for o in outputs if o.packaged and (rendered / o.folder).is_dir()]


def _folders_note(outputs: Iterable[Output]) -> str:
    """The README's lines for the output folders (``html/      the reading edition …``)."""
    lines = []
    for output in outputs:
        first, *rest = (output.package_note or output.summary).split("\n")
        lines.append(f"{output.folder + '/':<10} {first}")
        lines.extend(f"{'':10} {line}" for line in rest)
    return "\n".join(lines)


def _copy_payload(documents: list[Path], parsed: list, rendered: Path, payload: Path, outputs: list[Output]) -> None:
    for doc, tree in zip(documents, parsed, strict=True):
        target = payload / "tei" / doc.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(doc, target)
        for included in tree.included:  # the files it includes (XInclude), where it finds them
            relative = os.path.relpath(included, doc.parent)
            included_target = (payload / "tei" / relative).resolve()
            if (payload / "tei").resolve() not in included_target.parents:
                raise _fail(doc, f"the included file {included} lies outside the package; keep it in the document's "
                                 "folder or below")
            included_target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(included, included_target)
        for href, path in _schema_files(tree):
            relative = os.path.relpath(path, doc.resolve().parent)
            schema_target = (payload / "tei" / relative).resolve()
            if payload.resolve() not in schema_target.parents:
                raise _fail(doc, f"the schema {href} lies outside the package; name it relative to the TEI")
            schema_target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, schema_target)
    for output in outputs:
        shutil.copytree(rendered / output.folder, payload / output.folder)


def _normalise(bag_dir: Path) -> None:
    """BagIt 1.0 in bagit.txt, and sorted tag manifests, so that two runs are byte-identical."""
    (bag_dir / "bagit.txt").write_text(BAGIT_TXT, encoding="utf-8")
    bag = bagit.Bag(str(bag_dir))
    cwd = os.getcwd()
    try:
        with silenced("bagit", level=logging.WARNING):
            bag.save(manifests=False)  # rewrites the tag manifests (bagit-python lists them unsorted)
    finally:
        os.chdir(cwd)
    for manifest in bag_dir.glob("tagmanifest-*.txt"):
        lines = sorted(manifest.read_text(encoding="utf-8").splitlines())
        manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _zip(bag_dir: Path, zip_path: Path, date: str) -> None:
    stamp = datetime.strptime(date, "%Y-%m-%d").timetuple()[:6]
    stamp = max(stamp, (1980, 1, 1, 0, 0, 0))
    files = sorted(p for p in bag_dir.rglob("*") if p.is_file())
    for path in files:
        if not str(path.relative_to(bag_dir)).isascii():
            raise _fail(path, "a file name is not ASCII; deposit packages use ASCII names only")
    fd, tmp = tempfile.mkstemp(prefix=f".{zip_path.name}.", dir=zip_path.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in files:
                info = zipfile.ZipInfo(f"{bag_dir.name}/{path.relative_to(bag_dir).as_posix()}", date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o100644 << 16
                info.create_system = 3
                archive.writestr(info, path.read_bytes())
        write_atomic(zip_path, Path(tmp).read_bytes())
    finally:
        os.unlink(tmp)


def _title(doc) -> str:
    return " ".join(doc.root.xpath("string(/tei:TEI/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[1])",
                                   namespaces=NS).split())


def _write_mets(context: BuildContext, staged: Path, edition_id: str, header: dict, date: str,
                documents: list[Path], parsed: list, outputs: list[Output]) -> list[Diagnostic]:
    """metadata/mets.xml, written only when its structure is sound and, with the deposit
    schemas, it is valid METS and PREMIS; returns the warning when the schemas are missing."""
    html = next((o for o in outputs if o.name == "html"), None)
    described = [mets.MetsDocument(f"data/tei/{d.name}", f"data/{html.path_of(d.stem)}" if html else None,
                                   _title(p), citation_tree(p.root)) for d, p in zip(documents, parsed, strict=True)]
    titles = [t["title"] for t in header.get("titles", []) if t.get("title")]
    root = mets.build(staged, edition_id, titles[0] if titles else edition_id, date,
                      (staged / "metadata" / "dc.xml").read_bytes(), described)
    data = mets.serialise(root)
    where = staged / "metadata" / "mets.xml"
    reparsed = etree.fromstring(data, etree.XMLParser(no_network=True, resolve_entities=False))
    digests = mets.payload_digests(staged)
    found = [problem(where, "package", "mets", f"the METS document is not sound: {p}")
             for p in mets.problems(reparsed, digests)]
    found += deposit_schemas.check(reparsed.getroottree(), "mets", deposit_schemas.folder_of(context.config),
                                   str(where), "package")
    errors = [d for d in found if d.is_error]
    if errors:
        raise OutputError(f"the METS document is not valid ({len(errors)} problem(s)); nothing was written", errors)
    where.write_bytes(data)
    return found


def package(paths: Iterable[Path], out_dir: Path = Path("output"), doi: str | None = None,
            profile: Path | None = None, bag_info: Mapping[str, str] | None = None,
            context: BuildContext | None = None) -> PackageResult:
    """Validate and render (as ``tei build``), then write the bag and its zip under ``out_dir/deposit``.

    ``bag_info`` adds tags to bag-info.txt (a project's settings); with ``profile`` (a BagIt
    profile, JSON) the bag names the profile and must meet it, else nothing is written and
    :class:`~toolkit.errors.Refused` lists every unmet requirement. ``context``: the build context (default:
    the default settings); the bag holds every packaged output kind (:mod:`toolkit.outputs`).
    """
    started = time.perf_counter()
    context = run_context(context)
    if doi is not None:
        datacite.check_doi(doi)  # before any work
    checker = bag_profile.load(profile) if profile is not None else None
    documents = [Path(p) for p in paths]
    deposit = out_dir / "deposit"
    check_output_dir(out_dir, documents)
    rendering = Path(tempfile.mkdtemp(prefix="tei-package-"))
    try:
        # an invalid edition is never packaged: nothing is written. Only the kinds the bag holds are
        # built, so that its pages link nothing it leaves out (the site's home page, the guide).
        packaged = [o.name for o in registry() if o.default and o.packaged]
        built = build(documents, rendering / "rendered", refusal_hint=NEVER_PACKAGED, context=context, kinds=packaged)
        try:
            deposit.mkdir(parents=True, exist_ok=True)
            work = Path(tempfile.mkdtemp(prefix=".package-", dir=deposit))
        except OSError as exc:
            raise _fail(deposit, f"cannot write the package: {exc.strerror or exc}") from None
        shutil.move(str(rendering / "rendered"), str(work / "rendered"))
    finally:
        shutil.rmtree(rendering, ignore_errors=True)
    try:
        parsed = [parse_file(d, context.project.parse_options(d)) for d in documents]
        primary = parsed[0]
        ids = [p.root.get(XML_ID) or d.stem for p, d in zip(parsed, documents, strict=True)]
        info = {**_bag_info(context, primary, ids), **dict(bag_info or {})}
        if checker is not None:
            info[bag_profile.ID_TAG] = checker.identifier
        edition_id = info.get("External-Identifier") or documents[0].stem
        if not edition_id.isascii() or "/" in edition_id:
            raise _fail(documents[0], f"the edition identifier {edition_id!r} cannot name a package folder")
        staged = work / edition_id
        outputs = _packaged(registry(), work / "rendered")
        _copy_payload(documents, parsed, work / "rendered", staged, outputs)
        readme = _metadata(context, primary, "readme", documents=" ".join(d.name for d in documents),
                           **{"package-folders": _folders_note(outputs)})
        (staged / "README.txt").write_text(readme, encoding="utf-8")
        header = json.loads(_metadata(context, primary, "datacite"))
        record = datacite.record(header, doi)
        (staged / crate.FILE_NAME).write_text(crate.crate_json(staged, record, [f"tei/{d.name}" for d in documents]),
                                              encoding="utf-8")
        cwd = os.getcwd()
        try:
            with silenced("bagit", level=logging.WARNING):  # no progress chatter on stderr, for this call only
                bagit.make_bag(str(staged), info, checksums=CHECKSUMS)
        finally:
            os.chdir(cwd)
        (staged / "metadata").mkdir()
        (staged / "metadata" / "dc.xml").write_text(
            _metadata(context, primary, "dc"), encoding="utf-8")
        datacite_json, datacite_xml = datacite.serialise(record)
        (staged / "metadata" / "datacite.json").write_text(datacite_json, encoding="utf-8")
        (staged / "metadata" / "datacite.xml").write_text(datacite_xml, encoding="utf-8")
        warnings = _write_mets(context, staged, edition_id, record, info["Bagging-Date"], documents, parsed, outputs)
        _normalise(staged)
        if checker is not None and (unmet := bag_profile.problems(checker, staged, str(deposit / edition_id))):
            raise Refused(f"the package does not meet {checker.path} ({len(unmet)} unmet requirement(s)); "
                          "nothing was written", unmet)
        final = deposit / edition_id
        zip_path = deposit / f"{edition_id}.zip"
        _zip(staged, zip_path, info["Bagging-Date"])
        replace_folder(staged, final)
    except OSError as exc:
        raise _fail(deposit, f"cannot write the package: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    files = [(str(p.relative_to(final)), p.stat().st_size) for p in sorted(final.rglob("*")) if p.is_file()]
    return PackageResult(final, zip_path, built, files, time.perf_counter() - started, warnings)
