"""The one lxml entry point: a safe parser factory and the namespace map.

Every XML file the toolkit reads goes through :func:`parse_file` or
:func:`parse_bytes`. The parser never resolves entities, never loads a DTD,
never touches the network, and keeps libxml2's huge-tree limits on (so a
100,000-level nesting is refused instead of exhausting the stack). A document
that declares entities or names an external DTD is refused outright: this is how
external-entity and entity-expansion (billion laughs, quadratic blow-up) attacks
are stopped before any expansion happens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from toolkit.diagnostics import Diagnostic
from toolkit.errors import InputError, fail, problem

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
ENTITIES_REFUSED = ("entity declarations are refused: the toolkit never expands entities (external entities and "
                    "entity bombs are attacks); write the characters or text directly")
DTD_REFUSED = "the toolkit never loads DTDs or follows external references; remove the DOCTYPE"
EMPTY_FILE = "the file is empty or has no XML content: an XML document must start with a root element"

def make_parser() -> etree.XMLParser:
    """A new safe parser. lxml parsers are not thread-safe, so make one per use."""
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_comments=False,
        remove_pis=False,
        collect_ids=False,  # duplicate xml:ids are reported by the Schematron rule id-unique
    )


@dataclass
class ParsedDocument:
    """A parsed file with what diagnostics need: its path, bytes and source lines."""

    path: str
    tree: etree._ElementTree
    data: bytes
    _lines: list[str] | None = field(default=None, repr=False)

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

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
        text = self.line_text(element.sourceline or 0)
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


def _syntax_diagnostic(path: str, error: etree.XMLSyntaxError, parser: etree.XMLParser) -> Diagnostic:
    """The *first* error this parse reported (later ones are mostly consequences of it)."""
    errors = list(parser.error_log.filter_from_errors())
    entry = errors[0] if errors else error.error_log.last_error
    if entry is not None:
        line, column, message = entry.line, entry.column, entry.message
    else:
        line, column = getattr(error, "lineno", 1) or 1, 0
        message = str(error)
    return problem(path, "xml", "well-formed", _friendly_syntax(message or str(error)), max(line, 1), max(column, 1))


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
    if "amplification" in message or "Detected an entity reference loop" in message:
        return "entity expansion refused (possible entity bomb)"
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


def _check_prolog(text: str, path: str) -> None:
    """Refuse external DTDs and entity declarations before libxml2 sees them."""
    doctype = _DOCTYPE.search(text)
    if not doctype or _root_before(text, doctype.start()):
        return
    if doctype.group(2):
        line, column = _position(text, doctype.start())
        raise _fail(path, line, column, "no-external-dtd", f"external DTD refused: {DTD_REFUSED}")
    end = text.find("]>", doctype.end())
    subset = text[doctype.end(): end if end >= 0 else len(text)]
    entity = subset.find("<!ENTITY")
    if entity >= 0:
        line, column = _position(text, doctype.end() + entity)
        raise _fail(path, line, column, "no-entities", ENTITIES_REFUSED)


def _root_before(text: str, index: int) -> bool:
    """True when an element start tag comes before ``index`` (the DOCTYPE is then inside content)."""
    return re.search(r"<[A-Za-z_]", text[:index]) is not None


def parse_bytes(data: bytes, path: str) -> ParsedDocument:
    """Parse bytes safely, or raise :class:`InputError` with one diagnostic per problem."""
    if not data.strip():
        raise _fail(path, 1, 1, "well-formed", EMPTY_FILE)
    if b"\x00" in data[:4] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(path, 1, 1, "encoding", "UTF-16 or binary data without a byte order mark: save the file as UTF-8")
    text = _check_encoding(data, path)
    _check_prolog(text, path)
    parser = make_parser()
    try:
        root = etree.fromstring(data, parser, base_url=path)
    except etree.XMLSyntaxError as exc:
        raise InputError(str(exc), [_syntax_diagnostic(path, exc, parser)]) from None
    except ValueError as exc:  # e.g. a str with an encoding declaration
        raise _fail(path, 1, 1, "well-formed", str(exc)) from None
    tree = root.getroottree()
    _refuse_dtd(tree, data, path)
    return ParsedDocument(path=path, tree=tree, data=data)


def _refuse_dtd(tree: etree._ElementTree, data: bytes, path: str) -> None:
    """Refuse external DTDs and entity declarations; a bare ``<!DOCTYPE TEI>`` is fine."""
    docinfo = tree.docinfo
    line = _line_of(data, b"<!DOCTYPE")
    if docinfo.system_url or docinfo.public_id:
        where = docinfo.system_url or docinfo.public_id
        raise _fail(path, line, 1, "no-external-dtd", f"external DTD \"{where}\" refused: {DTD_REFUSED}")
    dtd = docinfo.internalDTD
    has_entities = dtd is not None and any(True for _ in dtd.iterentities())
    if has_entities:
        raise _fail(path, _line_of(data, b"<!ENTITY"), 1, "no-entities", ENTITIES_REFUSED)


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


def parse_file(path: str | Path) -> ParsedDocument:
    """Read and parse a file safely."""
    return parse_bytes(read_file(path), str(path))


def local_name(element: etree._Element) -> str:
    """An element's name without namespace, with a prefix for non-TEI namespaces."""
    if not isinstance(element.tag, str):
        return "#" + type(element).__name__
    qname = etree.QName(element)
    if qname.namespace in (TEI_NS, None):
        return qname.localname
    return f"{element.prefix}:{qname.localname}" if element.prefix else f"{{{qname.namespace}}}{qname.localname}"
