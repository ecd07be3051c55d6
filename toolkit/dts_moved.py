"""DTS requests for published references that moved or were retired since a release.

A DTS client that cites a passage keeps its resource and reference (``resource=letter-1&ref=3``).
When a release published that reference (``releases/VERSION.json``: each passage's ``ref`` and
HTML ``id``) and the passage has since moved (``[moved]`` in tei.toml, or its id is still there
under a new reference), :func:`forward` gives the parameters of the request that finds it now,
and ``tei serve`` answers with a redirect (301) to them; a retired one is a 410 with the reason.
A resource (document) declared moved is forwarded likewise, with its reference mapped.
"""

from __future__ import annotations

from collections.abc import Mapping

from toolkit.context import BuildContext
from toolkit.dts import DtsError, Library
from toolkit.releases import Declarations, load_releases, resolve

__all__ = ["forward"]


def _old_id(releases: list, stem: str, ref: str) -> str | None:
    """The HTML id of the passage a release published as ``stem``'s reference ``ref`` (latest first)."""
    for release in reversed(releases):
        for passage in (release.documents.get(stem) or {}).get("passages", []):
            if passage.get("ref") == ref:
                return str(passage["id"])
    return None


def forward(library: Library, context: BuildContext, params: Mapping[str, str]) -> dict[str, str] | None:
    """The parameters that find a moved resource or reference now (None: nothing is known of
    it); raises :class:`DtsError` 410 for a retired one."""
    resource, ref = params.get("resource") or "", params.get("ref")
    declared = Declarations.of(context.config.table("moved"), context.config.table("retired"))
    if resource not in library.documents and ref is None:
        why = declared.retired_why(resource)
        if why is not None:
            raise DtsError(410, f"{resource!r} was retired: {why}")
        target = declared.moved_to(resource)
        return {**params, "resource": target.partition("#")[0]} if target and \
            target.partition("#")[0] in library.documents else None
    if ref is None:
        return None
    releases = load_releases(context.releases_folder())
    old = _old_id(releases, resource, ref)
    if old is None:
        return None
    now = {stem: {u.anchor for u in doc.tree.units} for stem, doc in library.documents.items()}
    found = resolve(resource, old, now, declared)
    if found is None:
        return None
    if found[0] == "retired":
        raise DtsError(410, f"{ref!r} of {resource!r} was retired: {found[1]}")
    stem, _, ident = found[1].partition("#")
    unit = next((u for u in library.documents[stem].tree.units if u.anchor == ident), None)
    if unit is None or (stem == resource and unit.identifier == ref):
        return None
    return {**params, "resource": stem, "ref": unit.identifier}
