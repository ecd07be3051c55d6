"""Language tags: TEI's ``xml:lang`` values (ISO 639-1/2/3, BCP 47) as BCP 47, and their direction.

One source of truth: ``xslt/common/languages.json``, read here and by ``xslt/common/lang.xsl``
(the HTML pages), so that DTS, DataCite, JSON-LD and the pages name a language alike:
``ger`` and ``deu`` become ``de``, ``lat`` becomes ``la``; ``grc`` (no two-letter code) stays.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from lxml import etree

from toolkit.resources import resource_dir

__all__ = ["bcp47", "direction", "document_language"]

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SYNTAX = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")


@lru_cache(maxsize=1)
def _table() -> dict:
    return json.loads((resource_dir("xslt") / "common" / "languages.json").read_text(encoding="utf-8"))


def bcp47(code: str | None) -> str:
    """The BCP 47 tag for a language code ("" when it is not one): the primary subtag shortest
    (ISO 639-2/3 to 639-1 where one exists; "und" for a two-letter code ISO 639-1 lacks), case as
    RFC 5646 recommends (``sr-Latn-RS``)."""
    code = " ".join((code or "").split())
    if not _SYNTAX.fullmatch(code):
        return ""
    parts = code.split("-")
    primary = parts[0].lower()
    primary = _table()["codes"].get(primary, primary)
    if len(primary) == 2 and primary not in _table()["iso639-1"]:
        primary = "und"  # a two-letter code that ISO 639-1 does not have names no language
    out = [primary]
    private = primary == "x"
    for part in parts[1:]:
        if private or len(part) == 1:
            private = private or part.lower() == "x"
            out.append(part.lower())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def direction(tag: str) -> str:
    """"rtl" or "ltr" for a BCP 47 tag: its script subtag decides, else its language."""
    parts = bcp47(tag).split("-")
    table = _table()
    script = next((p for p in parts[1:3] if len(p) == 4 and p.isalpha()), "")
    if script:
        return "rtl" if script in table["rtl-scripts"] else "ltr"
    return "rtl" if parts[0] in table["rtl-languages"] else "ltr"


def document_language(root: etree._Element) -> str:
    """The language of a document's text, as BCP 47; "" when the document does not say.

    In order: the (first) ``text`` element's ``xml:lang``, the root's, then the header's
    ``langUsage``: its one language, or, when it lists several, the one with the highest
    ``@usage``, else the first listed (the main language, by TEI's usual practice)."""
    texts = [el for el in root.iter(f"{TEI}text")][:1]
    for el in (*texts, root):
        tag = bcp47(el.get(XML_LANG))
        if tag:
            return tag
    languages = [el for usage in root.iter(f"{TEI}langUsage") for el in usage.iterchildren(f"{TEI}language")
                 if bcp47(el.get("ident"))]
    if not languages:
        return ""
    usage = [(float(share) if re.fullmatch(r"\d+(\.\d+)?", share := el.get("usage") or "") else -1.0, -i, el)
             for i, el in enumerate(languages)]
    return bcp47(max(usage, key=lambda item: item[:2])[2].get("ident"))
