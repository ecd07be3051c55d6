"""``data/ro-crate-metadata.json``: the package's payload as an RO-Crate 1.3, built with ``rocrate``.

The bag's payload folder (``data/``) is the crate's root, as the RO-Crate specification says
for a crate carried in a BagIt bag: the metadata file is payload, listed in the bag's
manifests. The root dataset is the edition; its name, description, creators, contributors,
publisher, licence, subjects, language and publication date are the header's facts, as
``xslt/metadata.xsl`` extracts them for DataCite (the same JSON, so the two never disagree);
the source the edition is derived from is its ``isBasedOn``. Every payload file is a
``File`` with its MIME type and size; the rendered files (HTML, text, the index) are
``isBasedOn`` the TEI they were made from. Nothing is invented: a fact the header does not
give is left out, and the date is the header's (``Issued``), never the clock's.
"""

from __future__ import annotations

import json
from pathlib import Path

from toolkit.mets import mime_type

__all__ = ["FILE_NAME", "crate_json"]

FILE_NAME = "ro-crate-metadata.json"


def _dates(header: dict, kind: str) -> list[str]:
    return [d["date"] for d in header.get("dates", []) if d.get("dateType") == kind and d.get("date")]


def _agents(crate, people: list[dict], prefix: str) -> list:
    """Contextual entities (Person or Organization) for DataCite creators or contributors."""
    from rocrate.model.contextentity import ContextEntity

    found = []
    for n, agent in enumerate(people, start=1):
        # the header says which (nameType); when it does not, nothing is claimed (a Thing)
        kind = {"Personal": "Person", "Organizational": "Organization"}.get(agent.get("nameType", ""), "Thing")
        properties: dict = {"@type": kind, "name": agent["name"]}
        if agent.get("contributorType"):
            properties["description"] = f"DataCite contributor type: {agent['contributorType']}"
        found.append(crate.add(ContextEntity(crate, f"#{prefix}-{n}", properties=properties)))
    return found


def _licences(crate, header: dict) -> list:
    from rocrate.model.contextentity import ContextEntity

    found = []
    for n, rights in enumerate(header.get("rightsList", []), start=1):
        identifier = rights.get("rightsUri") or f"#rights-{n}"
        properties = {"@type": "CreativeWork", "name": rights.get("rights") or identifier}
        found.append(crate.add(ContextEntity(crate, identifier, properties=properties)))
    return found


def _sources(crate, header: dict) -> list:
    """What the edition is derived from: DataCite IsDerivedFrom relations (URL, DOI)."""
    from rocrate.model.contextentity import ContextEntity

    found = []
    items = [i for i in header.get("relatedItems", []) if i.get("relationType") == "IsDerivedFrom"]
    for related in header.get("relatedIdentifiers", []):
        if related.get("relationType") != "IsDerivedFrom":
            continue
        value = related.get("relatedIdentifier", "")
        url = f"https://doi.org/{value}" if related.get("relatedIdentifierType") == "DOI" else value
        properties: dict = {"@type": "CreativeWork"}
        if items:
            properties["name"] = ", ".join(t["title"] for t in items[0].get("titles", []) if t.get("title"))
        found.append(crate.add(ContextEntity(crate, url, properties=properties)))
    return found


def _one_or_list(values: list):
    """A single value as itself, not a singleton list (RO-Crate 1.3's JSON-LD form)."""
    return values[0] if len(values) == 1 else values


def _root(crate, header: dict) -> None:
    """The root dataset's properties: the edition, as its header describes it."""
    root = crate.root_dataset
    titles = [t["title"] for t in header.get("titles", []) if t.get("title")]
    issued = _dates(header, "Issued")
    identifiers = ([f"https://doi.org/{header['doi']}"] if header.get("doi") else []) + \
        [i["alternateIdentifier"] for i in header.get("alternateIdentifiers", [])]
    subjects = [s["subject"] for s in header.get("subjects", []) if s.get("subject")]
    publisher = header.get("publisher", {}).get("name")
    values = {
        "name": titles[:1],
        "description": [d["description"] for d in header.get("descriptions", [])][:1],
        "datePublished": issued[:1] or [header.get("publicationYear", "")],
        "identifier": identifiers,
        "inLanguage": [header["language"]] if header.get("language") else [],
        "keywords": [subjects] if subjects else [],
        "author": _agents(crate, header.get("creators", []), "creator"),
        "contributor": _agents(crate, header.get("contributors", []), "contributor"),
        "license": _licences(crate, header),
        "isBasedOn": _sources(crate, header),
        "publisher": _agents(crate, [{"name": publisher, "nameType": "Organizational"}], "publisher")
        if publisher else [],
    }
    for key, value in values.items():
        if value:
            root[key] = _one_or_list(value)


def crate_json(payload: Path, header: dict, tei_files: list[str]) -> str:
    """The RO-Crate metadata of the payload folder ``payload`` (its files written already);
    ``header``: the DataCite-shaped facts of the edition (metadata.xsl's ``datacite`` format);
    ``tei_files``: the TEI files, relative to ``payload``."""
    from rocrate.rocrate import ROCrate

    crate = ROCrate(gen_preview=False)
    _root(crate, header)
    files = {}
    for path in sorted(p for p in payload.rglob("*") if p.is_file() and p.name != FILE_NAME):
        relative = path.relative_to(payload).as_posix()
        files[relative] = crate.add_file(str(path), dest_path=relative, properties={
            "name": path.name, "encodingFormat": mime_type(relative), "contentSize": str(path.stat().st_size)})
    teis = {Path(t).stem: files[t] for t in tei_files if t in files}
    for relative, entity in files.items():
        if relative in tei_files or Path(relative).suffix in (".css", ".js"):
            continue
        if Path(relative).stem in teis:
            entity["isBasedOn"] = teis[Path(relative).stem]
        elif relative.startswith("index/"):
            entity["isBasedOn"] = _one_or_list(list(teis.values()))
    return json.dumps(crate.metadata.generate(), ensure_ascii=False, indent=2) + "\n"
