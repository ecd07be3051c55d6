"""Schematron validation (lxml's isoschematron) with the SVRL report mapped back to lines."""

from __future__ import annotations

import copy

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
    for node in report.xpath("//svrl:failed-assert | //svrl:successful-report", namespaces=NS):
        location = node.get("location") or ""
        line, column = 1, 1
        try:
            targets = doc.tree.xpath(location) if location else []
        except etree.XPathError:
            targets = []
        target = targets[0] if targets else None
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
