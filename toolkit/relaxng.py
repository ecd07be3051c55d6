"""RELAX NG validation with messages that name the element, its parent and what was expected."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from toolkit.diagnostics import ERROR, Diagnostic
from toolkit.rnginfo import ElementInfo, GrammarInfo, info_for
from toolkit.xmlsafe import ParsedDocument, local_name

_GENERIC = ("failed to validate content", "Extra element", "has extra content", "Invalid sequence in interleave")
_MAX_LISTED = 12


def _listing(names: set[str]) -> str:
    ordered = sorted(names)
    shown = ", ".join(f"<{n}>" for n in ordered[:_MAX_LISTED])
    return shown + (f" … ({len(ordered) - _MAX_LISTED} more)" if len(ordered) > _MAX_LISTED else "")


def _names(names) -> str:
    ordered = sorted(names)
    shown = ", ".join(ordered[:_MAX_LISTED])
    return shown + (f" … ({len(ordered) - _MAX_LISTED} more)" if len(ordered) > _MAX_LISTED else "")


def _where(node: etree._Element) -> str:
    parent = node.getparent()
    return f"<{local_name(node)}> inside <{local_name(parent)}>" if parent is not None else f"<{local_name(node)}>"


def _attr_name(key: str) -> str:
    if key.startswith("{http://www.w3.org/XML/1998/namespace}"):
        return "xml:" + key.split("}", 1)[1]
    return etree.QName(key).localname if key.startswith("{") else key


class _Explainer:
    """Turns one libxml2 RELAX NG error into a clear message and a precise column."""

    def __init__(self, doc: ParsedDocument, grammar: GrammarInfo | None):
        self.doc, self.grammar = doc, grammar

    def node(self, path: str | None) -> etree._Element | None:
        if not path:
            return None
        try:
            found = self.doc.tree.xpath(path)
        except etree.XPathError:
            return None
        return found[0] if found and isinstance(found[0], etree._Element) else None

    def culprit(self, node: etree._Element | None) -> etree._Element | None:
        """The first element in ``node``'s subtree that its parent may not contain at all.

        With some grammars (TEI's, compiled from an ODD) libxml2 reports a failure on an
        ancestor ("Element div has extra content: p") rather than on the element at fault;
        the grammar itself says which child is not allowed anywhere in its parent.
        """
        if node is None or self.grammar is None:
            return None
        for element in node.iter():
            if not isinstance(element.tag, str):
                continue
            info = self.grammar.element(etree.QName(element).localname)
            if info is None:
                continue
            for child in element:
                if isinstance(child.tag, str) and etree.QName(child).localname not in info.children:
                    return child
        return None

    def explain(self, message: str, node: etree._Element | None) -> tuple[str, int]:
        """(message, column) for an error on ``node``."""
        if node is None:
            return message, 1
        name = local_name(node)
        parent = node.getparent()
        where = f"<{name}> inside <{local_name(parent)}>" if parent is not None else f"<{name}>"
        column = self.doc.element_column(node)
        info = self.grammar.element(etree.QName(node).localname) if self.grammar else None

        if re.match(r"Did not expect element (\S+) there", message):
            return self.unexpected(node, where), column

        match = re.match(r"Expecting element (\S+), got (\S+)", message)
        if match:
            container = local_name(parent) if parent is not None else name
            return f"inside <{container}>, expected <{match.group(1)}> but found <{name}>", column

        match = re.match(r"Expecting an element\s*(\S*), got nothing", message)
        if match:
            missing = f"<{match.group(1)}>" if match.group(1) else "child"
            return f"{where} is incomplete: a required {missing} element is missing at its end", column

        if "Did not expect text in element" in message or "text not allowed" in message:
            return f"text is not allowed directly inside {where}", column

        match = re.match(r"Invalid attribute (\S+) for element (\S+)", message)
        if match:
            attr = match.group(1)
            closed = self._closed_value(node, where, info, attr)
            if closed:
                return closed, self.doc.attribute_column(node, attr)
            xml_id = node.get("{http://www.w3.org/XML/1998/namespace}id")
            if attr == "id" and xml_id is not None:
                return (f"xml:id=\"{xml_id}\" on {where} is not a valid id: it is used more than once in the "
                        f"document, or is not a valid name", self.doc.attribute_column(node, "xml:id"))
            allowed = f"; allowed: {_names(info.attributes)}" if info and info.attributes else ""
            return f"attribute \"{attr}\" is not allowed on {where}{allowed}", self.doc.attribute_column(node, attr)

        match = re.match(r"Type (\S+) doesn't allow value '(.*)'", message, re.S)
        if match:
            return f"value \"{match.group(2)}\" in {where} is not a valid {match.group(1)}", column

        if "failed to validate attributes" in message:
            return self._attributes(node, where, info, column)

        if "failed to validate content" in message or "has extra content" in message:
            return f"the content of {where} does not match the schema", column
        return f"{where}: {message}", column

    @staticmethod
    def _closed_value(node: etree._Element, where: str, info: ElementInfo | None, attr: str) -> str | None:
        """The message for an allowed attribute whose value is not in its closed list, if that is the problem."""
        data = info.attributes.get(attr) if info else None
        value = next((v for k, v in node.attrib.items() if _attr_name(k) == attr), None)
        if data is None or data.values is None or value is None or value.strip() in data.values:
            return None
        return f'{attr}="{value}" is not allowed on {where}; expected one of: ' + ", ".join(
            f'"{v}"' for v in sorted(data.values))

    def unexpected(self, node: etree._Element, where: str) -> str:
        """An element the grammar does not allow where it stands: say what is allowed there."""
        parent = node.getparent()
        if parent is None:
            return f"element {where} is not allowed here"
        pinfo = self.grammar.element(etree.QName(parent).localname) if self.grammar else None
        if pinfo and etree.QName(node).localname in pinfo.children:
            return (f"element {where} is not allowed at this position: check the order of "
                    f"<{local_name(parent)}>'s children, or whether one is repeated or missing before it")
        allowed = f"; <{local_name(parent)}> may contain {_listing(pinfo.children)}" if pinfo and pinfo.children else ""
        return f"element {where} is not allowed here{allowed}"

    def _attributes(self, node, where, info, column) -> tuple[str, int]:
        present = {_attr_name(k): v for k, v in node.attrib.items()}
        if info is not None:
            for attr, value in present.items():
                if attr not in info.attributes:
                    allowed = _names(info.attributes) or "none"
                    return (f"attribute \"{attr}\" is not allowed on {where}; allowed: {allowed}",
                            self.doc.attribute_column(node, attr))
                values = info.attributes[attr].values
                if values is not None and value.strip() not in values:
                    return (f"{attr}=\"{value}\" is not allowed on {where}; expected one of: "
                            + ", ".join(f'"{v}"' for v in sorted(values)), self.doc.attribute_column(node, attr))
            missing = sorted(a for a, data in info.attributes.items() if data.required and a not in present)
            if missing:
                return f"{where} is missing the required attribute {', '.join(missing)}", column
        shown = " ".join(f'{k}="{v}"' for k, v in present.items()) or "none"
        return f"an attribute of {where} is missing or has a value the schema does not allow (it has: {shown})", column


def relaxng_diagnostics(doc: ParsedDocument, schema: etree.RelaxNG, schema_path: Path | None,
                        layer: str = "relaxng", rule: str = "relaxng") -> list[Diagnostic]:
    """Validate ``doc`` against a compiled grammar; one diagnostic per distinct problem."""
    if schema.validate(doc.tree):
        return []
    explainer = _Explainer(doc, info_for(schema_path) if schema_path else None)
    entries = list(schema.error_log)
    specific_paths = [e.path for e in entries if e.path and not any(g in e.message for g in _GENERIC)
                      and "failed to validate attributes" not in e.message]
    # libxml2 reports a failure again at every ancestor of the element that caused it; keep the
    # innermost report only, and drop location-less summaries when located reports exist.
    paths = [e.path for e in entries if e.path]
    entries = [e for e in entries
               if (e.path and not any(p.startswith(e.path + "/") for p in paths)) or (not e.path and not paths)]
    out: list[Diagnostic] = []
    seen: set[tuple] = set()
    for entry in entries:
        generic = any(g in entry.message for g in _GENERIC)
        if generic and entry.path and any(p == entry.path or p.startswith(entry.path + "/") for p in specific_paths):
            continue
        if "failed to validate attributes" in entry.message and entry.path in specific_paths:
            continue
        node = explainer.node(entry.path)
        about_attributes = "attribute" in entry.message or entry.message.startswith("Type ")
        culprit = None if about_attributes else explainer.culprit(node)
        if culprit is not None:  # the element at fault, below the one libxml2 names
            node = culprit
            message, column = explainer.unexpected(culprit, _where(culprit)), explainer.doc.element_column(culprit)
        else:
            message, column = explainer.explain(entry.message.strip(), node)
        line = (node.sourceline if node is not None else None) or entry.line or 1
        key = (line, column, message)
        if key in seen:
            continue
        seen.add(key)
        where = doc.path_of(node) if node is not None else doc.path
        out.append(Diagnostic(where, line, column, ERROR, layer, rule, message, entry.path))
    return out
