"""The XML schemas of deposit metadata, from a local folder, never from the network.

METS 1.12.1 imports the Library of Congress's XLink schema by URL, PREMIS 3.0 and the OAI-PMH
2.0 schemas are published at URLs too. The folder named by the ``deposit-schemas`` setting
(default ``../shared/deposit-schemas`` beside the project, when it exists) holds copies of them
and an OASIS catalog (``catalog.xml``) mapping those URLs to the copies. The schemas are
compiled with one lxml parser whose :class:`lxml.etree.Resolver` answers from that mapping;
the parser has ``no_network`` set, so a URL the catalog does not map is never fetched.

:func:`check` validates a document against one of the sets (``mets``: METS with PREMIS and
Dublin Core inside it; ``oai``: an OAI-PMH response with ``oai_dc`` records). Without the
folder it returns a warning that schema validation was not possible: never a silent pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from toolkit.config import Config
from toolkit.diagnostics import WARNING, Diagnostic
from toolkit.errors import problem

__all__ = ["SchemaSet", "check", "folder_of", "schema_set"]

CATALOG_NS = "urn:oasis:names:tc:entity:xmlns:xml:catalog"
METS_NS = "http://www.loc.gov/METS/"
PREMIS_NS = "http://www.loc.gov/premis/v3"
OAI_NS = "http://www.openarchives.org/OAI/2.0/"
OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"

#: The files each set needs, relative to the folder: (namespace, file)
SETS: dict[str, tuple[tuple[str, str], ...]] = {
    "mets": ((METS_NS, "mets-1.12.1.xsd"), (PREMIS_NS, "premis-v3-0.xsd"), (OAI_DC_NS, "oai/oai_dc.xsd")),
    "oai": ((OAI_NS, "oai/OAI-PMH.xsd"), (OAI_DC_NS, "oai/oai_dc.xsd")),
}
#: URLs the schemas import that the catalog does not list (the oai_dc copy imports Simple DC
#: from a mirror, see the folder's README), and the OAI-PMH schemas' own URLs
EXTRA_URLS = {
    "http://vo.ari.uni-heidelberg.de/docs/schemata/simpledc20021212.xsd": "oai/simpledc20021212.xsd",
    "http://dublincore.org/schemas/xmls/simpledc20021212.xsd": "oai/simpledc20021212.xsd",
    "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd": "oai/OAI-PMH.xsd",
    "http://www.openarchives.org/OAI/2.0/oai_dc.xsd": "oai/oai_dc.xsd",
    "http://www.w3.org/2001/xml.xsd": "oai/xml.xsd",
}
DEFAULT_FOLDER = Path("..") / "shared" / "deposit-schemas"


def folder_of(config: Config) -> Path | None:
    """The folder of deposit schemas the settings name (``deposit-schemas``), else
    ``../shared/deposit-schemas`` beside the project's tei.toml (or the working directory)
    when that exists; None when there is none."""
    named = config.path_of("deposit-schemas")
    if named is not None:
        return named
    base = config.path.parent if config.path is not None else Path(".")
    found = base / DEFAULT_FOLDER
    return found if (found / "catalog.xml").is_file() else None


class _Catalog(etree.Resolver):
    """Answers the schemas' URLs from local files (and nothing else)."""

    def __init__(self, mapping: dict[str, Path]):
        super().__init__()
        self.mapping = mapping

    def resolve(self, system_url, public_id, context):
        path = self.mapping.get(system_url or "")
        return self.resolve_filename(str(path), context) if path is not None else None


def _mapping(folder: Path) -> dict[str, Path]:
    """URL -> local file, from the folder's OASIS catalog and :data:`EXTRA_URLS`."""
    mapping = {url: folder / name for url, name in EXTRA_URLS.items()}
    catalog = etree.parse(str(folder / "catalog.xml"), etree.XMLParser(no_network=True, resolve_entities=False))
    for entry in catalog.iter(f"{{{CATALOG_NS}}}uri", f"{{{CATALOG_NS}}}system"):
        url = entry.get("name") or entry.get("systemId")
        if url and entry.get("uri"):
            mapping[url] = folder / entry.get("uri", "")
    return mapping


@dataclass(frozen=True)
class SchemaSet:
    """One compiled set of schemas (a wrapper schema importing each namespace's schema)."""

    name: str
    folder: Path
    schema: etree.XMLSchema

    def errors(self, document: etree._Element | etree._ElementTree) -> list[str]:
        """Every way ``document`` breaks the schemas (empty: valid), as ``line N: message``."""
        if self.schema.validate(document):
            return []
        return [f"line {e.line}: {e.message}" for e in self.schema.error_log]


@lru_cache(maxsize=8)
def schema_set(folder: Path, name: str, extra: tuple[tuple[str, Path], ...] = ()) -> SchemaSet:
    """The compiled schemas ``name`` (see :data:`SETS`) from ``folder``, and the ``extra``
    (namespace, schema file) ones (a metadata format's own schema, for OAI-PMH's strict
    wildcard); raises :class:`lxml.etree.XMLSchemaParseError` (or OSError) when they do not compile."""
    folder = Path(folder).resolve()
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    parser.resolvers.add(_Catalog(_mapping(folder)))
    files = [(ns, folder / file) for ns, file in SETS[name]] + [(ns, Path(file).resolve()) for ns, file in extra]
    imports = "".join(f'<xs:import namespace="{ns}" schemaLocation="{file.as_uri()}"/>' for ns, file in files)
    wrapper = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    root = etree.fromstring(wrapper.encode(), parser, base_url=(folder / f"{name}-wrapper.xsd").as_uri())
    return SchemaSet(name, folder, etree.XMLSchema(root))


def check(document: etree._Element | etree._ElementTree, name: str, folder: Path | None,
          shown: str, layer: str) -> list[Diagnostic]:
    """``document`` checked against the schema set ``name`` from ``folder``: one error per
    problem; without the folder (or when its schemas do not compile), one warning saying that
    schema validation was not possible (the caller has checked the structure itself)."""
    if folder is None or not (Path(folder) / "catalog.xml").is_file():
        where = "no deposit-schemas folder" if folder is None else f"no catalog.xml in {folder}"
        return [problem(shown, layer, "schema-unavailable",
                        f"not validated against the {name.upper()} schemas ({where}; set deposit-schemas in "
                        "tei.toml): only its structure was checked", severity=WARNING)]
    try:
        schemas = schema_set(Path(folder), name)
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError) as exc:
        return [problem(shown, layer, "schema-unavailable",
                        f"not validated: the {name.upper()} schemas in {folder} do not compile ({exc}); only its "
                        "structure was checked", severity=WARNING)]
    return [problem(shown, layer, name, f"not valid {name.upper()}: {message}") for message in schemas.errors(document)]
