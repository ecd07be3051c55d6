"""The site: what the pages need to know of it (the frame's navigation, a document's neighbours).

When a build writes the site (the ``site`` output kind: the home page and the register pages,
:mod:`toolkit.outputs.site`), every page frames itself with the site's navigation
(``xslt/common/frame.xsl``): the run's context gets two internal stylesheet parameters,
``site-root-href`` (from a page, one folder down, to the output folder) and ``site-sections``
(what the build writes: registers, index, guide, search, dts, tei, text), and each document's
context gets ``prev-href`` and ``next-href``, its neighbours in the run's order, which is the
home page's. They are parameters, so they are in the build cache's keys: a document whose
neighbours change is rendered again, the others come from the cache.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

from toolkit.context import BuildContext, internal_param
from toolkit.guide import has_guide

__all__ = ["SITE", "document_context", "sections", "site_context"]

#: the output kind's name (toolkit.outputs.site)
SITE = "site"
#: the output kind that writes the changes page (toolkit.outputs.releases)
RELEASES = "releases"
#: what a section of the site is called, by the output kind that writes it
_SECTIONS = (("index", "index"), ("guide", "guide"), ("search", "search"), ("dts", "dts"), ("tei", "tei"),
             ("text", "text"))


def sections(kinds: Sequence[str], paths: Sequence[Path], context: BuildContext) -> list[str]:
    """The sections of the site a run writes (``kinds``: its output kinds by name)."""
    found = ["registers"] if "index" in kinds else []
    for kind, name in _SECTIONS:
        if kind in kinds and (kind != "guide" or has_guide(list(paths), context)):
            found.append(name)
    return found


def site_context(context: BuildContext, kinds: Sequence[str], paths: Sequence[Path]) -> BuildContext:
    """The run's context with the site's parameters (unchanged when the run writes no site). A run
    that does not write the changes page (the ``releases`` kind: a deposit package, ``tei render
    html``) sets ``changes-href`` empty, so that no page links it."""
    if RELEASES not in kinds:
        kept = tuple(p for p in context.params if p.name != "changes-href")
        context = replace(context, params=(*kept, internal_param("changes-href", "")))
    if SITE not in kinds:
        return context
    added = (internal_param("site-root-href", "../"),
             internal_param("site-sections", " ".join(sections(kinds, paths, context))))
    kept = tuple(p for p in context.params if p.name not in ("site-root-href", "site-sections"))
    return replace(context, params=kept + added)


def document_context(context: BuildContext, paths: Sequence[Path], i: int) -> BuildContext:
    """Document ``i``'s context: with a site, its previous and next document (unchanged without one)."""
    if not any(p.name == "site-root-href" for p in context.params):
        return context
    prev = f"{quote(paths[i - 1].stem, safe='')}.html" if i > 0 else ""
    following = f"{quote(paths[i + 1].stem, safe='')}.html" if i + 1 < len(paths) else ""
    return replace(context, params=(*context.params, internal_param("prev-href", prev),
                                    internal_param("next-href", following)))
