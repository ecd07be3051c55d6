"""Deposit targets: where ``tei package --deposit NAME=DESTINATION`` sends a package.

A target is a :class:`DepositTarget`: a ``name``, a one-line ``summary`` and a ``deposit``
function given the package just made (:class:`~toolkit.package.PackageResult`), the
destination the user named, and a :class:`Deposit` with the edition's first TEI file and
its DOI; it returns the line to print. The built-in target is ``ocfl`` (a new version in an
OCFL storage root, :mod:`toolkit.ocfl_store`; ``--ocfl ROOT`` is its short form). A plug-in
adds one with an entry point in the group ``tei_toolkit.deposit`` naming a
:class:`DepositTarget` (or a function of no arguments that returns one)::

    [project.entry-points."tei_toolkit.deposit"]
    dspace = "my_package:DSPACE"
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from toolkit import ocfl_store
from toolkit.errors import UsageError
from toolkit.package import PackageResult
from toolkit.plugins import DEPOSIT_GROUP, load_group

__all__ = ["Deposit", "DepositTarget", "deposit_targets"]


@dataclass(frozen=True)
class Deposit:
    """What a target may need besides the package: the edition's first TEI file and its DOI."""

    tei: Path
    doi: str | None = None


@dataclass(frozen=True)
class DepositTarget:
    name: str
    summary: str
    deposit: Callable[[PackageResult, str, Deposit], str]


def _ocfl(package: PackageResult, destination: str, about: Deposit) -> str:
    return ocfl_store.deposit(Path(destination), package.bag, about.tei, about.doi).summary()


OCFL = DepositTarget("ocfl", "a new version of the edition's object in an OCFL storage root (DESTINATION: the root)",
                     _ocfl)


def deposit_targets() -> dict[str, DepositTarget]:
    """The built-in targets, then the installed plug-ins' (by name)."""
    targets = {OCFL.name: OCFL}
    for name, loaded, _version in load_group(DEPOSIT_GROUP):
        target = loaded() if callable(loaded) and not isinstance(loaded, DepositTarget) else loaded
        if not isinstance(target, DepositTarget):
            raise UsageError(f"deposit plug-in {name!r}: not a toolkit.deposit_targets.DepositTarget: {target!r}")
        if target.name in targets:
            raise UsageError(f"deposit plug-in {name!r}: the target {target.name!r} is already registered")
        targets[target.name] = target
    return targets


def parse_deposit(value: str, known: dict[str, DepositTarget]) -> tuple[DepositTarget, str]:
    """``NAME=DESTINATION`` -> the target and the destination (a usage error otherwise)."""
    name, sep, destination = value.partition("=")
    if not sep or not destination:
        raise UsageError(f"--deposit takes NAME=DESTINATION, not {value!r}")
    if name not in known:
        raise UsageError(f"no deposit target {name!r}; known targets: {', '.join(known)}")
    return known[name], destination
