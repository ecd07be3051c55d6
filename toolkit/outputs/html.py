"""The HTML reading edition: ``html/<stem>.html``, one page per document (``xslt/html.xsl``)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from toolkit.outputs.kind import Output


def verify_html(path: Path) -> list[str]:
    """An HTML page: it parses, has one ``html`` root and a ``title``."""
    try:
        root = etree.parse(str(path), etree.HTMLParser(recover=False, no_network=True)).getroot()
    except (OSError, etree.XMLSyntaxError) as exc:
        return [f"not parsable HTML: {exc}"]
    if root is None or root.tag != "html" or root.find("head/title") is None:
        return ["not an HTML page with a head and a title"]
    return []


HTML = Output(
    name="html", summary="the reading edition, one HTML page per document", folder="html", file="{stem}.html",
    stylesheet="html.xsl", needs=("assets",), assets=True, reading=True, verify=verify_html,
    package_note="the reading edition for a web browser, with its CSS and script; it works offline")
