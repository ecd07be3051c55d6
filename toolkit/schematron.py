"""Schematron validation (lxml's isoschematron) with the SVRL report mapped back to lines."""

from __future__ import annotations

import copy
import re

from lxml import etree, isoschematron

from toolkit.diagnostics import ERROR, WARNING, Diagnostic
from toolkit.xmlsafe import NS, ParsedDocument

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


def schematron_diagnostics(doc: ParsedDocument, schema: isoschematron.Schematron,
                           layer: str = "schematron") -> list[Diagnostic]:
    """Run the rules and return one diagnostic per failed assert or successful report."""
    # Past line 65,535 libxml2 keeps an element's line in its text nodes, which libxslt (that
    # runs the Schematron) overwrites: validate a copy so the document keeps its true lines.
    schema.validate(copy.deepcopy(doc.tree) if doc.data.count(b"\n") >= BIG_LINES else doc.tree)
    report = schema.validation_report
    out: list[Diagnostic] = []
    if report is None:
        return out
    children: dict = {}
    for node in report.xpath("//svrl:failed-assert | //svrl:successful-report", namespaces=NS):
        location = node.get("location") or ""
        line, column = 1, 1
        target = _located(doc, location, children)
        if isinstance(target, etree._Element):
            line = target.sourceline or 1
            column = doc.element_column(target)
        elif target is not None and hasattr(target, "getparent") and target.getparent() is not None:
            parent = target.getparent()
            line, column = parent.sourceline or 1, doc.element_column(parent)
        text = node.find("svrl:text", NS)
        message = " ".join("".join(text.itertext()).split()) if text is not None else (node.get("test") or "")
        rule = node.get("id") or "schematron"
        out.append(Diagnostic(doc.path, line, column, _severity(node), layer, rule, message, location or None))
    return out
