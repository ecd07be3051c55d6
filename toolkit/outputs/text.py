"""The plain-text edition: ``text/<stem>.txt`` (``xslt/text.xsl``)."""

from __future__ import annotations

from pathlib import Path

from toolkit.outputs.kind import Output


def verify_text(path: Path) -> list[str]:
    """UTF-8 text ending in a newline, without control characters other than line ends."""
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return [f"not UTF-8 text: {exc}"]
    if not text.endswith("\n"):
        return ["does not end with a newline"]
    if any(ord(c) < 32 and c not in "\n\t" for c in text):
        return ["holds control characters"]
    return []


TEXT = Output(name="text", summary="the plain-text edition, one file per document", folder="text",
              file="{stem}.txt", stylesheet="text.xsl", reading=True, verify=verify_text,
              package_note="the plain-text edition (UTF-8)")
