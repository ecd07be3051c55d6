"""Validation in layers: well-formedness, RELAX NG, Schematron, optionally TEI conformance.

:func:`validate_paths` is the library entry point; it returns a
:class:`ValidationReport` of :class:`~toolkit.diagnostics.Diagnostic` records and
never prints or exits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from toolkit.diagnostics import ERROR, WARNING, Diagnostic
from toolkit.errors import InputError, SchemaError, problem
from toolkit.project import Project
from toolkit.relaxng import relaxng_diagnostics
from toolkit.schemas import CACHE, RELAXNG, SCHEMATRON, SchemaRef, command_line_ref, declared_schemas
from toolkit.schematron import schematron_diagnostics
from toolkit.xmlsafe import TEI_NS, ParsedDocument, parse_bytes, parse_file

TEI_ROOTS = {f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"}


@dataclass
class FileResult:
    """The outcome for one file: its diagnostics, and the parsed tree when it parsed."""

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    document: ParsedDocument | None = None

    @property
    def errors(self) -> int:
        return sum(d.severity == ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return sum(d.severity == WARNING for d in self.diagnostics)

    def valid(self, strict: bool = False) -> bool:
        return self.errors == 0 and not (strict and self.warnings)


@dataclass
class ValidationReport:
    files: list[FileResult] = field(default_factory=list)
    strict: bool = False

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for f in self.files for d in f.diagnostics]

    @property
    def invalid(self) -> int:
        return sum(not f.valid(self.strict) for f in self.files)

    @property
    def ok(self) -> bool:
        return self.invalid == 0

    def summary(self) -> dict:
        return {
            "files": len(self.files),
            "invalid": self.invalid,
            "errors": sum(f.errors for f in self.files),
            "warnings": sum(f.warnings for f in self.files),
        }


@dataclass(frozen=True)
class ValidationOptions:
    """Which schemas apply. ``schema``/``schematron`` override the ``xml-model`` ones."""

    schema: Path | None = None
    schematron: Path | None = None
    tei_all: Path | None = None
    strict: bool = False
    #: the project's own sources and schemas (for a document that names none)
    project: Project = Project()


def _schema_refs(doc: ParsedDocument, options: ValidationOptions) -> list[SchemaRef]:
    """The schemas for one document (see :mod:`toolkit.project` for the rule).

    ``--schema`` replaces every declared schema (plus ``--schematron`` if given);
    ``--schematron`` alone replaces only the Schematron; otherwise the document's
    ``xml-model`` instructions apply; a document naming none gets the project's when
    it is the project's own, and none otherwise (TEI conformance then applies).
    """
    given_sch = [command_line_ref(SCHEMATRON, options.schematron)] if options.schematron else []
    if options.schema:
        return [command_line_ref(RELAXNG, options.schema)] + given_sch
    declared = declared_schemas(doc)
    schemas = options.project.schemas() if not declared and options.project.is_own(doc.path) else None
    if schemas is not None:
        grammar, rules = schemas
        declared = [command_line_ref(RELAXNG, grammar)]
        if rules.is_file():
            declared.append(command_line_ref(SCHEMATRON, rules))
    if given_sch:
        return [r for r in declared if r.kind == RELAXNG] + given_sch
    return declared


def tei_all_for(doc: ParsedDocument, options: ValidationOptions, refs: list[SchemaRef]) -> Path | None:
    """The tei_all.rng to check a document against: --tei-all, else the one found for a
    document that has no schema of its own."""
    if options.tei_all:
        return options.tei_all
    return None if refs else options.project.found_tei_all()


NO_SCHEMA = ("no schema: the file names none (<?xml-model?>) and is not under the project's tei/ folder, and no "
             "tei_all.rng was given (--tei-all) or found; only well-formedness was checked")
NO_PROJECT_SCHEMA = ("no schema: the file names none (<?xml-model?>), the project has none (rng in tei.toml, or "
                     "schema/edition.rng), and no tei_all.rng was given (--tei-all) or found; only well-formedness "
                     "was checked")


def _schema_problem(doc: ParsedDocument, ref: SchemaRef, message: str) -> Diagnostic:
    return problem(doc.path, "schema", "xml-model", message, ref.line)


def _run_ref(doc: ParsedDocument, ref: SchemaRef, layer: str | None = None) -> list[Diagnostic]:
    if ref.path is None:
        return [_schema_problem(doc, ref, f"schema \"{ref.href}\" is remote and is not fetched (the toolkit never "
                                          f"uses the network); give a local copy with --schema or --schematron")]
    try:
        if ref.kind == RELAXNG:
            fast = CACHE.simplified(ref.path)  # the same grammar, simplified: decides validity faster
            if fast is not None:
                if fast.validate(doc.tree):
                    return []
                # Explained with the grammar itself, on a fresh parse of the same bytes: libxml2's
                # validation leaves state in the tree it ran on (its table of IDs), which would
                # change what a second validation of that tree reports.
                doc = parse_bytes(doc.data, doc.path, doc.options)
            return relaxng_diagnostics(doc, CACHE.relaxng(ref.path), ref.path, layer or "relaxng", layer or "relaxng")
        return schematron_diagnostics(doc, CACHE.schematron(ref.path), layer or "schematron")
    except SchemaError as exc:
        return [_schema_problem(doc, ref, f"schema \"{ref.href}\" cannot be used: {exc}")]


def document_checks(doc: ParsedDocument) -> list[Diagnostic]:
    """Checks every command makes: the root is TEI; what parsing found (refused includes,
    included files that are not well-formed)."""
    return _root_check(doc) + list(doc.problems)


def _root_check(doc: ParsedDocument) -> list[Diagnostic]:
    root = doc.root
    if root.tag not in TEI_ROOTS:
        qname = etree.QName(root)
        where = f" in the namespace {qname.namespace}" if qname.namespace else " in no namespace"
        return [problem(doc.path, "document", "tei-root",
                        f"the root element is <{qname.localname}>{where}, not a TEI document (<TEI> or "
                        f"<teiCorpus> in the namespace {TEI_NS})", root.sourceline or 1, doc.element_column(root))]
    return []


def validate_document(doc: ParsedDocument, options: ValidationOptions | None = None) -> list[Diagnostic]:
    """All layers for one parsed document, in order."""
    options = options or ValidationOptions()
    diagnostics = document_checks(doc)
    if any(d.is_error for d in diagnostics) and not (options.schema or options.schematron):
        return diagnostics
    refs = _schema_refs(doc, options)
    for ref in refs:
        diagnostics.extend(_run_ref(doc, ref))
    tei_all = tei_all_for(doc, options, refs)
    if tei_all:
        diagnostics.extend(_run_ref(doc, command_line_ref(RELAXNG, tei_all), layer="tei-all"))
    elif not refs:
        message = NO_PROJECT_SCHEMA if options.project.is_own(doc.path) else NO_SCHEMA
        diagnostics.append(problem(doc.path, "schema", "no-schema", message, doc.root.sourceline or 1,
                                   doc.element_column(doc.root), WARNING))
    return diagnostics


def validate_file(path: str | Path, options: ValidationOptions | None = None) -> FileResult:
    """Parse and validate one file; the result keeps the parsed document when it parsed."""
    result = FileResult(str(path))
    project = (options or ValidationOptions()).project
    try:
        doc = parse_file(path, project.parse_options(path))
    except InputError as exc:
        result.diagnostics.extend(exc.diagnostics)
        return result
    result.document = doc
    result.diagnostics.extend(validate_document(doc, options))
    return result


def check_options(options: ValidationOptions) -> None:
    """Compile the command-line schemas up front, so a broken one is one clear error."""
    for kind, path in ((RELAXNG, options.schema), (SCHEMATRON, options.schematron), (RELAXNG, options.tei_all)):
        if path is not None:
            CACHE.get(kind, Path(path).resolve())


def validate_paths(paths: Iterable[str | Path], options: ValidationOptions | None = None,
                   progress: Callable[[str], None] | None = None) -> ValidationReport:
    """Validate files; return every diagnostic. Raises :class:`SchemaError` for a broken command-line schema."""
    options = options or ValidationOptions()
    check_options(options)
    report = ValidationReport(strict=options.strict)
    for path in paths:
        result = validate_file(path, options)
        result.document = None  # the report holds diagnostics, not trees
        report.files.append(result)
        if progress:
            progress(str(path))
    return report
