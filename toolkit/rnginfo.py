"""What a RELAX NG grammar allows, element by element: for clearer messages.

libxml2 reports "Element place failed to validate attributes" without saying which
attribute, or what was expected. This module reads the grammar itself (an RNG file
in XML syntax) and tells, for an element name, the attributes it may carry (with
closed value lists and which are required) and the child elements it may contain.
Where one name has several definitions (a persName in the text and in a register),
the answers are their union: good enough to say what was expected.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from toolkit.rnc import rnc_to_rng
from toolkit.xmlsafe import parse_bytes, parse_file

RNG = "{http://relaxng.org/ns/structure/1.0}"
_OPTIONAL = {"optional", "zeroOrMore", "choice"}
_TRANSPARENT = {"group", "oneOrMore", "interleave", "mixed"}


A_DOC = "{http://relaxng.org/ns/compatibility/annotations/1.0}documentation"


@dataclass
class AttributeInfo:
    required: bool = True
    values: set[str] | None = field(default_factory=set)  # None: free text
    doc: str = ""  # the grammar's a:documentation (from the ODD)
    glosses: dict[str, str] = field(default_factory=dict)  # value -> its documentation


@dataclass
class ElementInfo:
    attributes: dict[str, AttributeInfo] = field(default_factory=dict)
    children: set[str] = field(default_factory=set)
    text: bool = False
    doc: str = ""


def _name(node: etree._Element) -> str | None:
    name = node.get("name")
    if name is None:
        child = node.find(f"{RNG}name")
        name = child.text.strip() if child is not None and child.text else None
    return name


def _doc(node: etree._Element) -> str:
    """A pattern's own a:documentation, whitespace normalised."""
    found = node.find(A_DOC)
    return " ".join("".join(found.itertext()).split()) if found is not None else ""


class GrammarInfo:
    """Per-element facts about a grammar."""

    def __init__(self, tree: etree._ElementTree):
        self._defines: dict[str, list[etree._Element]] = {}
        for define in tree.iter(f"{RNG}define"):
            self._defines.setdefault(define.get("name") or "", []).append(define)
        self._elements: dict[str, ElementInfo] = {}
        for element in tree.iter(f"{RNG}element"):
            name = _name(element)
            if not name:
                continue
            info = self._elements.setdefault(name, ElementInfo())
            self._merge(info, self._collect(element))
            info.doc = info.doc or _doc(element)

    @staticmethod
    def _merge(info: ElementInfo, new: ElementInfo) -> None:
        for attr, data in new.attributes.items():
            old = info.attributes.get(attr)
            if old is None:
                info.attributes[attr] = data
                continue
            old.required = old.required and data.required
            old.doc = old.doc or data.doc
            old.glosses.update(data.glosses)
            if old.values is None or data.values is None:
                old.values = None
            else:
                old.values |= data.values
        info.children |= new.children
        info.text = info.text or new.text

    def _collect(self, element: etree._Element) -> ElementInfo:
        info = ElementInfo()
        self._walk(element, False, info, set())
        return info

    @staticmethod
    def _attribute(node: etree._Element, optional: bool) -> AttributeInfo:
        values = {v.text.strip() for v in node.iter(f"{RNG}value") if v.text}
        free = node.find(f".//{RNG}data") is not None or node.find(f".//{RNG}text") is not None or not values
        glosses = {}
        for value in node.iter(f"{RNG}value"):
            following = value.getnext()
            if value.text and following is not None and following.tag == A_DOC and following.text:
                gloss = " ".join(following.text.split())
                if gloss.startswith("(") and gloss.endswith(")") and gloss.count("(") == 1:
                    gloss = gloss[1:-1]  # odd2relax writes a gloss alone as "(gloss)"
                glosses[value.text.strip()] = gloss
        return AttributeInfo(required=not optional, values=None if free else values, doc=_doc(node), glosses=glosses)

    def _walk(self, node: etree._Element, optional: bool, info: ElementInfo, seen: set[str]) -> None:
        """Collect what ``node``'s pattern allows into ``info``, following refs once each."""
        for child in node:
            if not isinstance(child.tag, str) or not child.tag.startswith(RNG):
                continue
            tag = child.tag[len(RNG):]
            name = _name(child) if tag in ("element", "attribute") else None
            if tag == "element" and name:
                info.children.add(name)
            elif tag == "attribute" and name:
                self._merge(info, ElementInfo(attributes={name: self._attribute(child, optional)}))
            elif tag == "ref":
                ref = child.get("name") or ""
                if ref not in seen:
                    seen.add(ref)
                    for define in self._defines.get(ref, []):
                        self._walk(define, optional, info, seen)
            elif tag in ("text", "mixed"):
                info.text = True
                if tag == "mixed":
                    self._walk(child, optional, info, seen)
            elif tag in _OPTIONAL or tag in _TRANSPARENT:
                self._walk(child, optional or tag in _OPTIONAL, info, seen)

    def element(self, name: str) -> ElementInfo | None:
        return self._elements.get(name)

    def names(self) -> list[str]:
        """Every element the grammar defines, sorted case-insensitively."""
        return sorted(self._elements, key=str.lower)

    def parents(self, name: str) -> list[str]:
        """The elements that may contain ``name``."""
        return sorted((p for p, info in self._elements.items() if name in info.children), key=str.lower)


@lru_cache(maxsize=8)
def grammar_info(path: str, mtime_ns: int) -> GrammarInfo | None:
    """Cached grammar facts for an RNG file (None when it cannot be read)."""
    try:
        if path.lower().endswith(".rnc"):
            return GrammarInfo(parse_bytes(rnc_to_rng(Path(path)), path).tree)
        return GrammarInfo(parse_file(Path(path)).tree)
    except Exception:  # a message helper must never break validation
        return None


def info_for(path: Path) -> GrammarInfo | None:
    try:
        return grammar_info(str(path), path.stat().st_mtime_ns)
    except OSError:
        return None
