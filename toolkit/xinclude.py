"""XInclude, expanded safely: only files inside one folder tree, never the network.

A document's ``xi:include`` elements are replaced by what they point at when that is a file
under the *include root*: the project's source folder (``tei/``) for the project's own
documents, else the including document's own folder. Each included file is parsed by the
same safe parser as any document (:func:`toolkit.xmlsafe.parse_bytes`: its entities, its own
includes, recursively), so an included file is held to the same rules as the document.

Supported: ``parse="xml"`` (the default: the included file's root element) and
``parse="text"`` (with ``encoding``); ``xpointer`` as a bare ``xml:id``, ``element(ID)`` or
``xpointer(id('ID'))``; ``xi:fallback``, used when the resource is refused or missing.

An include that points outside the include root, to the network or to a file that is not
there, that includes itself, nests too deeply or asks for an XPointer that is not supported
is *refused*: one warning names it and why, and the ``xi:include`` element stays where it is
(or its ``xi:fallback`` takes its place), so a schema that does not allow it says so. An
included file that is not well-formed is an error at its own position.

Each included element remembers the document it came from (:class:`Inclusion`), so a
diagnostic about included content points at the included file and its line. The files read
or looked for are the document's *dependencies*: they are part of its build-cache key.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from lxml import etree

from toolkit.diagnostics import WARNING, Diagnostic
from toolkit.errors import InputError, problem

__all__ = ["INCLUDE", "XI_NS", "Budget", "Expansion", "Inclusion", "expand", "has_includes"]

XI_NS = "http://www.w3.org/2001/XInclude"
INCLUDE = f"{{{XI_NS}}}include"
FALLBACK = f"{{{XI_NS}}}fallback"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: includes inside includes, at most
MAX_DEPTH = 16
#: included files (each inclusion counts) and their bytes for one document, at most: an
#: include bomb (a file included ten times by a file included ten times...) is refused
MAX_FILES = 5_000
MAX_BYTES = 256 * 1024 * 1024
_ID_POINTER = re.compile(r"^(?:([A-Za-z_][\w.\-]*)|element\(([A-Za-z_][\w.\-]*)\)|xpointer\(id\('([^']+)'\)\))$")


def has_includes(data: bytes) -> bool:
    """Can this document hold an ``xi:include`` at all (is the XInclude namespace named, in
    UTF-8 or an ASCII-compatible encoding, or in UTF-16)?"""
    return any(XI_NS.encode(encoding) in data for encoding in ("ascii", "utf-16-le", "utf-16-be"))


@dataclass
class Inclusion:
    """An element put in place of an ``xi:include``, and the parsed document it came from."""

    element: etree._Element
    document: Any  # toolkit.xmlsafe.ParsedDocument (not imported: xmlsafe imports this module)


@dataclass
class Budget:
    """What the expansion of one top-level document may still read."""

    files: int = MAX_FILES
    bytes: int = MAX_BYTES

    def spend(self, size: int) -> bool:
        self.files -= 1
        self.bytes -= size
        return self.files >= 0 and self.bytes >= 0


@dataclass
class Expansion:
    inclusions: list[Inclusion] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)
    #: every file read or looked for (absolute paths), in the order met
    dependencies: list[str] = field(default_factory=list)
    #: the files included (at any depth), as shown (beside the including file's path as given)
    included: list[str] = field(default_factory=list)


class _Refused(Exception):
    """An include that is not expanded, and why."""


#: parse(path) -> ParsedDocument, raising InputError (the safe parser, with its options and the chain)
Parse = Callable[[str], Any]


def expand(root: etree._Element, path: str, within: Path, chain: tuple[str, ...], parse: Parse,
           column: Callable[[etree._Element], int], budget: Budget) -> Expansion:
    """Replace the ``xi:include`` elements under ``root`` (of the document at ``path``, whose
    including documents are ``chain``) by what they point at inside ``within``."""
    result = Expansion()
    pending = [el for el in root.iter(INCLUDE) if not any(a.tag == INCLUDE for a in el.iterancestors())]
    while pending:
        include = pending.pop(0)
        href = include.get("href", "")
        try:
            target, shown = _target(include, path, within, chain)
            result.dependencies.append(str(target))
            if not target.is_file():
                raise _Refused(f"there is no file {shown}")
            if include.getparent() is None:
                raise _Refused("the root element cannot be an include")
            _include(include, target, shown, parse, budget, result)
        except _Refused as reason:
            what = f"xi:include href=\"{href}\"" + (f" xpointer=\"{include.get('xpointer')}\""
                                                    if include.get("xpointer") else "")
            fallback = include.find(FALLBACK)
            after = "its xi:fallback is used" if fallback is not None else "it is left out"
            result.problems.append(problem(path, "document", "xinclude", f"{what} is refused: {reason}; {after}",
                                           include.sourceline or 1, column(include), WARNING))
            if fallback is not None and include.getparent() is not None:
                children = list(fallback)
                _splice(include, fallback.text or "", children)
                pending[:0] = [el for child in children for el in child.iter(INCLUDE)
                               if not any(a.tag == INCLUDE for a in el.iterancestors())]
        except InputError as exc:  # the included file is not well-formed, or refused by the parser
            result.problems.extend(exc.diagnostics)
    return result


def _target(include: etree._Element, path: str, within: Path, chain: tuple[str, ...]) -> tuple[Path, str]:
    """The file an include points at (resolved, and as shown: beside the including file's
    path as given), or why it is refused."""
    href = include.get("href", "")
    if not href:
        raise _Refused("an include without href (a pointer into the same document) is not supported")
    parts = urlsplit(href)
    if parts.scheme and len(parts.scheme) > 1 and parts.scheme != "file":
        raise _Refused(f"the toolkit never reads from the network or a {parts.scheme}: URL; keep a copy of the "
                       f"file under {within} and include that")
    if parts.query or (parts.netloc and parts.netloc != "localhost"):
        raise _Refused("only a local file can be included")
    name = unquote(parts.path) if parts.scheme == "file" else unquote(href)
    shown = os.path.normpath(os.path.join(os.path.dirname(path), name))
    target = Path(shown).resolve()
    if target != within and within not in target.parents:
        raise _Refused(f"{shown} is outside {within}, the folder tree this document may include from")
    if str(target) in (*chain, str(Path(path).resolve())):
        raise _Refused("the file includes itself (" + " -> ".join(Path(p).name for p in (*chain, path, str(target)))
                       + ")")
    if len(chain) >= MAX_DEPTH:
        raise _Refused(f"includes are nested more than {MAX_DEPTH} deep")
    return target, shown


def _include(include: etree._Element, target: Path, shown: str, parse: Parse, budget: Budget,
             result: Expansion) -> None:
    """Put the file's content in place of the include."""
    if not budget.spend(target.stat().st_size):
        raise _Refused(f"the document includes more than {MAX_FILES} files or {MAX_BYTES // 2**20} MiB in all")
    if include.get("parse", "xml") == "text":
        encoding = include.get("encoding") or "utf-8"
        try:
            text = target.read_bytes().decode(encoding)
        except (LookupError, UnicodeDecodeError, OSError) as exc:
            raise _Refused(f"{target} cannot be read as {encoding} text ({exc})") from None
        _splice(include, text, [])
        result.included.append(shown)
        return
    if include.get("parse", "xml") != "xml":
        raise _Refused(f"parse=\"{include.get('parse')}\" is neither xml nor text")
    pointer = include.get("xpointer")
    match = _ID_POINTER.match(pointer) if pointer else None
    if pointer and not match:
        raise _Refused("only an xpointer that names an xml:id (ID, element(ID) or xpointer(id('ID'))) is supported")
    document = parse(shown)
    result.dependencies.extend(document.dependencies)
    result.problems.extend(document.problems)
    element = document.root
    if match:
        wanted = next(g for g in match.groups() if g)
        element = next((e for e in document.root.iter() if e.get(_XML_ID) == wanted), None)
        if element is None:
            raise _Refused(f"no element with xml:id=\"{wanted}\" in {target}")
    _splice(include, "", [element])
    result.inclusions.append(Inclusion(element, document))
    result.included.extend((shown, *document.included))


def _splice(include: etree._Element, text: str, elements: list[etree._Element]) -> None:
    """Replace ``include`` by ``text`` then ``elements``, keeping the text that followed it."""
    parent = include.getparent()
    assert parent is not None  # checked by the caller
    tail = include.tail or ""
    if elements:
        elements[-1].tail = (elements[-1].tail or "") + tail
    else:
        text += tail
    if text:
        previous = include.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
    for element in elements:
        include.addprevious(element)
    parent.remove(include)
