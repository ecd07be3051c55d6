"""Remote schemas, fetched only on request (``--fetch-schemas`` or the ``fetch-schemas``
setting), into a cache on disk.

Only ``http:`` and ``https:`` URLs are fetched (a redirect to another scheme is refused),
with a timeout (:data:`TIMEOUT` seconds) and a size limit (:data:`MAX_BYTES`). A fetched
schema is kept in the user's cache folder (:func:`toolkit.jing.cache_folder`, in
``schemas/``), named by the SHA-256 of its URL, and used from there on every later run
without asking the network again: delete the file (or the folder) to fetch it anew.
"""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.request
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

from toolkit.atomic import write_atomic
from toolkit.jing import cache_folder

__all__ = ["MAX_BYTES", "TIMEOUT", "FetchError", "cached_path", "fetch", "fetchable"]

TIMEOUT = 20.0
MAX_BYTES = 16 * 1024 * 1024  # tei_all.rng is about 1 MB
SCHEMES = ("http", "https")


class FetchError(Exception):
    """Why a remote schema could not be fetched (the message is shown to the user)."""


def fetchable(url: str) -> bool:
    return urlparse(url).scheme.lower() in SCHEMES


def cached_path(url: str, folder: Path | None = None) -> Path:
    """Where the schema at ``url`` is (or would be) cached."""
    suffix = PurePosixPath(urlparse(url).path).suffix.lower()
    name = hashlib.sha256(url.encode("utf-8")).hexdigest() + (suffix if suffix in (".rng", ".rnc", ".sch") else "")
    return (folder or cache_folder() / "schemas") / name


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not fetchable(newurl):
            raise FetchError(f"redirected to {newurl}, which is not http(s)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, folder: Path | None = None, timeout: float = TIMEOUT, limit: int = MAX_BYTES) -> Path:
    """The local copy of the schema at ``url``: the cached one, else fetched now and cached.
    Raises :class:`FetchError` saying why it could not be fetched."""
    target = cached_path(url, folder)
    if target.is_file():
        return target
    if not fetchable(url):
        raise FetchError(f"only http and https URLs are fetched, not {urlparse(url).scheme or 'this'}:")
    opener = urllib.request.build_opener(_HttpOnlyRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": "tei-edition-toolkit (schema fetch)"})
    try:
        with opener.open(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise FetchError(f"it is {int(declared)} bytes, more than the limit of {limit}")
            data = response.read(limit + 1)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        raise FetchError(getattr(reason, "strerror", None) or str(reason)) from None
    except TimeoutError:
        raise FetchError(f"no answer within {timeout:g} s") from None
    except OSError as exc:
        raise FetchError(exc.strerror or str(exc)) from None
    if len(data) > limit:
        raise FetchError(f"it is more than the limit of {limit} bytes")
    write_atomic(target, data)
    return target
