"""Schematron validation (lxml's isoschematron) with the SVRL report mapped back to lines."""

from __future__ import annotations

import copy
import re
import threading

from lxml import etree

from toolkit.diagnostics import ERROR, WARNING, Diagnostic
from toolkit.xmlsafe import ED_NS, NS, ParsedDocument

_WARNING_ROLES = {"warning", "warn", "info", "information"}
BIG_LINES = 65_535


def _severity(node: etree._Element) -> str:
    role = (node.get("role") or "").lower()
    if role in _WARNING_ROLES:
        return WARNING
    if role in ("error", "fatal"):
        return ERROR
    # A failed assert is an error; a successful report is a warning unless it says otherwise.
    return ERROR if etree.QName(node).localname == "failed-assert" else WARNING


_STEP = re.compile(r"\*\[local-name\(\)='([^']*)' and namespace-uri\(\)='([^']*)'\](?:\[(\d+)\])?")


def _located(doc: ParsedDocument, location: str, children: dict):
    """The node an SVRL location names. The skeleton's paths are element steps
    (``*[local-name()='p' and namespace-uri()='…'][9999]``), then maybe an attribute: those are
    followed through the children of each element, listed once (``children``), since XPath
    evaluates a positional step by scanning the siblings, which made documents with thousands
    of diagnostics quadratic. Any other path is left to XPath."""
    current = doc.tree.getroot() if location.startswith("/") else None
    position, first = 0, True
    while current is not None and position < len(location):
        found = _STEP.match(location, position + 1) if location[position] == "/" else None
        if found is None:
            rest = location[position + 1:]
            if not (location[position] == "/" and rest.startswith("@") and "/" not in rest):
                current = None  # a path of another shape: XPath below
            break  # an attribute: its element's position is the one reported
        tag = f"{{{found.group(2)}}}{found.group(1)}" if found.group(2) else found.group(1)
        index = int(found.group(3) or 1) - 1
        if first:
            current = current if current.tag == tag and index == 0 else None
        else:
            key = (current, tag)
            if key not in children:
                children[key] = [c for c in current if c.tag == tag]
            siblings = children[key]
            current = siblings[index] if index < len(siblings) else None
        position, first = found.end(), False
    if current is not None:
        return current
    try:
        targets = doc.tree.xpath(location) if location else []
    except etree.XPathError:
        targets = []
    return targets[0] if targets else None


_XSL = "http://www.w3.org/1999/XSL/Transform"
_PATHS = threading.local()


def _names(element: etree._Element) -> tuple[str, str]:
    """(local-name(), name()) of an element."""
    local = etree.QName(element).localname
    return local, f"{element.prefix}:{local}" if element.prefix else local


def _positions(parent: etree._Element, cache: dict) -> dict:
    """For each element child of ``parent``: its position among the preceding siblings of the
    same local name and of the same name, and whether a following sibling shares it, computed
    once per parent."""
    found = cache.get(parent)
    if found is None:
        children = [c for c in parent if isinstance(c.tag, str)]
        totals: dict[tuple[str, str], int] = {}
        for child in children:
            local, name = _names(child)
            totals[("l", local)] = totals.get(("l", local), 0) + 1
            totals[("n", name)] = totals.get(("n", name), 0) + 1
        seen: dict[tuple[str, str], int] = {}
        found = {}
        for child in children:
            local, name = _names(child)
            seen[("l", local)] = seen.get(("l", local), 0) + 1
            seen[("n", name)] = seen.get(("n", name), 0) + 1
            found[child] = (seen[("l", local)], totals[("l", local)], seen[("n", name)], totals[("n", name)])
        cache[parent] = found
    return found


def skeleton_path(element: etree._Element, cache: dict) -> str:
    """The location the ISO Schematron skeleton writes for an element (its default notation):
    ``/*[local-name()='p' and namespace-uri()='…'][9999]`` for each step, ``name[n]`` for an
    element in no namespace, the position only where a sibling shares the name. Computed from
    each parent's children listed once, where the skeleton counts the preceding siblings of
    every element it reports (quadratic in libxslt when thousands of siblings fail a rule)."""
    steps = []
    node: etree._Element | None = element
    while node is not None:
        parent = node.getparent()
        namespace = etree.QName(node).namespace or ""
        local, name = _names(node)
        by_local, local_total, by_name, name_total = _positions(parent, cache)[node] if parent is not None \
            else (1, 1, 1, 1)
        if namespace:
            step = f"*[local-name()='{local}' and namespace-uri()='{namespace}']"
            position, total = by_local, local_total
        else:
            step, position, total = name, by_name, name_total
        steps.append("/" + step + (f"[{position}]" if position > 1 or total > position else ""))
        node = parent
    return "".join(reversed(steps))


def _location(context, nodes) -> str:
    """The XSLT extension function ed:location(.), called by the compiled rules (see Rules)."""
    cache = getattr(_PATHS, "cache", None)
    return skeleton_path(nodes[0], cache if cache is not None else {})


class Rules:
    """A Schematron compiled by lxml's ISO skeleton, whose locations (the skeleton's own, same
    text) are computed by :func:`skeleton_path` through an extension function instead of by
    the skeleton's templates."""

    def __init__(self, validator: etree._ElementTree):
        template = next((t for t in validator.getroot().iterfind(f"{{{_XSL}}}template")
                         if t.get("mode") == "schematron-get-full-path" and t.get("match") == "*"), None)
        if template is not None:
            for child in list(template):
                template.remove(child)
            template.text = None
            etree.SubElement(template, f"{{{_XSL}}}value-of", select="ed:location(.)", nsmap={"ed": ED_NS})
        # a plain function as an XPath extension, which lxml accepts (its stubs name only XSLTExtension)
        self._xslt = etree.XSLT(validator, extensions={(ED_NS, "location"): _location})  # type: ignore[dict-item]

    def report(self, tree: etree._ElementTree) -> etree._XSLTResultTree:
        """The SVRL report of ``tree``."""
        _PATHS.cache = {}
        try:
            return self._xslt(tree)
        finally:
            _PATHS.cache = None


def schematron_diagnostics(doc: ParsedDocument, schema: Rules, layer: str = "schematron") -> list[Diagnostic]:
    """Run the rules and return one diagnostic per failed assert or successful report."""
    # Past line 65,535 libxml2 keeps an element's line in its text nodes, which libxslt (that
    # runs the Schematron) overwrites: validate a copy so the document keeps its true lines.
    validated = copy.deepcopy(doc.tree) if doc.data.count(b"\n") >= BIG_LINES else doc.tree
    report = schema.report(validated)
    out: list[Diagnostic] = []
    children: dict = {}
    for node in report.xpath("//svrl:failed-assert | //svrl:successful-report", namespaces=NS):
        location = node.get("location") or ""
        line, column, where = 1, 1, doc.path
        target = _located(doc, location, children)
        if isinstance(target, etree._Element):
            line = target.sourceline or 1
            column, where = doc.element_column(target), doc.path_of(target)
        elif target is not None and hasattr(target, "getparent") and target.getparent() is not None:
            parent = target.getparent()
            line, column, where = parent.sourceline or 1, doc.element_column(parent), doc.path_of(parent)
        text = node.find("svrl:text", NS)
        message = " ".join("".join(text.itertext()).split()) if text is not None else (node.get("test") or "")
        rule = node.get("id") or "schematron"
        out.append(Diagnostic(where, line, column, _severity(node), layer, rule, message, location or None))
    return out
