"""Validation in layers: well-formedness, RELAX NG, Schematron, optionally TEI conformance.

:func:`validate_paths` is the library entry point; it returns a
:class:`ValidationReport` of :class:`~toolkit.diagnostics.Diagnostic` records and
never prints or exits.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from lxml import etree

from toolkit.diagnostics import ERROR, WARNING, Diagnostic
from toolkit.errors import InputError, SchemaError, problem
from toolkit.project import Project
from toolkit.relaxng import relaxng_diagnostics
from toolkit.schema_locate import SchemaSources
from toolkit.schemas import (
    CACHE,
    RELAXNG,
    SCHEMATRON,
    SchemaRef,
    UnsupportedSchema,
    command_line_ref,
    declared_schemas,
)
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
    #: fetch remote schemas (``--fetch-schemas``; the ``fetch-schemas`` setting does it too)
    fetch_schemas: bool = False

    @property
    def sources(self) -> SchemaSources:
        """Where remote schemas come from: the XML catalogs (the ``catalog`` setting and
        ``XML_CATALOG_FILES``), and a fetch when asked for."""
        return SchemaSources.create(self.project.catalog, self.fetch_schemas or self.project.fetch_schemas)


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


def tei_all_for(doc: ParsedDocument, options: ValidationOptions, refs: list[SchemaRef],
                unloadable: list[SchemaRef] | None = None) -> Path | None:
    """The tei_all.rng to check a document against: --tei-all, else the one found (the
    ``tei-all`` setting, or the default place) for a document that names no schema, or whose
    grammars cannot be loaded (``refs``: the schemas that can be; ``unloadable``: those that cannot)."""
    if options.tei_all:
        return options.tei_all
    if not refs and not unloadable:
        return options.project.found_tei_all()
    lost = bool(unloadable) and not any(r.kind == RELAXNG for r in refs)
    return options.project.found_tei_all() if lost else None


NO_SCHEMA = ("no schema: the file names none (<?xml-model?>) and is not under the project's tei/ folder, and no "
             "tei_all.rng was given (--tei-all) or found; only well-formedness was checked")
NO_PROJECT_SCHEMA = ("no schema: the file names none (<?xml-model?>), the project has none (rng in tei.toml, or "
                     "schema/edition.rng), and no tei_all.rng was given (--tei-all) or found; only well-formedness "
                     "was checked")


def _schema_problem(doc: ParsedDocument, ref: SchemaRef, message: str, severity: str = ERROR) -> Diagnostic:
    return problem(doc.path, "schema", "xml-model", message, ref.line, ref.column, severity)


def _loadable(doc: ParsedDocument, refs: list[SchemaRef],
              options: ValidationOptions) -> tuple[list[SchemaRef], list[tuple[SchemaRef, str]]]:
    """The schemas that can be loaded (with their local files), and those that cannot, with why."""
    usable: list[SchemaRef] = []
    unloadable: list[tuple[SchemaRef, str]] = []
    sources = options.sources
    for ref in refs:
        found = sources.locate(ref)
        if found.path is None:
            unloadable.append((ref, found.reason or "it cannot be loaded"))
        else:
            usable.append(replace(ref, path=found.path))
    return usable, unloadable


def _project_fallback(doc: ParsedDocument, options: ValidationOptions, usable: list[SchemaRef],
                      unloadable: list[SchemaRef]) -> list[SchemaRef]:
    """The project's grammar (and rules) for one of its own documents whose grammars cannot be
    loaded; empty when it is another project's file, has a usable grammar, or the project has none."""
    if not unloadable or any(r.kind == RELAXNG for r in usable) or options.schema or options.schematron:
        return []
    schemas = options.project.schemas() if options.project.is_own(doc.path) else None
    if schemas is None:
        return []
    grammar, rules = schemas
    fallback = [command_line_ref(RELAXNG, grammar)]
    if rules.is_file() and not any(r.kind == SCHEMATRON for r in usable):
        fallback.append(command_line_ref(SCHEMATRON, rules))
    return fallback


def _unloadable_warning(doc: ParsedDocument, ref: SchemaRef, reason: str, tei_all: Path | None,
                        usable: list[SchemaRef], fallback: list[SchemaRef]) -> Diagnostic:
    """One warning per schema that cannot be loaded: why, and what was checked instead."""
    if any(r.kind == RELAXNG for r in usable):
        instead = "it is left out"
    elif fallback:
        instead = f"the file is checked against the project's schema ({fallback[0].href}) instead"
    elif tei_all is not None:
        instead = f"the file is checked against {tei_all.name} ({tei_all}) instead"
    elif usable:
        instead = "no tei_all.rng was given (--tei-all) or found, so only the other schemas were checked"
    else:
        instead = "no tei_all.rng was given (--tei-all) or found, so only well-formedness was checked"
    what = "Schematron rules" if ref.kind == SCHEMATRON else "schema"
    return _schema_problem(doc, ref, f"{what} \"{ref.href}\" cannot be loaded: {reason}; {instead}", WARNING)


def _run_ref(doc: ParsedDocument, ref: SchemaRef, layer: str | None = None) -> list[Diagnostic]:
    assert ref.path is not None  # located by _loadable, or given on the command line
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
    except UnsupportedSchema as exc:
        return [_schema_problem(doc, ref, f"Schematron rules \"{ref.href}\" are left out: {exc}", WARNING)]
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
    refs, unloadable = _loadable(doc, _schema_refs(doc, options), options)
    lost = [ref for ref, _ in unloadable]
    fallback = _project_fallback(doc, options, refs, lost)
    tei_all = tei_all_for(doc, options, refs + fallback, lost)
    for ref, reason in unloadable:
        diagnostics.append(_unloadable_warning(doc, ref, reason, tei_all, refs, fallback))
    refs += fallback
    for ref in refs:
        diagnostics.extend(_run_ref(doc, ref))
    if unloadable and not refs and tei_all is None:
        return diagnostics  # each warning says that only well-formedness was checked
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
