"""A document's citation tree: the citable units a machine can ask for (DTS Navigation).

The scheme is chosen exactly as the stylesheets choose it (``xslt/common/citation.xsl``),
so the deepest units here are the passages the HTML, the text and the index cite:

1. ``cite``: the ``refsDecl``'s ``citeStructure``\\ s (nested ones too: a child's @match is
   relative to its parent's unit, its reference is the parent's, its @delim, its @use);
2. ``cref``: CapiTainS ``cRefPattern``\\ s, one level per number of captures ("1", "1.5");
3. ``divn``: the ``div/@n`` hierarchy ("1", "1.2"); the leaves are the rendered passages;
4. ``generic``: paragraph-level blocks numbered in order (identifier "7", label "¶ 7").

The tree is computed once per document with lxml; a unit keeps its element, so the TEI of
a passage or a range can be cut from the document (:mod:`toolkit.passage`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from toolkit.xmlsafe import TEI_NS

__all__ = ["CitableUnit", "CitationTree", "CiteType", "citation_tree"]

T = f"{{{TEI_NS}}}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

# The path steps the stylesheets can follow: name or *, with one optional [@a='v'] predicate.
_STEP = re.compile(r"""^(?P<desc>~?)(?:[\w.\-]+:)?(?P<name>[A-Za-z_][\w.\-]*|\*)"""
                   r"""(?:\[@(?P<attr>[\w:.\-]+)\s*=\s*(?:'(?P<v1>[^']*)'|"(?P<v2>[^"]*)")\])?$""")
_DIVS = {T + f"div{n}" for n in range(1, 8)} | {T + "div"}
_GENERIC = {T + n for n in ("p", "ab", "lg", "head", "sp", "cell")}


@dataclass
class CitableUnit:
    """One unit: its reference, depth, parent's reference, type, label and element."""

    identifier: str
    level: int
    parent: str | None
    cite_type: str
    label: str
    element: etree._Element
    #: the id the HTML gives the element (its xml:id, else the stylesheets' positional id)
    anchor: str = ""
    #: the level-by-level types from the root to this unit (for the declared structure)
    type_path: tuple[str, ...] = ()
    #: a passage the HTML, the text and the index cite (with the anchor ``anchor``)
    passage: bool = False


@dataclass
class CiteType:
    """One node of the declared structure: a type and the types cited below it."""

    cite_type: str
    children: list[CiteType] = field(default_factory=list)

    def as_json(self) -> dict:
        data: dict = {"@type": "CiteStructure", "citeType": self.cite_type}
        if self.children:
            data["citeStructure"] = [child.as_json() for child in self.children]
        return data


@dataclass
class CitationTree:
    """The citable units of a document in document order (pre-order, depth first)."""

    scheme: str
    units: list[CitableUnit]
    structure: list[CiteType]
    by_id: dict[str, CitableUnit] = field(default_factory=dict)
    children: dict[str | None, list[CitableUnit]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_id = {u.identifier: u for u in self.units}
        self.children = {}
        for unit in self.units:
            self.children.setdefault(unit.parent, []).append(unit)

    @property
    def depth(self) -> int:
        return max((u.level for u in self.units), default=0)

    def descendants(self, unit: CitableUnit | None, down: int) -> list[CitableUnit]:
        """The units below ``unit`` (or the root), ``down`` levels deep (-1: all), in order."""
        found: list[CitableUnit] = []

        def walk(parent: str | None, depth: int) -> None:
            for child in self.children.get(parent, []):
                found.append(child)
                if down < 0 or depth < down:
                    walk(child.identifier, depth + 1)

        walk(unit.identifier if unit else None, 1)
        return found


def _localname(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _steps(path: str) -> list[dict] | None:
    """Parse a path of simple steps (None when a step is beyond what the stylesheets follow)."""
    parsed = []
    for token in path.replace("//", "/~").split("/"):
        found = _STEP.match(token)
        if not found:
            return None
        parsed.append({"desc": bool(found["desc"]), "name": found["name"], "attr": found["attr"] or "",
                       "value": found["v1"] if found["v1"] is not None else (found["v2"] or "")})
    return parsed


def _matches(el: etree._Element, step: dict) -> bool:
    if not isinstance(el.tag, str) or (step["name"] != "*" and _localname(el.tag) != step["name"]):
        return False
    if not step["attr"]:
        return True
    attr = step["attr"]
    key = XML_ID if attr == "xml:id" else (XML_LANG if attr == "xml:lang" else attr)
    value = el.get(key)
    return value is not None if step["value"].startswith("$") else value == step["value"]


def _select(context: list[Any], steps: list[dict]) -> list[etree._Element]:
    for step in steps:
        found: list[etree._Element] = []
        seen: set[int] = set()
        for el in context:
            pool = el.iterdescendants() if step["desc"] else el.iterchildren()
            for child in pool:
                if _matches(child, step) and id(child) not in seen:
                    seen.add(id(child))
                    found.append(child)
        context = found
    return context


class _Order:
    """Document positions of elements, computed once (the stylesheets' positional ids)."""

    def __init__(self, root: etree._Element):
        self.position = {el: i for i, el in enumerate(root.iter(etree.Element), start=1)}

    def anchor(self, el: etree._Element) -> str:
        xml_id = el.get(XML_ID)
        return xml_id if xml_id else f"ed-{_localname(el.tag)}-{self.position[el]}"

    def sort(self, elements: list[etree._Element]) -> list[etree._Element]:
        return sorted(set(elements), key=self.position.__getitem__)


def _header(root: etree._Element, path: str) -> list[etree._Element]:
    return root.findall(f"{T}teiHeader/{T}encodingDesc/{T}refsDecl/{path}")


# ---- citeStructure ------------------------------------------------------------------------

def _use_value(el: etree._Element, use: str, position: int) -> str:
    use = " ".join(use.split())
    if re.fullmatch(r"@[\w:.\-]+", use):
        name = use[1:]
        key = XML_ID if name == "xml:id" else (XML_LANG if name == "xml:lang" else name)
        return " ".join((el.get(key) or "").split())
    if use == "position()":
        return str(position)
    return ""


def _cite_units(root: etree._Element, order: _Order) -> list[CitableUnit]:
    """Units from the citeStructures (top level: absolute @match, as the stylesheets follow)."""
    tops = [s for s in _header(root, f"{T}citeStructure")
            if " ".join((s.get("match") or "").split()).startswith("/")]
    units: list[CitableUnit] = []
    for structure in tops:
        steps = _steps(" ".join(structure.get("match", "").split())[1:])
        if steps is not None:
            _add_cite_level(structure, _select([_DocRoot(root)], steps), None, "", 1, (), units)
    return units


class _DocRoot:
    """The document node: the only child of which is the root element (for absolute paths)."""

    def __init__(self, root: etree._Element):
        self.root = root

    def iterchildren(self):
        return iter([self.root])

    def iterdescendants(self):
        yield self.root
        yield from self.root.iterdescendants()


def _add_cite_level(structure: etree._Element, matched: list[etree._Element], parent: CitableUnit | None,
                    prefix: str, level: int, types: tuple[str, ...], units: list[CitableUnit]) -> None:
    delim = structure.get("delim") or ""
    cite_type = structure.get("unit") or (_localname(matched[0].tag) if matched else "unit")
    for position, el in enumerate(matched, start=1):
        value = _use_value(el, structure.get("use") or "@n", position) or str(position)
        label = (delim + value) if delim else value[:1].upper() + value[1:]
        unit = CitableUnit(prefix + delim + value, level, parent.identifier if parent else None, cite_type,
                           label if level == 1 else prefix + delim + value, el, type_path=types + (cite_type,),
                           passage=level == 1)
        units.append(unit)
        for child in structure.findall(f"{T}citeStructure"):
            steps = _steps(" ".join((child.get("match") or "").split()))
            if steps is not None:
                _add_cite_level(child, _select([el], steps), unit, unit.identifier, level + 1, unit.type_path, units)


# ---- cRefPattern ----------------------------------------------------------------------------

def _cref_patterns(root: etree._Element) -> list[tuple[int, str, list[dict]]]:
    """Usable patterns as (captures, n, steps), most captures first (stable among equals)."""
    usable = []
    for pattern in _header(root, f"{T}cRefPattern"):
        replacement = " ".join((pattern.get("replacementPattern") or "").split())
        found = re.fullmatch(r"#xpath\((.*)\)", replacement)
        if not found or not found[1].startswith("/") or replacement.startswith("#xpath(/)"):
            continue
        steps = _steps(found[1][1:])
        if steps is None:
            continue
        captures = sum(1 for s in steps if s["value"].startswith("$"))
        usable.append((captures, pattern.get("n") or "", steps))
    return sorted(usable, key=lambda item: -item[0])


def _cref_label(el: etree._Element, steps: list[dict]) -> str:
    chain = list(reversed([el, *el.iterancestors()]))
    values = []
    for i, step in enumerate(steps):
        if not step["value"].startswith("$"):
            continue
        if any(s["desc"] for s in steps[: i + 1]):
            at = next((a for a in [el, *el.iterancestors()] if _matches(a, step)), None)
        else:
            at = chain[i] if i < len(chain) else None
        attr = step["attr"]
        values.append((at.get(XML_ID if attr == "xml:id" else attr) or "") if at is not None else "")
    return ".".join(values)


def _cref_units(root: etree._Element, patterns: list[tuple[int, str, list[dict]]]) -> list[CitableUnit]:
    levels: list[tuple[int, str, list[dict]]] = []
    for captures, n, steps in reversed(patterns):  # fewest captures first: the top level
        if captures and not any(c == captures for c, _, _ in levels):
            levels.append((captures, n, steps))
    units: list[CitableUnit] = []
    by_element: dict[etree._Element, CitableUnit] = {}
    for level, (_captures, n, steps) in enumerate(levels, start=1):
        deepest = level == len(levels)
        for el in _select([_DocRoot(root)], steps):
            parent = next((by_element[a] for a in el.iterancestors() if a in by_element), None)
            label = _cref_label(el, steps)
            cite_type = n or _localname(el.tag)
            depth = parent.level + 1 if parent else 1
            unit = CitableUnit(label, depth, parent.identifier if parent else None, cite_type, label, el,
                               type_path=(parent.type_path if parent else ()) + (cite_type,), passage=deepest)
            units.append(unit)
            by_element.setdefault(el, unit)
    return units


# ---- div/@n and paragraphs ------------------------------------------------------------------

def _texts(root: etree._Element) -> list[etree._Element]:
    return [el for el in root.iter(f"{T}text")]


def _in_text(root: etree._Element):
    seen: set = set()
    for text in _texts(root):
        for el in text.iterdescendants(etree.Element):
            if el not in seen:
                seen.add(el)
                yield el


def _divn_units(root: etree._Element) -> list[CitableUnit]:
    units: list[CitableUnit] = []
    by_element: dict[etree._Element, CitableUnit] = {}
    for el in _in_text(root):
        if el.tag not in _DIVS or el.get("n") is None:
            continue
        parent = next((by_element[a] for a in el.iterancestors() if a in by_element), None)
        value = " ".join(el.get("n", "").split())
        ident = f"{parent.identifier}.{value}" if parent else value
        cite_type = el.get("type") or _localname(el.tag)
        unit = CitableUnit(ident, parent.level + 1 if parent else 1, parent.identifier if parent else None,
                           cite_type, ident, el, type_path=(parent.type_path if parent else ()) + (cite_type,))
        by_element[el] = unit
        units.append(unit)
    parents = {id(by_element[a]) for u in units for a in u.element.iterancestors() if a in by_element}
    for unit in units:
        unit.passage = id(unit) not in parents
    return units


def _is_generic(el: etree._Element) -> bool:
    tag = el.tag
    if tag in _GENERIC:
        return True
    if tag == T + "item":
        return el.find(f"{T}p") is None
    if tag == T + "l":
        return not any(a.tag == T + "lg" for a in el.iterancestors())
    return False


def _generic_units(root: etree._Element) -> list[CitableUnit]:
    units = []
    for n, el in enumerate((el for el in _in_text(root) if _is_generic(el)), start=1):
        cite_type = _localname(el.tag)
        units.append(CitableUnit(str(n), 1, None, cite_type, f"¶ {n}", el, type_path=(cite_type,),
                                  passage=True))
    return units


# ---- the tree ---------------------------------------------------------------------------------

def _unique(units: list[CitableUnit]) -> list[CitableUnit]:
    """References must be unique within a tree: a repeated one gets " (2)", " (3)" … appended."""
    seen: dict[str, int] = {}
    renamed: dict[str, str] = {}
    for unit in units:
        if unit.parent is not None:
            unit.parent = renamed.get(unit.parent, unit.parent)
        count = seen.get(unit.identifier, 0) + 1
        seen[unit.identifier] = count
        if count > 1:
            new = f"{unit.identifier} ({count})"
            renamed[unit.identifier] = new
            unit.identifier = new
        else:
            renamed.pop(unit.identifier, None)
    return units


def _structure(units: list[CitableUnit]) -> list[CiteType]:
    """The declared structure: every path of types that occurs, merged into one tree."""
    top: list[CiteType] = []
    for unit in units:
        level = top
        for cite_type in unit.type_path:
            node = next((n for n in level if n.cite_type == cite_type), None)
            if node is None:
                node = CiteType(cite_type)
                level.append(node)
            level = node.children
    return top


def citation_tree(root: etree._Element) -> CitationTree:
    """The citation tree of a TEI document (its root element), by the rendering's scheme."""
    order = _Order(root)
    units = _cite_units(root, order)
    scheme = "cite"
    if not units:
        patterns = _cref_patterns(root)
        units = _cref_units(root, patterns) if patterns and _select([_DocRoot(root)], patterns[0][2]) else []
        scheme = "cref"
    if not units:
        units = _divn_units(root)
        scheme = "divn"
    if not units:
        units = _generic_units(root)
        scheme = "generic"
    units = _unique(units)
    if root.tag == T + "teiCorpus":
        units = _in_members(root, units)
    for unit in units:
        unit.anchor = order.anchor(unit.element)
    units.sort(key=lambda u: (order.position[u.element], u.level))
    return CitationTree(scheme, units, _structure(units))


def _in_members(corpus: etree._Element, units: list[CitableUnit]) -> list[CitableUnit]:
    """A teiCorpus is a collection: each of its documents (``TEI``) is a unit of type
    ``document``, titled with its own title, above the units cited in it (whose references
    stay the ones the HTML, the text and the index give them)."""
    members = [el for el in corpus if el.tag == T + "TEI"]
    taken = {u.identifier for u in units}
    by_element: dict[etree._Element, CitableUnit] = {}
    for n, member in enumerate(members, start=1):
        identifier = member.get(XML_ID) or f"document-{n}"
        while identifier in taken:
            identifier += f"-{n}"
        taken.add(identifier)
        title = " ".join("".join(member.xpath("string((tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title)[1])",
                                              namespaces={"tei": TEI_NS})).split())
        by_element[member] = CitableUnit(identifier, 1, None, "document", title or f"Document {n}", member,
                                         type_path=("document",))
    for unit in units:
        holder = next((a for a in unit.element.iterancestors() if a in by_element), None)
        if holder is None:
            continue
        unit.level += 1
        unit.type_path = ("document", *unit.type_path)
        if unit.parent is None:
            unit.parent = by_element[holder].identifier
    return [*by_element.values(), *units]
