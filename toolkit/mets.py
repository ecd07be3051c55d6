"""``metadata/mets.xml``: the package as a METS 1.12.1 document with PREMIS 3.0, built with metsrw.

* ``fileSec``: every payload file of the bag (``data/…``), its SHA-256 (the bag's own
  manifest), its size and its MIME type, one ``fileGrp`` per payload folder;
* ``dmdSec``: the Dublin Core the package writes (``metadata/dc.xml``), on the edition;
* ``amdSec``: per file a PREMIS object (identifier: its path in the bag; fixity, size,
  format); for the package, PREMIS events (its creation, and the message digest calculation)
  and the agent that performed them: this toolkit, with its version;
* a physical ``structMap`` of the package's folders, and a logical one from each document's
  citation structure (:mod:`toolkit.citetree`: the headnote and ¶ 1–6, acts and scenes …),
  each unit pointing into the TEI (its ``xml:id``, else an XPointer) and to its anchor in the
  HTML, when the HTML has one.

Deterministic: metsrw stamps the current time and numbers sections from process-wide counters;
here every date is the package's ``Bagging-Date`` and every ID is derived from a path or a
position. Before anything is written, :func:`problems` checks the document's structure, and
:mod:`toolkit.deposit_schemas` validates it against METS and PREMIS (or says it could not).
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from lxml import etree
from lxml import html as lxml_html

from toolkit._version import __version__
from toolkit.citetree import CitableUnit, CitationTree
from toolkit.deposit_schemas import METS_NS, PREMIS_NS

__all__ = ["MetsDocument", "build", "payload_digests", "problems", "serialise"]

XSI = "http://www.w3.org/2001/XMLSchema-instance"
XLINK = "http://www.w3.org/1999/xlink"
TEI_NS = "http://www.tei-c.org/ns/1.0"
M = f"{{{METS_NS}}}"
P = f"{{{PREMIS_NS}}}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
AGENT = f"tei-edition-toolkit {__version__}"
#: MIME types of the files an edition package holds (mimetypes' guesses for the rest)
MIME = {".xml": "application/tei+xml", ".odd": "application/tei+xml", ".rng": "application/xml",
        ".sch": "application/xml", ".json": "application/json", ".jsonld": "application/ld+json",
        ".html": "text/html", ".css": "text/css", ".js": "text/javascript", ".txt": "text/plain",
        ".ttl": "text/turtle"}
PHYSICAL_LABEL = "the package's folders"


def mime_type(path: str) -> str:
    suffix = Path(path).suffix.lower()
    return MIME.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


@dataclass(frozen=True)
class MetsDocument:
    """One TEI document of the package: its file in the bag, its HTML (when packaged), its
    title and its citation tree."""

    tei: str
    html: str | None
    title: str
    tree: CitationTree


def _slug(path: str) -> str:
    """An NCName from a path in the bag (IDs of the METS document)."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", path)


def _premis(tag: str, *children: etree._Element, text: str | None = None) -> etree._Element:
    element = etree.Element(P + tag, nsmap={"premis": PREMIS_NS})
    element.text = text
    element.extend(children)
    return element


def _identifier(kind: str, value: str) -> etree._Element:
    return _premis(f"{kind}Identifier", _premis(f"{kind}IdentifierType", text="local"),
                   _premis(f"{kind}IdentifierValue", text=value))


def _object(path: str, digest: str, size: int) -> etree._Element:
    element = _premis("object", _identifier("object", path), _premis(
        "objectCharacteristics",
        _premis("compositionLevel", text="0"),
        _premis("fixity", _premis("messageDigestAlgorithm", text="SHA-256"), _premis("messageDigest", text=digest),
                _premis("messageDigestOriginator", text="tei-edition-toolkit")),
        _premis("size", text=str(size)),
        _premis("format", _premis("formatDesignation", _premis("formatName", text=mime_type(path))))))
    element.set(f"{{{XSI}}}type", "premis:file")
    return element


def _event(identifier: str, kind: str, date: str, detail: str, objects: list[str]) -> etree._Element:
    links = [_premis("linkingObjectIdentifier", _premis("linkingObjectIdentifierType", text="local"),
                     _premis("linkingObjectIdentifierValue", text=path)) for path in objects]
    return _premis("event", _identifier("event", identifier), _premis("eventType", text=kind),
                   _premis("eventDateTime", text=date),
                   _premis("eventDetailInformation", _premis("eventDetail", text=detail)),
                   _premis("eventOutcomeInformation", _premis("eventOutcome", text="success")),
                   _premis("linkingAgentIdentifier", _premis("linkingAgentIdentifierType", text="local"),
                           _premis("linkingAgentIdentifierValue", text=AGENT),
                           _premis("linkingAgentRole", text="executing program")),
                   *links)


def _agent() -> etree._Element:
    return _premis("agent", _identifier("agent", AGENT), _premis("agentName", text="tei-edition-toolkit"),
                   _premis("agentType", text="software"), _premis("agentVersion", text=__version__))


def payload_digests(bag: Path) -> dict[str, str]:
    """Payload path -> SHA-256, from the bag's own manifest."""
    lines = (bag / "manifest-sha256.txt").read_text(encoding="utf-8").splitlines()
    return {path: digest for digest, path in (line.split(maxsplit=1) for line in lines if line.strip())}


def _entries(bag: Path, digests: dict[str, str]):
    """metsrw's tree of the payload: a directory entry per folder, a file entry per file."""
    import metsrw

    files: dict[str, metsrw.FSEntry] = {}

    def folder(path: Path, label: str) -> metsrw.FSEntry:
        children = []
        for child in sorted(path.iterdir(), key=lambda p: (p.is_dir(), p.name)):
            relative = child.relative_to(bag).as_posix()
            if child.is_dir():
                children.append(folder(child, child.name))
            elif relative in digests:
                use = relative.split("/")[1] if relative.count("/") > 1 else "package"
                entry = metsrw.FSEntry(path=relative, label=child.name, use=use, file_uuid=_slug(relative),
                                       checksum=digests[relative], checksumtype="SHA-256")
                entry.add_premis_object(_object(relative, digests[relative], child.stat().st_size))
                files[relative] = entry
                children.append(entry)
        return metsrw.FSEntry.dir(label, children)

    return folder(bag / "data", "data"), files


def _number(entries, dmd) -> None:
    """Fixed IDs and no CREATED stamps, in place of metsrw's process-wide counters and clock."""
    counts: dict[str, int] = {}
    for entry in entries:
        for amdsec in entry.amdsecs:
            counts["amdSec"] = counts.get("amdSec", 0) + 1
            amdsec.id_string = f"amdSec_{counts['amdSec']}"
            for section in amdsec.subsections:
                counts[section.subsection] = counts.get(section.subsection, 0) + 1
                section.id_string = f"{section.subsection}_{counts[section.subsection]}"
                section.created = ""
    dmd.id_string, dmd.created = "dmdSec_1", ""


def _xpointer(element: etree._Element) -> str:
    """An XPointer (xpointer() scheme) to a TEI element without an xml:id."""
    steps = []
    for el in [element, *element.iterancestors()]:
        name = etree.QName(el).localname
        parent = el.getparent()
        position = 1 if parent is None else [c for c in parent if c.tag == el.tag].index(el) + 1
        steps.append(f"tei:{name}[{position}]")
    return f"xmlns(tei={TEI_NS})xpointer(/{'/'.join(reversed(steps))})"


def _html_ids(path: Path) -> set[str]:
    if not path.is_file():
        return set()
    return {str(i) for i in lxml_html.parse(str(path)).getroot().xpath("//@id")}


def _fptr(file_id: str, betype: str | None = None, begin: str | None = None) -> etree._Element:
    fptr = etree.Element(M + "fptr")
    if betype is None:
        fptr.set("FILEID", file_id)
    else:
        etree.SubElement(fptr, M + "area", FILEID=file_id, BETYPE=betype, BEGIN=begin or "")
    return fptr


def _unit_div(unit: CitableUnit, document: MetsDocument, tree: CitationTree, file_ids: dict[str, str],
              anchors: set[str], order: int) -> etree._Element:
    div = etree.Element(M + "div", TYPE=unit.cite_type, LABEL=unit.label, ORDER=str(order),
                        ORDERLABEL=unit.identifier)
    xml_id = unit.element.get(XML_ID)
    div.append(_fptr(file_ids[document.tei], "IDREF" if xml_id else "XPTR", xml_id or _xpointer(unit.element)))
    if document.html and document.html in file_ids and unit.anchor in anchors:
        div.append(_fptr(file_ids[document.html], "IDREF", unit.anchor))
    for n, child in enumerate(tree.children.get(unit.identifier, []), start=1):
        div.append(_unit_div(child, document, tree, file_ids, anchors, n))
    return div


def _logical(edition_id: str, title: str, documents: list[MetsDocument], file_ids: dict[str, str],
             bag: Path) -> etree._Element:
    structmap = etree.Element(M + "structMap", TYPE="logical", ID="structMap_2", LABEL="citation structure")
    edition = etree.SubElement(structmap, M + "div", TYPE="edition", LABEL=title, DMDID="dmdSec_1")
    for n, document in enumerate(documents, start=1):
        div = etree.SubElement(edition, M + "div", TYPE="document", LABEL=document.title, ORDER=str(n),
                               ORDERLABEL=Path(document.tei).stem)
        div.append(_fptr(file_ids[document.tei]))
        if document.html and document.html in file_ids:
            div.append(_fptr(file_ids[document.html]))
        anchors = _html_ids(bag / document.html) if document.html else set()
        for m, unit in enumerate(document.tree.children.get(None, []), start=1):
            div.append(_unit_div(unit, document, document.tree, file_ids, anchors, m))
    return structmap


def build(bag: Path, edition_id: str, title: str, date: str, dublin_core: bytes,
          documents: list[MetsDocument]) -> etree._Element:
    """The METS document of the bag in ``bag`` (its payload manifests written already):
    ``date`` (YYYY-MM-DD) is the package's Bagging-Date, ``dublin_core`` the oai_dc record."""
    import metsrw

    digests = payload_digests(bag)
    data, files = _entries(bag, digests)
    package = metsrw.FSEntry.dir(edition_id, [data])
    dc = etree.fromstring(dublin_core, etree.XMLParser(no_network=True, resolve_entities=False,
                                                       remove_blank_text=True))
    dmd = package.add_dublin_core(dc)
    paths = sorted(files)
    package.add_premis_event(_event(f"{edition_id}/creation", "creation", date,
                                    "the deposit package built from the TEI sources", paths))
    package.add_premis_event(_event(f"{edition_id}/message-digest-calculation", "message digest calculation", date,
                                    "SHA-256 and SHA-512 of every payload file (the bag's manifests)", paths))
    package.add_premis_agent(_agent())
    _number([package, *(files[p] for p in paths)], dmd)
    mets = metsrw.METSDocument()
    mets.objid = edition_id
    mets.agents.append(metsrw.Agent("CREATOR", type="SOFTWARE", name=AGENT))
    mets.append_file(package)
    root = mets.serialize(normative_structmap=False)
    header = root.find(M + "metsHdr")
    if header is not None:
        header.attrib.pop("LASTMODDATE", None)
        header.set("CREATEDATE", f"{date}T00:00:00Z")  # METS needs a dateTime: the day the package is dated
    for structmap in root.iter(M + "structMap"):
        structmap.set("LABEL", PHYSICAL_LABEL)
    by_id = {entry.file_id(): path for path, entry in files.items()}
    for element in root.iter(M + "file"):
        relative = by_id[element.get("ID", "")]
        element.set("MIMETYPE", mime_type(relative))
        element.set("SIZE", str((bag / relative).stat().st_size))
    _sort_filesec(root)
    file_ids = {path: entry.file_id() for path, entry in files.items()}
    root.append(_logical(edition_id, title, documents, file_ids, bag))
    return root


def _sort_filesec(root: etree._Element) -> None:
    """metsrw collects the files in a set: put the groups and their files in a fixed order."""
    filesec = root.find(M + "fileSec")
    if filesec is None:
        return
    groups = sorted(filesec, key=lambda g: g.get("USE", ""))
    for group in groups:
        group[:] = sorted(group, key=lambda f: f.get("ID", ""))
    filesec[:] = groups


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _references(root: etree._Element) -> list[str]:
    ids = {str(i) for i in root.xpath("//@ID")}
    return [f"line {element.sourceline}: {attribute} {ref!r} names no ID"
            for attribute in ("FILEID", "ADMID", "DMDID") for element in root.xpath(f"//*[@{attribute}]")
            for ref in element.get(attribute, "").split() if ref not in ids]


def _listed(root: etree._Element) -> tuple[dict[str, str], list[str]]:
    """The fileSec's files (href -> SHA-256), and those without a SHA-256."""
    listed: dict[str, str] = {}
    found = []
    for element in root.iter(M + "file"):
        location = element.find(M + "FLocat")
        href = unquote(location.get(f"{{{XLINK}}}href", "")) if location is not None else ""
        if not element.get("CHECKSUM") or element.get("CHECKSUMTYPE") != "SHA-256":
            found.append(f"line {element.sourceline}: the file {href!r} has no SHA-256 checksum")
        listed[href] = element.get("CHECKSUM", "")
    return listed, found


def problems(root: etree._Element, payload: dict[str, str] | None = None) -> list[str]:
    """What the METS schemas cannot say, and what can be checked without them: the root, the
    sections, every ID reference resolving, every file with a checksum; with ``payload`` (path ->
    SHA-256, the bag's manifest) every payload file listed once, with its checksum."""
    if root.tag != M + "mets":
        return [f"the root element is {root.tag!r}, not mets:mets"]
    found = [f"no {section}" for section in ("metsHdr", "dmdSec", "amdSec", "fileSec", "structMap")
             if root.find(M + section) is None]
    found += _references(root)
    listed, unchecked = _listed(root)
    found += unchecked
    if payload is None:
        return found
    for path, digest in sorted(payload.items()):
        if path not in listed:
            found.append(f"the payload file {path} is not in the fileSec")
        elif listed[path] != digest:
            found.append(f"the fileSec's checksum of {path} is not the manifest's")
    extra = sorted(set(listed) - set(payload))
    return found + [f"the fileSec lists {path}, which is not in the payload" for path in extra]
