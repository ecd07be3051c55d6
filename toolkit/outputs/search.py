"""Full-text search with facets, without a server: ``search/index.html`` and the Pagefind
bundle in ``pagefind/`` (:mod:`toolkit.pagefind_bundle`).

Made after the reading edition, from its pages as this run staged them: each page's search
records (:mod:`toolkit.search_records`: one per citable passage, with the document's facets
and the register entries the passage names) are indexed by Pagefind, in the page's language.
The search page (``xslt/search.xsl``, with ``xslt/assets/search/``) runs the query in the
browser. Incremental: the key is the digest of every page (which carries everything the
records are made of) and the build context; an unchanged corpus copies the previous bundle
from the build cache, and Pagefind is not run.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from lxml import etree

from toolkit import pagefind_bundle
from toolkit.cache import FORMAT
from toolkit.outputs.html import HTML, verify_html
from toolkit.outputs.kind import CORPUS, Output
from toolkit.outputs.run import CorpusRun
from toolkit.resources import asset_dir
from toolkit.search_records import page_records
from toolkit.xslt import engine

__all__ = ["SEARCH", "FACETS", "search_key"]

PAGE = "search/index.html"
BUNDLE = "pagefind"
ED = "urn:x-tei-edition-toolkit"
#: the files of Pagefind's ready-made interfaces, which the search page does not use
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")
#: the facets (Pagefind filters) in the order the page shows them, with their labels
FACETS = (("document", "Document"), ("type", "Text type"), ("language", "Language"), ("decade", "Date (decade)"),
          ("author", "Author"), ("person", "Persons named"), ("place", "Places named"),
          ("org", "Organisations named"))


def _pages(run: CorpusRun) -> list[tuple[str, Path]]:
    """(URL relative to the site root, staged file) of each reading-edition page of the run, by stem."""
    pages = []
    for stem in sorted(p.stem for p in run.paths):
        relative = HTML.path_of(stem)
        if relative is not None and run.stage.path(relative).is_file():
            pages.append((relative, run.stage.path(relative)))
    return pages


def search_key(pages: list[tuple[str, Path]], context_key: str) -> str:
    """The cache key of the search output: every page's URL and bytes, the build context (the
    stylesheets and the search page's assets are in it) and the Pagefind version."""
    digest = hashlib.sha256(f"search:{FORMAT}:{context_key}:pagefind-{_pagefind_version()}".encode())
    for url, path in pages:
        digest.update(url.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _pagefind_version() -> str:
    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "absent"


def search_page(run: CorpusRun) -> str:
    """The search page's HTML (``xslt/search.xsl``)."""
    root = etree.Element(f"{{{ED}}}search", nsmap={"ed": ED})
    for name, label in FACETS:
        etree.SubElement(root, f"{{{ED}}}facet", name=name, label=label)
    return engine(run.context).transform("search.xsl", root, run.context.stylesheet_params(None))


def reduce_search(run: CorpusRun) -> None:
    """Stage the search page, its script and style, and the Pagefind bundle (from the cache when
    no page changed)."""
    pages = _pages(run)
    key = search_key(pages, run.context.key)
    cached = run.store.get_files(key) if run.store is not None else None
    if cached is not None and PAGE in cached:
        for relative, path in cached.items():
            run.stage.copy_in(relative, path)
        return
    records = (record for url, path in pages for record in page_records(path, url))
    pagefind_bundle.write_bundle(records, run.stage.path(BUNDLE))
    for name in UNUSED:  # Pagefind's own interfaces: the search page has its own
        run.stage.path(f"{BUNDLE}/{name}").unlink(missing_ok=True)
    run.stage.write(PAGE, search_page(run))
    for asset in sorted((asset_dir() / "search").iterdir()):
        run.stage.write(f"search/{asset.name}", asset.read_bytes())
    if run.store is not None:
        written = [str(p.relative_to(run.stage.root)) for folder in ("search", BUNDLE)
                   for p in sorted(run.stage.path(folder).rglob("*")) if p.is_file()]
        run.store.put_files(key, run.stage.root, written)


def verify_search(path: Path) -> list[str]:
    """The page is checked as HTML; the bundle's entry file parses and names its languages."""
    if path.suffix == ".html":
        return verify_html(path)
    if path.name == "pagefind-entry.json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            return [f"not JSON: {exc}"]
        return [] if isinstance(data.get("languages"), dict) else ["no 'languages' in the Pagefind entry file"]
    return []


SEARCH = Output(
    name="search", summary="full-text search with facets, in the browser (Pagefind): search/ and pagefind/",
    folder="search", scope=CORPUS, reduce=reduce_search, needs=("html", "assets"), assets=True,
    packaged=False, verify=verify_search, owns=(BUNDLE,))
