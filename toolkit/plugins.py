"""Plug-in points: Python entry points, as any installed package can declare them.

Two groups:

``tei_toolkit.outputs``
    An output kind: a :class:`toolkit.outputs.Output` (or a function of no arguments that
    returns one). See :mod:`toolkit.outputs.registry` and the README's worked example.

``tei_toolkit.deposit``
    A deposit target for ``tei package --deposit NAME=DESTINATION``: a
    :class:`toolkit.deposit_targets.DepositTarget` (a ``name``, a one-line ``summary`` and
    ``deposit(package, destination, about) -> str``, the line to print), or a function of no
    arguments that returns one. See :mod:`toolkit.deposit_targets`.

Entry points are read when a command asks for them (never at import), and a plug-in that
cannot be imported is a :class:`~toolkit.errors.UsageError` naming it, never a traceback.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import Any

from toolkit.errors import UsageError

__all__ = ["DEPOSIT_GROUP", "OUTPUTS_GROUP", "load_group"]

OUTPUTS_GROUP = "tei_toolkit.outputs"
DEPOSIT_GROUP = "tei_toolkit.deposit"


def load_group(group: str) -> list[tuple[str, Any, str]]:
    """``(entry point name, loaded object, distribution version)`` for every entry point of
    ``group``, by name."""
    found = []
    for point in sorted(entry_points(group=group), key=lambda p: p.name):
        try:
            loaded = point.load()
        except Exception as exc:  # noqa: BLE001 - any failure of a third party's import is reported
            dist = point.dist.name if point.dist is not None else "?"
            raise UsageError(f"cannot load the plug-in {point.name!r} ({point.value}, from {dist}) of {group}: "
                             f"{type(exc).__name__}: {exc}") from None
        found.append((point.name, loaded, point.dist.version if point.dist is not None else ""))
    return found
