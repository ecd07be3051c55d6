"""The encoding guide for archivists: one page, built from the compiled customisation.

``tei build`` writes ``output/docs/encoding-guide.html`` when the project has an ODD. For
every element the project's grammar allows, the guide gives its description, its
attributes (with closed values and their glosses), where it may appear and what it may
contain, the rules that apply to it (with their messages), and one real example from the
edition with a link to its passage. Everything comes from what ``tei schema`` generated
from the ODD (``edition.rng`` carries the ODD's descriptions and glosses as
``a:documentation``; ``edition.sch`` the rules) and from the documents themselves; the
page is rendered by ``xslt/guide.xsl`` in the look of the reading edition.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from toolkit.context import BuildContext
from toolkit.rnginfo import GrammarInfo, info_for
from toolkit.xmlsafe import ED_NS as ED
from toolkit.xmlsafe import NS, TEI_NS, parse_file
from toolkit.xslt import engine

GUIDE = "docs/encoding-guide.html"
EXAMPLE_CHARS = 400
_NAME = re.compile(r"tei:([A-Za-z][\w.\-]*)")


def _e(tag: str, parent: etree._Element | None = None, **attrs: str) -> etree._Element:
    if parent is None:
        element = etree.Element(f"{{{ED}}}{tag}", nsmap={"ed": ED})
    else:
        element = etree.SubElement(parent, f"{{{ED}}}{tag}")
    for key, value in attrs.items():
        element.set(key.rstrip("_"), value)
    return element


def _message(node: etree._Element) -> str:
    """An assert's message with its computed parts shown as "…"."""
    parts = [node.text or ""]
    for child in node:
        parts.append("…" if etree.QName(child).localname in ("value-of", "name") else "".join(child.itertext()))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def _rules(schematron: Path) -> list[tuple[set[str] | None, etree._Element, str]]:
    """(element names the rule applies to, or None for every element; the assert; its pattern id)."""
    tree = parse_file(schematron).tree
    found = []
    for rule in tree.iterfind(".//sch:rule", NS):
        context = rule.get("context", "")
        names = set(_NAME.findall(context))
        every = "tei:*" in context or not names
        holder = rule.getparent()
        pattern = holder.get("id", "") if holder is not None else ""
        for check in rule:
            if etree.QName(check).localname in ("assert", "report") and check.get("id"):
                found.append((None if every else names, check, pattern))
    return found


ENTRIES = ("person", "personGrp", "place", "org", "event", "bibl")


def _locator(element: etree._Element, stem: str) -> tuple[str, str]:
    """(href into the reading edition, a label) for where an example stands."""
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    page = f"../html/{stem}.html"
    chain = [element, *element.iterancestors()]
    names = [etree.QName(e).localname for e in chain]
    if "standOff" in names:
        entry = next((e for e in chain if e.get(xml_id) and etree.QName(e).localname in ENTRIES), None)
        return (f"{page}#reg-{entry.get(xml_id)}" if entry is not None else f"{page}#ed-names"), "the registers"
    if "teiHeader" in names:
        return f"{page}#ed-about", "the header (About this edition)"
    for candidate in chain:
        ident = candidate.get(xml_id)
        if ident and etree.QName(candidate).localname in ("p", "div"):
            n = candidate.get("n") or ident
            return f"{page}#{ident}", f"¶ {n}" if n.isdigit() else n.capitalize()
    return f"{page}#ed-text", "the text"


def _example(element: etree._Element) -> str:
    """The element's markup, without namespace declarations, shortened to a readable length."""
    text = etree.tostring(element, encoding="unicode", with_tail=False)
    text = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", text)
    text = " ".join(text.split())
    return text if len(text) <= EXAMPLE_CHARS else text[:EXAMPLE_CHARS - 1] + "…"


def _examples(documents: list[Path], wanted: set[str]) -> dict[str, tuple[etree._Element, str]]:
    """The first occurrence of each element in the documents: in the text, then the registers, then anywhere."""
    examples: dict[str, tuple[etree._Element, str]] = {}
    for path in documents:
        if not wanted - set(examples):
            break
        doc = parse_file(path)
        tops = [doc.root.find(f"{{{TEI_NS}}}text"), doc.root.find(f"{{{TEI_NS}}}standOff"), doc.root]
        for top in (t for t in tops if t is not None):
            for element in top.iter(f"{{{TEI_NS}}}*"):
                name = etree.QName(element).localname
                if name in wanted and name not in examples:
                    examples[name] = (element, path.stem)
    return examples


def _add_rule(parent: etree._Element, check: etree._Element, pattern: str) -> None:
    _e("rule", parent, id=check.get("id", ""), pattern=pattern,
       severity="warning" if check.get("role") == "warning" else "error").text = _message(check)


def _element_entry(root: etree._Element, name: str, info: GrammarInfo, rules, example) -> None:
    element_info = info.element(name)
    if element_info is None:
        return
    entry = _e("element", root, name=name)
    _e("desc", entry).text = element_info.doc
    for attr in sorted(element_info.attributes, key=str.lower):
        data = element_info.attributes[attr]
        node = _e("attribute", entry, name=attr, required="true" if data.required else "false")
        _e("desc", node).text = data.doc
        for value in sorted(data.values or ()):
            _e("value", node, ident=value).text = data.glosses.get(value, "")
    for parent in info.parents(name):
        _e("parent", entry, name=parent)
    for child in sorted(element_info.children, key=str.lower):
        _e("child", entry, name=child)
    for names, check, pattern in rules:
        if names is not None and name in names:
            _add_rule(entry, check, pattern)
    if example is not None:
        element, stem = example
        href, where = _locator(element, stem)
        _e("example", entry, href=href, where=where, document=stem).text = _example(element)


def guide_data(grammar: Path, schematron: Path, documents: list[Path], odd: Path | None = None) -> etree._Element:
    """The guide as data (the ed:guide document that xslt/guide.xsl renders)."""
    info: GrammarInfo | None = info_for(grammar)
    if info is None:
        raise ValueError(f"cannot read the grammar {grammar}")
    root = _e("guide", grammar=grammar.name, schematron=schematron.name, odd=odd.name if odd else "")
    if odd is not None and odd.is_file():
        for p in parse_file(odd).tree.iterfind(".//tei:text/tei:body/tei:p", NS):
            _e("intro", root).text = " ".join("".join(p.itertext()).split())
    rules = _rules(schematron)
    every = _e("every", root)
    for names, check, pattern in rules:
        if names is None:
            _add_rule(every, check, pattern)
    examples = _examples(documents, set(info.names()))
    for name in info.names():
        _element_entry(root, name, info, rules, examples.get(name))
    return root


def render_guide(grammar: Path, schematron: Path, documents: list[Path], context: BuildContext,
                 odd: Path | None = None, title: str = "") -> str:
    """The encoding guide's HTML."""
    data = guide_data(grammar, schematron, documents, odd)
    edition = f"../html/{documents[0].stem}.html" if documents else "../html/"
    return engine(context).transform("guide.xsl", etree.tostring(data, encoding="unicode"),
                                     context.stylesheet_params(None, **{"guide-title": title, "edition-href": edition}))


def has_guide(paths: list[Path], context: BuildContext) -> bool:
    """Whether :func:`guide_files` writes a guide for these documents."""
    project = context.project
    schemas = project.schemas()
    return (any(project.is_own(p) for p in paths) and project.odd_path().is_file() and schemas is not None
            and schemas[1].is_file())


def guide_files(paths: list[Path], context: BuildContext) -> dict[str, str]:
    """``{"docs/encoding-guide.html": html}`` when the build holds the project's own documents and the
    project has an ODD; otherwise nothing (another project's files get no guide to this one)."""
    project = context.project
    own = [p for p in paths if project.is_own(p)]
    odd = project.odd_path()
    schemas = project.schemas()
    if not has_guide(paths, context) or schemas is None:
        return {}
    grammar, rules = schemas
    return {GUIDE: render_guide(grammar, rules, own, context, odd, "Encoding guide")}
