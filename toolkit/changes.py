"""The data of the release pages, as XML for ``xslt/release.xsl``.

* :func:`changes_data`: the changes page (``releases/changes.html``): each release, newest
  first, with what changed since the one before it (documents added and removed, IDs added,
  moved and retired: :func:`toolkit.releases.differences`); what changed since the latest
  release (the unreleased build); and each document's ``revisionDesc``.
* :func:`gone_document_data`: the page left at the URL of a published document that is gone:
  a redirect (the document moved: its IDs follow it) or a tombstone (it was retired), with
  where each of its IDs went.

Python gathers the facts (the release records, the IDs each document publishes now, the
declarations); the stylesheet writes the HTML, in the look of every other page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lxml import etree

from toolkit.releases import Declarations, Release, differences, resolve
from toolkit.stamp import ReleaseStamp
from toolkit.xmlsafe import ED_NS

__all__ = ["changes_data", "gone_document_data", "now_ids"]


def _e(tag: str, parent: etree._Element | None = None, text: str | None = None, **attrs: str) -> etree._Element:
    element = (etree.Element(f"{{{ED_NS}}}{tag}", nsmap={"ed": ED_NS}) if parent is None
               else etree.SubElement(parent, f"{{{ED_NS}}}{tag}"))
    for key, value in attrs.items():
        element.set(key.replace("_", "-"), value)
    if text is not None:
        element.text = text
    return element


def now_ids(current: Mapping[str, Mapping[str, Any]]) -> dict[str, set[str]]:
    """stem -> every ID the document publishes now."""
    return {stem: {p["id"] for p in ids["passages"]} | set(ids["registers"]) for stem, ids in current.items()}


def _released_ids(release: Release) -> dict[str, set[str]]:
    return {stem: release.ids(stem) for stem in release.documents}


def _diff(parent: etree._Element, found: dict[str, list[str]]) -> None:
    for kind in ("documents-added", "documents-removed", "added", "moved", "retired", "gone"):
        if found[kind]:
            group = _e("group", parent, kind=kind, count=str(len(found[kind])))
            for item in found[kind]:
                _e("item", group, item)


def changes_data(releases: list[Release], current: Mapping[str, Mapping[str, Any]], stamp: ReleaseStamp) -> str:
    """The changes page's data (see the module's text), as XML text."""
    root = _e("changes", version=stamp.version, latest=stamp.latest)
    before: dict[str, set[str]] = {}
    entries = []
    for release in releases:
        after = _released_ids(release)
        entry = _e("release", version=release.version, date=release.date, toolkit=release.toolkit,
                   documents=str(len(release.documents)), ids=str(sum(len(v) for v in after.values())),
                   first="true" if not before else "false")
        if before:
            _diff(entry, differences(before, after, stamp.declared))
        entries.append(entry)
        before = after
    if releases and not stamp.version:
        unreleased = _e("unreleased", root, since=releases[-1].version)
        _diff(unreleased, differences(before, now_ids(current), stamp.declared))
    for entry in reversed(entries):
        root.append(entry)
    for stem in sorted(current):
        ids = current[stem]
        if ids.get("unnamed"):  # not in this run: its revisions are not read
            continue
        document = _e("document", root, stem=stem, title=str(ids.get("title", "")))
        for change in ids.get("revisions", []):
            _e("change", document, change["text"], when=change["when"], who=change["who"])
    return etree.tostring(root, encoding="unicode")


def gone_document_data(stem: str, release: Release, now: Mapping[str, set[str]], declared: Declarations) -> str:
    """The page at a gone document's URL: ``ed:gone`` with ``moved-to`` (the document it moved
    to) or ``retired`` (why), the release that published it, and each published ID's fate."""
    moved_to = declared.moved_to(stem)
    root = _e("gone", stem=stem, release=release.version, title=str(release.documents[stem].get("title", "")),
              moved_to=(moved_to or "").partition("#")[0], retired=declared.retired_why(stem) or "")
    for passage in release.documents[stem].get("passages", []):
        _fate(root, stem, passage["id"], passage.get("label", ""), now, declared)
    for ident in release.documents[stem].get("registers", []):
        _fate(root, stem, ident, "", now, declared)
    return etree.tostring(root, encoding="unicode")


def _fate(root: etree._Element, stem: str, ident: str, label: str, now: Mapping[str, set[str]],
          declared: Declarations) -> None:
    found = resolve(stem, ident, now, declared)
    if found is None:
        return
    kind, where, _ = found
    target = where.partition("#") if kind != "retired" else ("", "", "")
    _e("id", root, id=ident, label=label, fate=kind, document=target[0], to=target[2],
       reason=where if kind == "retired" else "")
