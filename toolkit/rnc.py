"""RELAX NG compact syntax (``.rnc``), converted to the XML syntax with rnc2rng.

rnc2rng (a pure-Python converter, on the package index) reads the grammar and the local
grammars it includes; a compact grammar that includes or refers to a remote one is refused
here before conversion, since the converter would fetch it.
"""

from __future__ import annotations

import re
from pathlib import Path

import rnc2rng

from toolkit.errors import SchemaError, fail

__all__ = ["rnc_to_rng"]

_REMOTE = re.compile(r"""\b(?:include|external)\s+["']([A-Za-z][A-Za-z0-9+.-]+:[^"']*)["']""")


def rnc_to_rng(path: Path) -> bytes:
    """The grammar at ``path`` in the XML syntax; raises :class:`SchemaError` when it cannot be
    read or converted."""
    try:
        source = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise fail(SchemaError, path, "schema", "schema", f"cannot read compact grammar: {exc}") from None
    remote = _REMOTE.search(source)
    if remote and not remote.group(1).startswith("file:"):
        raise fail(SchemaError, path, "schema", "schema",
                   f"the compact grammar refers to the remote grammar {remote.group(1)}, which is never fetched "
                   "from inside a grammar; give a local copy")
    try:
        tree = rnc2rng.load(str(path))
        return rnc2rng.dumps(tree).encode("utf-8")
    except Exception as exc:  # rnc2rng raises its parser's errors, OSError, or AssertionError
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise fail(SchemaError, path, "schema", "schema",
                   f"cannot convert the compact grammar (rnc2rng): {first}") from None
