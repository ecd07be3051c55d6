"""The site: the home page ``index.html`` at the output folder's root, and the register pages
``registers/index.html`` and ``registers/<kind>.html`` (``xslt/site.xsl``).

A corpus output made from the citation index's partials (so it ``needs`` the index), in
bounded memory like the index: ``site.xsl`` gives each page's frame, whose slots are filled
batch by batch, the home page's rows from the documents' heads (their title, link and header
facts: date, authors, type, language), a register page's entries with the citation index's
own items (``index.xsl``, format ``html-items``). Copied from the build cache when no partial
and nothing in the context changed. While it is wanted, every page frames itself with the
site's navigation, and each document page links to its neighbours (:mod:`toolkit.site`).
"""

from __future__ import annotations

from lxml import etree

from toolkit.cache import index_key
from toolkit.context import BuildContext
from toolkit.indexmerge import IndexMerge, html_slots
from toolkit.outputs.html import verify_html
from toolkit.outputs.kind import CORPUS, Output
from toolkit.outputs.run import CorpusRun
from toolkit.resources import asset_dir
from toolkit.site import SITE
from toolkit.staging import Staging
from toolkit.xmlsafe import ED_NS as ED
from toolkit.xslt import engine

__all__ = ["HOME", "REGISTERS", "SITE_OUTPUT", "register_file"]

HOME, REGISTERS = "index.html", "registers"
#: the home page's script (xslt/assets/site/site.js: not beside every page, as edition.js is)
SCRIPT = f"{REGISTERS}/site.js"


def register_file(kind: str) -> str:
    """The page of one kind of register entry (as ``xslt/common/frame.xsl``'s ed:register-file)."""
    return f"{REGISTERS}/{'organisations' if kind == 'org' else kind + 's'}.html"


def site_files(counts: dict[str, int]) -> list[str]:
    return [HOME, f"{REGISTERS}/index.html", *(register_file(kind) for kind in counts)]


def summary(documents: int, counts: dict[str, int]) -> str:
    """site.xsl's input: how many documents, and each kind of register entry with its count."""
    site = etree.Element(f"{{{ED}}}site", documents=str(documents), nsmap={"ed": ED})
    for kind, count in counts.items():
        etree.SubElement(site, f"{{{ED}}}register", type=kind, count=str(count))
    return etree.tostring(site, encoding="unicode")


def _page(context: BuildContext, document: str, **params: str | int | bool) -> str:
    (text,) = engine(context).transform_each(document, [("site.xsl", context.stylesheet_params(None, **params))])
    return text


def write_home(stage: Staging, context: BuildContext, merge: IndexMerge, site: str) -> None:
    """The home page, its table's rows written batch by batch."""
    params: dict[str, str | int | bool] = {
        "site-at-root": True, "site-root-href": "", "css-href": f"{REGISTERS}/edition.css",
        "js-href": SCRIPT, "edition-dir-href": "html/", "index-href": "index/citation-index.html",
        **context.assets.hrefs(prefix="")}
    if not any(p.name == "changes-href" for p in context.params):  # the run writes the changes page
        params["changes-href"] = "releases/changes.html"
    with stage.open(HOME) as out:
        for part in html_slots(_page(context, site, page="home", **params)):
            if isinstance(part, str):
                out.write(part)
                continue
            for batch in merge.heads():
                out.write(_page(context, batch, page="home-rows", **params))


def write_registers(stage: Staging, context: BuildContext, merge: IndexMerge, site: str,
                    counts: dict[str, int]) -> None:
    """The list of registers, then one page per kind, filled with the citation index's items."""
    stage.write(f"{REGISTERS}/index.html", _page(context, site, page="registers"))
    for kind in counts:
        with stage.open(register_file(kind)) as out:
            for part in html_slots(_page(context, site, page="register", **{"register-type": kind})):
                if isinstance(part, str):
                    out.write(part)
                else:
                    merge.write_html_items(out, context, part.name, **{"items-page": "register"})


def reduce_site(run: CorpusRun) -> None:
    """Write the site's pages to the staging folder (from the cache when nothing changed), and the
    home page's script beside the register pages (only there: the other pages do not load it)."""
    run.stage.write(SCRIPT, (asset_dir() / "site" / "site.js").read_bytes())
    counts = run.merge.counts()
    files = site_files(counts)
    key = index_key(run.merge.digests(), run.context.key, [SITE, *files])
    cached = run.store.get_files(key) if run.store is not None else None
    if cached is not None and sorted(cached) == sorted(files):
        for relative, path in cached.items():
            run.stage.copy_in(relative, path)
        return
    site = summary(run.merge.documents(), counts)
    write_home(run.stage, run.context, run.merge, site)
    write_registers(run.stage, run.context, run.merge, site, counts)
    if run.store is not None:
        run.store.put_files(key, run.stage.root, files)


SITE_OUTPUT = Output(
    name=SITE, summary="the site: the home page (index.html) listing the documents, and the register pages",
    folder=REGISTERS, scope=CORPUS, reduce=reduce_site, needs=("index", "assets"), assets=True, packaged=False,
    verify=verify_html)
