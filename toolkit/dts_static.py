"""``tei build --dts``: the DTS responses that need no query parameter, as files in ``output/dts/``.

For hosting the API without a server (any static web host)::

    dts/index.json                   the Entry (its templates point at the files below)
    dts/collection/root.json         the root collection, with every resource
    dts/collection/ID.json           one resource
    dts/navigation/ID.json           its whole citation tree (the response to down=-1)
    dts/document/ID.xml              its TEI, unchanged
    dts/README.txt                   what a static host cannot do

Links inside the files are relative to the file they are in, so the folder can be hosted anywhere.
``tei serve`` reads the same ``dts/document/`` folder for the full, parameterised API.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from toolkit.context import BuildContext
from toolkit.dts import ROOT_ID, Library, collection, entry, navigation

__all__ = ["README", "static_files"]

README = """DTS 1.0 responses of this edition, as static files
====================================================

index.json is the DTS Entry endpoint. Its URI templates point at files:

  collection/{id}.json       a collection ("root": the whole edition) or one resource
  navigation/{resource}.json a resource's whole citation tree (the answer to down=-1)
  document/{resource}.xml    a resource's TEI, unchanged

What static hosting cannot do: a file cannot read query parameters. So there is no
ref, start/end, down (other than the whole tree), tree, page or nav=parents here, no
Document response for one passage or a range, no text/html or text/plain media type,
and no error responses in the specification's form (a missing file is the web server's
own 404). This is a Level 0 DTS export. For the whole API, serve the same output folder
with `tei serve` (or, in production, `uvicorn --factory toolkit.server:app_from_env`).
"""


def _dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _name(doc_id: str) -> str:
    return quote(doc_id, safe="")


def _links(resource: dict, here: str) -> None:
    """Point a Resource's templates at the static files (``here``: the file's folder)."""
    name = _name(resource["@id"])
    up = "" if here == "dts" else "../"
    resource["collection"] = f"{up}collection/{name}.json" if here != "collection" else f"{name}.json"
    resource["navigation"] = f"{up}navigation/{name}.json" if here != "navigation" else f"{name}.json"
    resource["document"] = f"{up}document/{name}.xml"
    if "download" in resource:
        resource["download"] = resource["document"]


def static_files(paths: list[Path], context: BuildContext,
                 previous: Library | None = None) -> tuple[dict[str, str | bytes], Library]:
    """Every file of ``output/dts/`` (relative path -> content) for the documents ``paths``, and
    the library read. Documents unchanged since ``previous`` (the library of the caller's
    previous run: ``tei serve`` rebuilding on every save) are not read again."""
    library = Library(paths, context, nav_page_size=2**62, previous=previous)  # a static file is never paginated
    files: dict[str, str | bytes] = {"dts/README.txt": README}
    point = entry(".").body
    point.update({"@id": "index.json", "collection": "collection/{id}.json",
                  "navigation": "navigation/{resource}.json", "document": "document/{resource}.xml"})
    files["dts/index.json"] = _dump(point)
    root = collection(library, "", {"id": ROOT_ID}).body
    root["collection"] = "{id}.json"
    for member in root["member"]:
        _links(member, "collection")
    files[f"dts/collection/{ROOT_ID}.json"] = _dump(root)
    site = "../.."
    for doc_id, doc in library.documents.items():
        one = collection(library, "", {"id": doc_id}).body
        _links(one, "collection")
        files[f"dts/collection/{_name(doc_id)}.json"] = _dump(one)
        url = f"{_name(doc_id)}.json"
        tree = navigation(library, "", site, url, {"resource": doc_id, "down": "-1"}).body
        _links(tree["resource"], "navigation")
        files[f"dts/navigation/{_name(doc_id)}.json"] = _dump(tree)
        files[f"dts/document/{_name(doc_id)}.xml"] = doc.parsed.standalone()
    return files, library
