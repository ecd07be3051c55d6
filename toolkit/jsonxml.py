"""JSON as XML (the ``fn:`` vocabulary of XPath 3.1), read as Python data, and JSON written
by Python's serialiser as it is produced.

The stylesheets hand JSON to the toolkit as XML elements in the
``http://www.w3.org/2005/xpath-functions`` namespace (``fn:map``, ``fn:array``,
``fn:string``, ``fn:number``, ``fn:boolean``, ``fn:null``, keys in ``@key``), which keeps the
keys in document order. :func:`to_python` reads it; an ``fn:null`` with an ``ed:slot``
attribute becomes a :class:`Slot`, a place the caller fills. :func:`dump` writes the result
with :mod:`json` (two-space indentation, non-ASCII as is: the bytes of the stylesheets' own
writer, ``xslt/common/json.xsl``), and a :class:`Stream` in the data is written item by item
as its iterator gives them, so a document larger than memory can be written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from typing import Any, TextIO

from lxml import etree

from toolkit.xmlsafe import ED_NS

__all__ = ["FN", "Slot", "Stream", "dump", "to_python"]

FN = "http://www.w3.org/2005/xpath-functions"


@dataclass(frozen=True)
class Slot:
    """A place in the data that the caller fills (``fn:null ed:slot="NAME"``)."""

    name: str


class Stream(list):
    """A JSON array whose items come from an iterator, consumed once, as :func:`dump` writes
    them (a list to :mod:`json`, which then iterates it; it is empty only when the iterator
    gives nothing: its first item is read ahead to know)."""

    def __init__(self, items: Iterable[Any]):
        super().__init__()
        self._items = iter(items)
        self._head: list[Any] | None = None

    def _peek(self) -> list[Any]:
        if self._head is None:
            self._head = list(islice(self._items, 1))
        return self._head

    def __bool__(self) -> bool:
        return bool(self._peek())

    def __len__(self) -> int:
        return len(self._peek())

    def __iter__(self) -> Iterator[Any]:
        return chain(self._peek(), self._items)


def to_python(element: etree._Element) -> Any:
    """The value of one element of the ``fn:`` vocabulary."""
    name = element.tag if isinstance(element.tag, str) else ""
    tag = name[len(FN) + 2:] if name.startswith(f"{{{FN}}}") else None
    if tag == "map":
        return {child.get("key", ""): to_python(child) for child in element if isinstance(child.tag, str)}
    if tag == "array":
        return [to_python(child) for child in element if isinstance(child.tag, str)]
    if tag == "string":
        return element.text or ""
    if tag == "number":
        text = (element.text or "").strip()
        number = float(text)
        return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number
    if tag == "boolean":
        return (element.text or "").strip() in ("true", "1")
    if tag == "null":
        slot = element.get(f"{{{ED_NS}}}slot")
        return Slot(slot) if slot else None
    raise ValueError(f"not JSON as XML: {name or 'a comment or processing instruction'}")


def dump(data: Any, out: TextIO) -> None:
    """Write ``data`` as JSON (indented by two spaces, UTF-8 as is, a final newline)."""
    json.dump(data, out, indent=2, ensure_ascii=False)
    out.write("\n")
