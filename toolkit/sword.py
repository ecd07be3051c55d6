"""``tei deposit --sword``: a package sent to a SWORD 2.0 server (DSpace, Software Heritage …).

SWORD 2.0 (an AtomPub profile): the client reads the server's service document (HTTP Basic
authentication), picks a collection (the first, or the one named), and POSTs the package's
zip to it as a binary deposit, with its MD5 (``Content-MD5``), its packaging (SimpleZip by
default), its file name and ``In-Progress: false``; the server answers ``201 Created`` with a
deposit receipt (an Atom entry naming the deposit's edit, media and state IRIs). Every
failure is one diagnostic: 401 (the credentials), 412 (the checksum the server computed is
not the one sent), a SWORD error document's summary, or a server that cannot be reached.
The credentials come from the caller (the CLI reads them from the environment or a prompt,
never from the command line). Only the standard library speaks HTTP here.
"""

from __future__ import annotations

import base64
import hashlib
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlparse

from lxml import etree

from toolkit.errors import OutputError, UsageError, fail

__all__ = ["SIMPLE_ZIP", "Collection", "Credentials", "Receipt", "collections", "deposit"]

SIMPLE_ZIP = "http://purl.org/net/sword/package/SimpleZip"
APP = "http://www.w3.org/2007/app"
ATOM = "http://www.w3.org/2005/Atom"
SWORD = "http://purl.org/net/sword/terms/"
NS = {"app": APP, "atom": ATOM, "sword": SWORD}
LINKS = {"edit": "Edit-IRI", "edit-media": "EM-IRI", f"{SWORD}add": "SE-IRI", f"{SWORD}statement": "State-IRI",
         "alternate": "State-IRI"}
TIMEOUT = 120
_PARSER = etree.XMLParser(no_network=True, resolve_entities=False)


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str = field(repr=False)

    def header(self) -> str:
        return "Basic " + base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")


@dataclass(frozen=True)
class Collection:
    href: str
    title: str
    packaging: tuple[str, ...]


@dataclass(frozen=True)
class Receipt:
    """The server's answer to a deposit: the status, the Location, the IRIs of the receipt."""

    status: int
    location: str
    links: dict[str, str]
    body: str

    def lines(self) -> list[str]:
        found = [f"deposited: HTTP {self.status}, Location {self.location or '(none)'}"]
        found += [f"  {name}: {href}" for name, href in self.links.items()]
        return found


def _fail(where: str, rule: str, message: str) -> OutputError:
    return fail(OutputError, where, "sword", rule, message)


def _sword_error(body: bytes) -> str:
    """A SWORD error document's summary and description (or the start of the body)."""
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError:
        return " ".join(body.decode("utf-8", "replace").split())[:200]
    parts = [" ".join((root.findtext(f"{{{ATOM}}}summary") or "").split()),
             " ".join((root.findtext(f"{{{SWORD}}}verboseDescription") or "").split())]
    return ": ".join(p for p in parts if p) or str(root.tag)


def _request(url: str, credentials: Credentials, method: str = "GET", data: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    if urlparse(url).scheme not in ("http", "https"):
        raise UsageError(f"--sword {url!r} is not an http(s) URL")
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Authorization": credentials.header(), **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - http(s) checked above
            return response.status, dict(response.headers.items()), response.read()
    except urllib.error.HTTPError as exc:
        body = exc.read()
        if exc.code == 401:
            raise _fail(url, "sword-auth", f"HTTP 401: the server refused the credentials of {credentials.user!r}"
                        ) from None
        if exc.code == 412:
            raise _fail(url, "sword-checksum", f"HTTP 412: the server's checksum of the package is not the one "
                                               f"sent ({_sword_error(body)})") from None
        raise _fail(url, "sword", f"HTTP {exc.code}: {_sword_error(body)}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise _fail(url, "sword-connection", f"cannot reach the SWORD server: {getattr(exc, 'reason', exc)}"
                    ) from None


def content_md5(data: bytes) -> str:
    """The Content-MD5 SWORD 2.0 servers compare (DSpace, Software Heritage): the hex digest."""
    return hashlib.md5(data).hexdigest()  # noqa: S324 - a transfer checksum the protocol names, not security


def collections(service_document: str, credentials: Credentials) -> list[Collection]:
    """The collections a SWORD 2.0 service document offers this user."""
    _, _, body = _request(service_document, credentials)
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise _fail(service_document, "sword", f"not a SWORD service document: {exc}") from None
    found = [Collection(urljoin(service_document, c.get("href", "")), " ".join((c.findtext("atom:title", namespaces=NS)
                                                                                or "").split()),
                        tuple(p.text or "" for p in c.iterfind("sword:acceptPackaging", NS)))
             for c in root.iterfind(".//app:collection", NS)]
    if not found:
        raise _fail(service_document, "sword", "the service document offers no collection")
    return found


def _choose(found: list[Collection], wanted: str | None, where: str) -> Collection:
    if wanted is None:
        return found[0]
    for collection in found:
        if wanted in (collection.href, collection.title) or collection.href.rstrip("/").endswith("/" + wanted):
            return collection
    raise UsageError(f"{where}: no collection {wanted!r}; collections: {', '.join(c.href for c in found)}")


def deposit(package: Path, service_document: str, credentials: Credentials, collection: str | None = None,
            packaging: str = SIMPLE_ZIP, slug: str | None = None) -> Receipt:
    """POST the zip ``package`` to a collection of the SWORD 2.0 server whose service document
    is at ``service_document``; the server's receipt, or an :class:`OutputError` naming the
    problem (nothing is retried)."""
    package = Path(package)
    if not package.is_file() or package.suffix != ".zip":
        raise UsageError(f"{package}: not a package zip (tei package writes output/deposit/<edition-id>.zip)")
    target = _choose(collections(service_document, credentials), collection, service_document)
    if target.packaging and packaging not in target.packaging:
        raise _fail(target.href, "sword-packaging", f"the collection does not accept {packaging}; it accepts "
                                                    f"{', '.join(target.packaging)}")
    data = package.read_bytes()
    headers = {"Content-Type": "application/zip", "Content-MD5": content_md5(data),
               "Content-Disposition": f"attachment; filename={package.name}", "Packaging": packaging,
               "In-Progress": "false"}
    if slug:
        headers["Slug"] = slug
    status, response_headers, body = _request(target.href, credentials, "POST", data, headers)
    links: dict[str, str] = {}
    try:
        for link in etree.fromstring(body, _PARSER).iterfind("atom:link", NS):
            name = LINKS.get(link.get("rel", ""))
            if name and name not in links:
                links[name] = link.get("href", "")
    except etree.XMLSyntaxError:
        pass  # a receipt is optional in SWORD 2.0: the Location is enough
    location = next((v for k, v in response_headers.items() if k.lower() == "location"), "")
    return Receipt(status, location, links, body.decode("utf-8", "replace"))
