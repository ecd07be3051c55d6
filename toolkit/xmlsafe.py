"""The one lxml entry point: a safe parser factory and the namespace map.

Every XML file the toolkit reads goes through :func:`parse_file` or
:func:`parse_bytes`. The parser never touches the network, never loads an external DTD,
and keeps libxml2's huge-tree limits on (so a 100,000-level nesting is refused instead of
exhausting the stack).

* Entities declared in the internal subset are expanded under libxml2's own limits on
  entity amplification (``huge_tree`` stays off): billion laughs and quadratic blow-up are
  refused with one diagnostic, within milliseconds.
* An external entity (a general or parameter entity with a SYSTEM or PUBLIC identifier,
  such as Menota's MUFI entity set) is read only when an XML catalog maps it to a local
  file (the ``catalog`` setting, ``XML_CATALOG_FILES``: :mod:`toolkit.catalog`); an unmapped
  one is refused before anything is read, and nothing is ever fetched.
* XInclude is expanded for files inside the document's include root (:mod:`toolkit.xinclude`),
  each included file parsed by this same parser.

What a parse depends on besides the document's bytes (its ``ParseOptions``: include root
and catalogs) is given by the caller; there is no process-wide setting.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from toolkit.catalog import Catalog, catalog_files
from toolkit.diagnostics import Diagnostic
from toolkit.errors import InputError, fail, problem
from toolkit.xinclude import Budget, Inclusion, expand, has_includes

TEI_NS = "http://www.tei-c.org/ns/1.0"
#: the toolkit's own namespace (partial indexes, the guide's data, XSLT extension functions)
ED_NS = "urn:x-tei-edition-toolkit"
NS = {
    "tei": TEI_NS,
    "xml": "http://www.w3.org/XML/1998/namespace",
    "rng": "http://relaxng.org/ns/structure/1.0",
    "sch": "http://purl.oclc.org/dsdl/schematron",
    "svrl": "http://purl.oclc.org/dsdl/svrl",
    "xsl": "http://www.w3.org/1999/XSL/Transform",
    "h": "http://www.w3.org/1999/xhtml",
}

#: Refusals, said the same way wherever they are detected.
DTD_REFUSED = "the toolkit never loads external DTDs; remove the DOCTYPE's identifier (keep <!DOCTYPE TEI [...]>)"
EMPTY_FILE = "the file is empty or has no XML content: an XML document must start with a root element"
_UNMAPPED_WHY = ("is refused: the toolkit reads an external entity only when an XML catalog maps it to a local file "
                 "(the catalog setting in tei.toml, or XML_CATALOG_FILES) and never fetches it; add it to a catalog, "
                 "or write the characters directly")
ENTITY_UNMAPPED = "the external {what} \"{name}\" ({where}) " + _UNMAPPED_WHY
ENTITY_BOMB = ("entity expansion refused: expanding {name} exceeds libxml2's limit on entity amplification "
               "(an entity bomb such as billion laughs or quadratic blow-up)")


@dataclass(frozen=True)
class ParseOptions:
    """What a parse may read besides the document: the folder tree XInclude may include from
    (None: the document's own folder) and the OASIS XML catalog of the ``catalog`` setting
    (``XML_CATALOG_FILES`` adds its catalogs at parse time)."""

    include_root: str | None = None
    catalog: str | None = None


class _Entities(etree.Resolver):
    """Answers external entities from the files a catalog maps them to, and nothing else."""

    def __init__(self, mapped: Mapping[str, Path], read: list[str]):
        super().__init__()
        self.mapped, self.read = mapped, read

    def resolve(self, system_url, public_id, context):
        path = self.mapped.get(system_url or "") or self.mapped.get(public_id or "")
        if path is None:
            raise InputError(f"an external entity declared through a parameter entity ({system_url or public_id}) "
                             + _UNMAPPED_WHY)
        self.read.append(str(path))
        return self.resolve_filename(str(path), context)


def make_parser(entities: Mapping[str, Path] | None = None, read: list[str] | None = None,
                subset: bool = False) -> etree.XMLParser:
    """A new safe parser. lxml parsers are not thread-safe, so make one per use.

    Without ``entities`` it expands nothing (no DTD, no entity; an entity declaration is then
    an error in the document). With a mapping (empty: internal entities only), it expands
    the internal subset's entities under libxml2's amplification limits, and the external
    entities that the mapping (identifier -> local file, from a catalog) names, noting each
    file read in ``read``. ``subset``: the internal subset uses parameter entities, which
    libxml2 expands only while it loads the DTD; every external entity then goes through the
    mapping, and one it does not name is refused (never read)."""
    external = bool(entities) or (entities is not None and subset)
    parser = etree.XMLParser(
        resolve_entities=(True if external else "internal") if entities is not None else False,
        load_dtd=external,  # the external parameter entities of the internal subset; never an external DTD
        dtd_validation=False,
        attribute_defaults=False,
        no_network=True,
        huge_tree=False,
        remove_comments=False,
        remove_pis=False,
        collect_ids=False,  # duplicate xml:ids are reported by the Schematron rule id-unique
    )
    if external:
        parser.resolvers.add(_Entities(entities or {}, read if read is not None else []))
    return parser


@dataclass
class ParsedDocument:
    """A parsed file with what diagnostics need: its path, bytes and source lines."""

    path: str
    tree: etree._ElementTree
    data: bytes
    _lines: list[str] | None = field(default=None, repr=False)
    #: what parsing found that does not stop it (refused includes), and included files' errors
    problems: list[Diagnostic] = field(default_factory=list)
    #: the elements XInclude put in the tree, each with the document it came from
    inclusions: list[Inclusion] = field(default_factory=list, repr=False)
    #: the files read or looked for besides the document (included files, entity sets)
    dependencies: tuple[str, ...] = ()
    #: the files XInclude put in it (at any depth), as paths beside this document's path
    included: tuple[str, ...] = ()
    #: the options it was parsed with (to parse the same bytes again the same way)
    options: ParseOptions = field(default_factory=lambda: ParseOptions())
    _origins: dict[int, ParsedDocument] | None = field(default=None, repr=False)

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    def origin(self, element: etree._Element) -> ParsedDocument:
        """The document an element was written in: an included file's, or this one."""
        if not self.inclusions:
            return self
        # the inclusions hold their elements, so each keeps its one proxy (and its id)
        if self._origins is None:
            self._origins = {id(i.element): i.document for i in self.inclusions}
        included = self._origins
        for node in (element, *element.iterancestors()):
            if id(node) in included:
                return included[id(node)].origin(element)
        return self

    def standalone(self) -> bytes:
        """The document as one file: its bytes when it read nothing else, else the parsed tree
        (includes and external entities expanded, no DOCTYPE) with what surrounds the root."""
        if not self.dependencies:
            return self.data
        root = self.root
        before = list(reversed(list(root.itersiblings(preceding=True))))
        parts = [etree.tostring(node, encoding="unicode") for node in (*before, root)]
        parts += [etree.tostring(node, encoding="unicode") for node in root.itersiblings()]
        return ('<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join(p.strip("\n") for p in parts) + "\n").encode()

    def path_of(self, element: etree._Element) -> str:
        """The file an element was written in (for a diagnostic's position)."""
        return self.origin(element).path

    def line_text(self, line: int) -> str:
        """The text of a 1-based source line ('' when unknown)."""
        if self._lines is None:
            encoding = self.tree.docinfo.encoding or "utf-8"
            try:
                text = self.data.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                text = self.data.decode("utf-8", errors="replace")
            self._lines = text.lstrip("\ufeff").splitlines()
        if 1 <= line <= len(self._lines):
            return self._lines[line - 1]
        return ""

    def element_column(self, element: etree._Element) -> int:
        """Recover the 1-based column of an element's start tag.

        libxml2 gives elements a line but no column. On that line, the element is
        the n-th start tag with its name, n counted over the elements with the
        same name that start on the same line before it in document order.
        """
        origin = self.origin(element)
        if origin is not self:
            return origin.element_column(element)
        line = element.sourceline or 0
        text = self.line_text(line)
        if not text or not isinstance(element.tag, str):
            return 1
        qname = etree.QName(element)
        prefix = element.prefix
        name = f"{prefix}:{qname.localname}" if prefix else qname.localname
        nth = sum(1 for other in _preceding_on_line(element, line) if other.tag == element.tag)
        matches = [m.start() for m in re.finditer(r"<" + re.escape(name) + r"(?=[\s/>]|$)", text)]
        if nth < len(matches):
            return matches[nth] + 1
        return 1

    def attribute_column(self, element: etree._Element, attribute: str) -> int:
        """The 1-based column of an attribute of an element, if it is on the same line."""
        start = self.element_column(element)
        text = self.origin(element).line_text(element.sourceline or 0)
        match = re.compile(r"\s" + re.escape(attribute) + r"\s*=").search(text, max(start - 1, 0))
        return match.start() + 2 if match else start


def _preceding_on_line(element: etree._Element, line: int):
    """The nodes before ``element`` in document order (ancestors included) that start on ``line``,
    walking backwards and stopping at the first that starts on an earlier line: a column costs
    what its own line holds, not a scan from the start of the document (which made files with
    thousands of diagnostics quadratic)."""
    node = element
    while True:
        previous = node.getprevious()
        if previous is not None:
            while len(previous):  # the last descendant of the previous sibling comes just before
                previous = previous[-1]
            node = previous
        else:
            parent = node.getparent()
            if parent is None:
                return
            node = parent
        if (node.sourceline or 0) < line:
            return
        yield node


def _syntax_diagnostic(path: str, error: etree.XMLSyntaxError, parser: etree.XMLParser, text: str = "",
                       prolog: _Prolog | None = None) -> Diagnostic:
    """The *first* error this parse reported (later ones are mostly consequences of it)."""
    errors = list(parser.error_log.filter_from_errors())
    entry = errors[0] if errors else error.error_log.last_error
    if entry is not None:
        line, column, message = entry.line, entry.column, entry.message
    else:
        line, column = getattr(error, "lineno", 1) or 1, 0
        message = str(error)
    if prolog is not None and _is_bomb(message or str(error)):
        # libxml2 reports the position inside the entity's text: say which reference blew up
        reference = re.compile(r"&(" + "|".join(re.escape(n) for n in prolog.names) + r");").search(text, prolog.end)
        name = f"&{reference.group(1)};" if reference else "an entity"
        line, column = _position(text, reference.start()) if reference else _position(text, prolog.end)
        return problem(path, "xml", "entity-bomb", ENTITY_BOMB.format(name=name), line, column)
    return problem(path, "xml", "well-formed", _friendly_syntax(message or str(error)), max(line, 1), max(column, 1))


def _is_bomb(message: str) -> bool:
    return "amplification" in message or "entity reference loop" in message.lower()


def _friendly_syntax(message: str) -> str:
    message = message.strip()
    if "Document is empty" in message:
        return EMPTY_FILE
    if "Start tag expected" in message:
        return "not an XML document: no start tag found (is this a binary or non-XML file?)"
    if "Excessive depth" in message or "XML_PARSE_HUGE" in message:
        depth = re.search(r"depth in document: (\d+)", message)
        limit = f" (more than {depth.group(1)} levels)" if depth else ""
        return f"the document nests elements too deeply to be processed safely{limit}; it is refused"
    if "not proper UTF-8" in message or "encoding" in message.lower():
        return f"the bytes do not match the declared encoding: {message}"
    if _is_bomb(message):
        return ENTITY_BOMB.format(name="an entity")
    return f"not well-formed XML: {message}"


_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._\-]+)["']""")
_DOCTYPE = re.compile(r"<!DOCTYPE\s+[^\s\[>]+(\s+(SYSTEM|PUBLIC)\b)?", re.S)


def _fail(path: str, line: int, column: int, rule: str, message: str) -> InputError:
    return fail(InputError, path, "xml", rule, message, line, column)


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _check_encoding(data: bytes, path: str) -> str:
    """Decode the bytes as declared; a mismatch is one clear diagnostic with its position."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        declared = "utf-16"
    elif data.startswith(b"\xef\xbb\xbf"):
        declared = "utf-8"
    else:
        match = _DECLARED.match(data)
        declared = match.group(1).decode("ascii").lower() if match else "utf-8"
    try:
        return data.decode(declared)
    except LookupError:
        raise _fail(path, 1, 1, "encoding", f"unknown encoding \"{declared}\" in the XML declaration") from None
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode(declared, errors="replace") if not declared.startswith("utf-16") else ""
        line, column = _position(good, len(good)) if good else (1, 1)
        byte = data[exc.start : exc.start + 1].hex().upper()
        hint = (" (was the file saved in another encoding, such as Latin-1 or Windows-1252?)"
                if declared.startswith("utf-8") else "")
        raise _fail(path, line, column, "encoding", f"the bytes do not match the declared encoding "
                                                    f"{declared.upper()}: byte 0x{byte} is not valid{hint}") from None


_QUOTED = r"""("[^"]*"|'[^']*')"""
_ENTITY_DECL = re.compile(r"<!ENTITY\s+(%\s+)?([^\s%;\"'>]+)\s+(?:SYSTEM\s+" + _QUOTED + r"|PUBLIC\s+" + _QUOTED
                          + r"\s+" + _QUOTED + r"|" + _QUOTED + r")")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass(frozen=True)
class _Prolog:
    """The internal subset's entity declarations: their names, and the external ones' files."""

    names: tuple[str, ...] = ()
    #: identifier (system, and public when given) -> the local file a catalog maps it to
    mapped: dict[str, Path] = field(default_factory=dict)
    #: where the subset ends (references after it are in the document)
    end: int = 0
    #: whether it declares parameter entities
    parameters: bool = False


def _check_prolog(text: str, path: str, setting: str | None) -> _Prolog | None:
    """Refuse an external DTD, and external entities no catalog maps, before libxml2 sees them;
    None when the document declares no entity."""
    doctype = _DOCTYPE.search(text)
    if not doctype or _root_before(text, doctype.start()):
        return None
    if doctype.group(2):
        line, column = _position(text, doctype.start())
        raise _fail(path, line, column, "no-external-dtd", f"external DTD refused: {DTD_REFUSED}")
    end = text.find("]>", doctype.end())
    end = end if end >= 0 else len(text)
    subset = _COMMENT.sub(lambda m: " " * len(m.group()), text[doctype.end(): end])
    declarations = list(_ENTITY_DECL.finditer(subset))
    if not declarations and "<!ENTITY" not in subset:
        return None
    mapped: dict[str, Path] = {}
    catalog: Catalog | None = None
    for declaration in declarations:
        system, public = declaration.group(3) or declaration.group(5), declaration.group(4)
        if system is None:
            continue
        system, public = system[1:-1], public[1:-1] if public else None
        catalog = catalog or Catalog(catalog_files(setting))
        local = catalog.resolve(system)
        if local is None or not local.is_file():
            line, column = _position(text, doctype.end() + declaration.start())
            what = "parameter entity" if declaration.group(1) else "entity"
            name = ("%" if declaration.group(1) else "") + declaration.group(2)
            unmapped = ENTITY_UNMAPPED.format(what=what, name=name, where=system)
            if local is not None:
                unmapped += f" (the catalog maps it to {local}, which is not there)"
            raise _fail(path, line, column, "external-entity", unmapped)
        mapped[system] = local
        if public:
            mapped[public] = local
    return _Prolog(tuple(d.group(2) for d in declarations), mapped, end, any(d.group(1) for d in declarations))


def _root_before(text: str, index: int) -> bool:
    """True when an element start tag comes before ``index`` (the DOCTYPE is then inside content)."""
    return re.search(r"<[A-Za-z_]", text[:index]) is not None


def parse_bytes(data: bytes, path: str, options: ParseOptions | None = None,
                _chain: tuple[str, ...] = (), _budget: Budget | None = None) -> ParsedDocument:
    """Parse bytes safely, or raise :class:`InputError` with one diagnostic per problem;
    expand its entities and its includes as :class:`ParseOptions` allow (the module's text)."""
    options = options or ParseOptions()
    if not data.strip():
        raise _fail(path, 1, 1, "well-formed", EMPTY_FILE)
    if b"\x00" in data[:4] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(path, 1, 1, "encoding", "UTF-16 or binary data without a byte order mark: save the file as UTF-8")
    text = _check_encoding(data, path)
    prolog = _check_prolog(text, path, options.catalog)
    read: list[str] = []
    parser = make_parser(prolog.mapped if prolog else None, read, prolog is not None and prolog.parameters)
    try:
        root = etree.fromstring(data, parser, base_url=path)
    except etree.XMLSyntaxError as exc:
        raise InputError(str(exc), [_syntax_diagnostic(path, exc, parser, text, prolog)]) from None
    except ValueError as exc:  # e.g. a str with an encoding declaration
        raise _fail(path, 1, 1, "well-formed", str(exc)) from None
    except InputError as exc:  # the resolver refused an entity the prolog check did not see
        line, column = _position(text, text.find("<!ENTITY"))
        raise _fail(path, line, column, "external-entity", str(exc)) from None
    tree = root.getroottree()
    _refuse_dtd(tree, data, path)
    doc = ParsedDocument(path=path, tree=tree, data=data, dependencies=tuple(dict.fromkeys(read)), options=options)
    if has_includes(data):
        _expand_includes(doc, options, _chain, _budget or Budget())
    return doc


def _expand_includes(doc: ParsedDocument, options: ParseOptions, chain: tuple[str, ...], budget: Budget) -> None:
    """Replace the document's ``xi:include`` elements (see :mod:`toolkit.xinclude`)."""
    within = Path(options.include_root or Path(doc.path).parent).resolve()
    top = chain + (str(Path(doc.path).resolve()),)

    def parse(included: str) -> ParsedDocument:
        return parse_bytes(read_file(included), included, options, top, budget)

    found = expand(doc.root, doc.path, within, chain, parse, doc.element_column, budget)
    doc.problems.extend(found.problems)
    doc.inclusions.extend(found.inclusions)
    doc._origins = None  # made again from all the inclusions when next asked
    doc.included = tuple(dict.fromkeys((*doc.included, *found.included)))
    doc.dependencies = tuple(dict.fromkeys((*doc.dependencies, *found.dependencies)))


def _refuse_dtd(tree: etree._ElementTree, data: bytes, path: str) -> None:
    """Refuse an external DTD (a bare ``<!DOCTYPE TEI>``, or one with an internal subset, is fine)."""
    docinfo = tree.docinfo
    line = _line_of(data, b"<!DOCTYPE")
    if docinfo.system_url or docinfo.public_id:
        where = docinfo.system_url or docinfo.public_id
        raise _fail(path, line, 1, "no-external-dtd", f"external DTD \"{where}\" refused: {DTD_REFUSED}")


def _line_of(data: bytes, needle: bytes) -> int:
    index = data.find(needle)
    return data.count(b"\n", 0, index) + 1 if index >= 0 else 1


def read_file(path: str | Path) -> bytes:
    """Read a file's bytes, turning OS errors into :class:`InputError`."""
    name = str(path)
    try:
        return Path(path).read_bytes()
    except IsADirectoryError:
        reason = "is a directory, not a file"
    except PermissionError:
        reason = "cannot be read: permission denied"
    except FileNotFoundError:
        reason = "does not exist"
    except OSError as exc:
        reason = f"cannot be read: {exc.strerror or exc}"
    raise fail(InputError, name, "io", "readable", f"the file {reason}")


def parse_file(path: str | Path, options: ParseOptions | None = None) -> ParsedDocument:
    """Read and parse a file safely (see :func:`parse_bytes`)."""
    return parse_bytes(read_file(path), str(path), options)


def local_name(element: etree._Element) -> str:
    """An element's name without namespace, with a prefix for non-TEI namespaces."""
    if not isinstance(element.tag, str):
        return "#" + type(element).__name__
    qname = etree.QName(element)
    if qname.namespace in (TEI_NS, None):
        return qname.localname
    return f"{element.prefix}:{qname.localname}" if element.prefix else f"{{{qname.namespace}}}{qname.localname}"
