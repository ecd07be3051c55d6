"""Schema discovery (``<?xml-model?>``) and a process-wide cache of compiled schemas.

Discovery follows Oxygen: each ``xml-model`` processing instruction before the root
names a schema, resolved relative to the document. ``schematypens`` tells RELAX NG
from Schematron (and ``type`` or the ending a compact-syntax ``.rnc`` grammar, which is
converted with rnc2rng). A remote ``href`` is located by :mod:`toolkit.schema_locate`
(an XML catalog, or a fetch on request); a schema of another kind (W3C XML Schema, a DTD)
is named as unsupported.

Compiled schemas are cached for the life of the process, keyed by resolved path,
size and modification time, so ``tei_all.rng`` (several seconds to compile) is
compiled once even across a thousand files.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree, isoschematron

from toolkit.digest import file_digest
from toolkit.errors import SchemaError, fail
from toolkit.jing import cached_simplified
from toolkit.rnc import rnc_to_rng
from toolkit.schematron import Rules
from toolkit.xmlsafe import ParsedDocument, parse_bytes, parse_file

RELAXNG_NS = "http://relaxng.org/ns/structure/1.0"
SCHEMATRON_NS = "http://purl.oclc.org/dsdl/schematron"
RELAXNG = "relaxng"
SCHEMATRON = "schematron"
_RNG_NS = "http://relaxng.org/ns/structure/1.0"
_SCH_NS = "http://purl.oclc.org/dsdl/schematron"
#: each kind's namespace, its name, and what to do when a file is not one
_EXPECTED = {
    RELAXNG: (_RNG_NS, "a RELAX NG grammar", "give a RELAX NG grammar in XML syntax (.rng; convert a .rnc with trang)"),
    SCHEMATRON: (_SCH_NS, "an ISO Schematron schema", "give an ISO Schematron schema (.sch)"),
}
_SOURCE_DIGEST = re.compile(rb"source-sha256: ([0-9a-f]{64})")


class UnsupportedSchema(SchemaError):
    """A schema that is there but that the toolkit cannot check (a warning, not an error)."""


@dataclass(frozen=True)
class SchemaRef:
    """A schema named by an ``xml-model`` instruction (or given on the command line)."""

    kind: str  # RELAXNG or SCHEMATRON
    href: str  # as written
    path: Path | None  # resolved local path; None when remote
    line: int  # line of the instruction (1 for command-line schemas)
    column: int = 1
    #: why the toolkit cannot use this kind of schema (None: RELAX NG or Schematron)
    unsupported: str | None = None

    @property
    def remote(self) -> bool:
        return self.path is None


RNC_TYPE = "application/relax-ng-compact-syntax"
XSD_NS = "http://www.w3.org/2001/XMLSchema"
#: schema languages the toolkit does not check, by schematypens or ending
_UNSUPPORTED = {XSD_NS: "W3C XML Schema", "http://www.ascc.net/xml/schematron": "Schematron 1.5 (not ISO)",
                "http://www.w3.org/XML/1998/namespace/DTD": "a DTD", "http://www.oasis-open.org/committees/relax-ng/"
                "structure/0.9": "RELAX NG 0.9", ".xsd": "W3C XML Schema", ".dtd": "a DTD", ".nvdl": "NVDL"}


def _kind(pi: etree._ProcessingInstruction) -> str | None:
    """RELAX NG, Schematron, or None when the instruction does not say (or says another language)."""
    typens = (pi.get("schematypens") or "").strip()
    href = (pi.get("href") or "").lower().split("#")[0]
    if typens == SCHEMATRON_NS:
        return SCHEMATRON
    if typens == RELAXNG_NS or (not typens and href.endswith((".rng", ".rnc"))):
        return RELAXNG
    if not typens and (pi.get("type") or "").strip() == RNC_TYPE:
        return RELAXNG
    if not typens and href.endswith(".sch"):
        return SCHEMATRON
    return None


def _unsupported(pi: etree._ProcessingInstruction) -> str | None:
    """What an instruction that names no RELAX NG or Schematron names instead (None: nothing known)."""
    typens = (pi.get("schematypens") or "").strip()
    ending = Path((pi.get("href") or "").split("#")[0]).suffix.lower()
    language = _UNSUPPORTED.get(typens) or (_UNSUPPORTED.get(ending) if not typens else None)
    if language is None and typens:
        language = f"a schema language the toolkit does not know (schematypens=\"{typens}\")"
    return f"it is {language}; the toolkit checks RELAX NG and ISO Schematron" if language else None


def resolve_href(href: str, base: Path) -> Path | None:
    """Resolve an ``href`` against a document's folder; None for a remote URL."""
    parsed = urlparse(href)
    if parsed.scheme == "file":
        return Path(unquote(parsed.path))
    if parsed.scheme and len(parsed.scheme) > 1:  # http:, https:, ftp: (a 1-letter scheme is a drive)
        return None
    return (base / unquote(href)).resolve()


_COMMENT = re.compile(r"<!--.*?-->", re.S)
_PI_START = re.compile(r"<\?xml-model(?=\s|\?>)")
_ROOT_START = re.compile(r"<[^\W\d]")


def prolog_positions(text: str) -> list[tuple[int, int]]:
    """(line, column) of each ``<?xml-model`` instruction before the root element, in order
    (libxml2 gives a processing instruction the line where it ends, not where it starts)."""
    masked = _COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)
    root = _ROOT_START.search(masked)
    end = root.start() if root else len(masked)
    positions = []
    for match in _PI_START.finditer(masked, 0, end):
        line = masked.count("\n", 0, match.start()) + 1
        positions.append((line, match.start() - (masked.rfind("\n", 0, match.start()) + 1) + 1))
    return positions


def _text(data: bytes, encoding: str | None) -> str:
    try:
        return data.decode(encoding or "utf-8").lstrip("\ufeff")
    except (LookupError, UnicodeDecodeError):
        return data.decode("utf-8", errors="replace").lstrip("\ufeff")


def _refs(instructions: Iterable[etree._ProcessingInstruction], base: Path,
          positions: list[tuple[int, int]] | None = None) -> list[SchemaRef]:
    refs: list[SchemaRef] = []
    instructions = list(instructions)
    if positions is None or len(positions) != len(instructions):
        positions = [(pi.sourceline or 1, 1) for pi in instructions]
    for pi, (line, column) in zip(instructions, positions, strict=True):
        kind, href = _kind(pi), pi.get("href")
        if not href:
            continue
        if kind is None:
            unsupported = _unsupported(pi)
            if unsupported:
                refs.append(SchemaRef(RELAXNG, href, resolve_href(href, base), line, column, unsupported))
            continue
        refs.append(SchemaRef(kind, href, resolve_href(href, base), line, column))
    return refs


def declared_schemas(doc: ParsedDocument) -> list[SchemaRef]:
    """The schemas a document's ``xml-model`` instructions name, in document order."""
    instructions = [
        node for node in doc.root.itersiblings(preceding=True)
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model"
    ]
    positions = prolog_positions(_text(doc.data, doc.tree.docinfo.encoding))
    return _refs(reversed(instructions), Path(doc.path).resolve().parent, positions)


def declared_in_prolog(data: bytes, path: Path) -> list[SchemaRef] | None:
    """The ``xml-model`` schemas of a document's prolog, read without parsing the rest.

    None when the prolog cannot be read (the document is then not well-formed, and
    the full parse reports why). Same safe settings as the one parser.
    """
    instructions: list[etree._ProcessingInstruction] = []
    try:
        events = etree.iterparse(io.BytesIO(data), events=("pi", "start"), resolve_entities=False,
                                 load_dtd=False, no_network=True)
        for event, node in events:
            if event == "start":
                break
            if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model":
                instructions.append(node)
    except etree.XMLSyntaxError:
        return None
    return _refs(instructions, path.resolve().parent)  # positions matter only to diagnostics


def command_line_ref(kind: str, path: str | Path) -> SchemaRef:
    """A schema given with ``--schema`` / ``--schematron`` / ``--tei-all``."""
    return SchemaRef(kind, str(path), Path(path).resolve(), 1)


def _schema_error(path: Path, message: str) -> SchemaError:
    return fail(SchemaError, path, "schema", "schema", message)


class SchemaCache:
    """Compiled RELAX NG and Schematron schemas, compiled once per process."""

    def __init__(self) -> None:
        self._compiled: dict[tuple, object] = {}
        self._lock = threading.Lock()

    def _key(self, kind: str, path: Path) -> tuple:
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            raise _schema_error(path, "schema not found") from None
        except OSError as exc:
            raise _schema_error(path, f"cannot read schema: {exc.strerror or exc}") from None
        return (kind, str(path), stat.st_size, stat.st_mtime_ns)

    def get(self, kind: str, path: Path):
        key = self._key(kind, path)
        with self._lock:
            compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compile(kind, path)
            with self._lock:
                self._compiled[key] = compiled
        return compiled

    def relaxng(self, path: Path) -> etree.RelaxNG:
        return self.get(RELAXNG, path)

    def simplified(self, path: Path) -> etree.RelaxNG | None:
        """The simplified form of the grammar ``path`` (``NAME.simplified.rng`` beside it, which
        ``tei schema`` writes with jing, when it was made from exactly these bytes; else the
        user's cached one, made once per machine with jing: :mod:`toolkit.jing`); else None.
        libxml2 validates it about three times faster than TEI's compiled grammar."""
        beside = path.with_name(path.stem + ".simplified.rng")
        try:
            key = ("simplified", *self._key(RELAXNG, path)[1:],
                   *(self._key(RELAXNG, beside)[2:] if beside.exists() else ()))
        except SchemaError:
            return None
        with self._lock:
            if key in self._compiled:
                return self._compiled[key]  # type: ignore[return-value]
        compiled = None
        try:
            with open(beside, "rb") as handle:
                head = handle.read(2048)
            found = _SOURCE_DIGEST.search(head)
            if found and found.group(1).decode() == file_digest(path):
                compiled = self._compile(RELAXNG, beside)
        except (OSError, SchemaError):
            compiled = None  # the grammar itself is used: slower, never wrong
        if compiled is None:  # a grammar without one beside it (tei_all.rng): the user's cache
            cached = cached_simplified(path)
            with contextlib.suppress(SchemaError):
                compiled = self._compile(RELAXNG, cached) if cached is not None else None
        with self._lock:
            self._compiled[key] = compiled
        return compiled

    def schematron(self, path: Path) -> Rules:
        return self.get(SCHEMATRON, path)

    @staticmethod
    def _compile(kind: str, path: Path):
        try:
            if kind == RELAXNG and path.suffix.lower() == ".rnc":
                tree = parse_bytes(rnc_to_rng(path), str(path)).tree
            else:
                tree = parse_file(path).tree
        except SchemaError:
            raise
        except Exception as exc:  # InputError carries the diagnostic text
            raise _schema_error(path, f"cannot parse schema: {exc}") from None
        root = tree.getroot()
        namespace, what, hint = _EXPECTED[kind]
        embedded = kind == SCHEMATRON and etree.QName(root).namespace == _RNG_NS  # rules inside a grammar
        if etree.QName(root).namespace != namespace and not embedded:
            found = etree.QName(root)
            where = f"the namespace {found.namespace}" if found.namespace else "no namespace"
            raise _schema_error(path, f"{path.name} is not {what}: its root is <{found.localname}> in {where}; {hint}")
        try:
            if kind == RELAXNG:
                return etree.RelaxNG(tree)
            # No svrl:fired-rule elements: the diagnostics read only failed asserts and successful
            # reports, and a fired-rule for every element and rule was 13% of the validation time.
            compiled = isoschematron.Schematron(tree, store_xslt=True,
                                                compile_params={"generate-fired-rule": "'false'"})
            assert compiled.validator_xslt is not None  # store_xslt=True
            return Rules(compiled.validator_xslt)
        except (etree.RelaxNGParseError, etree.SchematronParseError, etree.XSLTParseError, etree.XSLTApplyError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            if embedded:  # TEI's grammars embed XPath 2.0 rules, which lxml's XSLT 1.0 cannot compile
                raise fail(UnsupportedSchema, path, "schema", "schema",
                           f"the Schematron rules embedded in the grammar {path.name} cannot be compiled "
                           f"(lxml runs XSLT 1.0 and XPath 1.0 rules only): {first}") from None
            raise _schema_error(path, f"cannot compile {kind} schema: {first}") from None


#: The process-wide cache every validation uses.
CACHE = SchemaCache()
