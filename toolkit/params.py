"""Stylesheet parameters: what the stylesheets declare, and values typed as they declare them.

Every global ``xsl:param`` of the toolkit's stylesheets (and of a project's override
stylesheets) is a :class:`ParamSpec`: its name, its declared type (``as="xs:integer"``), its
default and its ``xd:doc`` description. A parameter the toolkit sets itself (the output's
format, a batch's section …) says so with ``ed:internal="yes"`` on its ``xsl:param``: it is
not a user setting, and ``--param`` and ``[params]`` refuse it.

:func:`typed` converts a value from ``--param NAME=VALUE`` (a string) or from ``tei.toml``
(a TOML string, integer, float or boolean, accepted as such) to the declared type, and a bad
value is a :class:`~toolkit.errors.UsageError` naming the parameter, the expected type and
where the value came from. The result is a :class:`Param`: the name, the XML Schema type and
the value's canonical lexical form, which is what the engine hands to Saxon and what the build
cache key holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from lxml import etree

from toolkit.config import ConfigError
from toolkit.errors import UsageError
from toolkit.xmlsafe import ED_NS, parse_file

__all__ = ["Param", "ParamSpec", "declared", "typed"]

XSL = "http://www.w3.org/1999/XSL/Transform"
XD = "http://www.oxygenxml.com/ns/doc/xsl"
_INTEGER = re.compile(r"[+-]?[0-9]+")
_BOOLEAN = {"true": "true", "1": "true", "yes": "true", "false": "false", "0": "false", "no": "false"}
#: what each supported type is called in a message
_KINDS = {"integer": "a whole number", "boolean": "true or false", "decimal": "a decimal number",
          "double": "a number", "string": "a string"}
#: parameters that are gone, and what to use instead
_GONE = {"title": "the parameter 'title' is gone: each document's title comes from its teiHeader; "
                  "the project's name is site-title"}


@dataclass(frozen=True, order=True)
class Param:
    """One parameter value as the stylesheets receive it: ``xs_type`` is the local name of an
    XML Schema type (``string``, ``integer``, ``boolean``, ``decimal``, ``double``)."""

    name: str
    xs_type: str
    lexical: str


@dataclass(frozen=True)
class ParamSpec:
    """One declared global parameter."""

    name: str
    xs_type: str
    default: str
    description: str
    internal: bool
    declared_in: str

    def describe(self) -> str:
        return f"{self.name} (xs:{self.xs_type}, default {self.default or 'empty'}): {self.description}"


def _base_type(declared_as: str | None) -> str:
    """``xs:integer?`` -> ``integer``; an undeclared or other type is handled as a string."""
    local = (declared_as or "xs:string").strip().rstrip("?*+").removeprefix("xs:")
    return local if local in _KINDS else "string"


def _description(param: etree._Element) -> str:
    previous = param.getprevious()
    while previous is not None and not isinstance(previous.tag, str):  # comments
        previous = previous.getprevious()
    if previous is None or previous.tag != f"{{{XD}}}doc":
        return ""
    return " ".join("".join(previous.itertext()).split())


def declared(stylesheets: Iterable[Path]) -> dict[str, ParamSpec]:
    """Every global ``xsl:param`` of these stylesheet files, by name (the first declaration wins:
    list the overrides first)."""
    specs: dict[str, ParamSpec] = {}
    for path in stylesheets:
        root = parse_file(path).root
        for param in root.iterfind(f"{{{XSL}}}param"):
            name = param.get("name", "")
            if not name or name in specs:
                continue
            internal = param.get(f"{{{ED_NS}}}internal", "") in ("yes", "true")
            default = param.get("select", "").strip().strip("'")
            specs[name] = ParamSpec(name, _base_type(param.get("as")), default, _description(param), internal,
                                    path.name)
    return specs


def _lexical(spec: ParamSpec, value: Any) -> str | None:
    """The value's canonical lexical form for ``spec``'s type; None when it is not one."""
    kind = spec.xs_type
    if kind == "string":
        return value if isinstance(value, str) else (None if isinstance(value, bool) else str(value))
    if kind == "boolean":
        if isinstance(value, bool):
            return "true" if value else "false"
        return _BOOLEAN.get(value.strip().lower()) if isinstance(value, str) else None
    if kind == "integer":
        if isinstance(value, bool):
            return None
        if isinstance(value, int):
            return str(value)
        return str(int(value.strip())) if isinstance(value, str) and _INTEGER.fullmatch(value.strip()) else None
    if isinstance(value, bool):
        return None
    try:  # decimal, double
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return str(number) if number.is_finite() else None


def typed(specs: Mapping[str, ParamSpec], values: Mapping[str, Any], origins: Mapping[str, str]) -> tuple[Param, ...]:
    """The user's parameter values, checked against the declarations and converted to the
    declared types (sorted by name). An unknown or internal name, or a value that is not of
    the declared type, is a :class:`UsageError` that names where it came from (``origins``:
    ``tei.toml:LINE`` or ``--param``)."""
    public = sorted(name for name, spec in specs.items() if not spec.internal)
    result = []
    for name, value in sorted(values.items()):
        where = origins.get(name, "command line")
        spec = specs.get(name)
        if spec is None and name in _GONE:
            raise _located(where, _GONE[name])
        if spec is None or spec.internal:
            raise _located(where, f"unknown stylesheet parameter {name!r}; known parameters: {', '.join(public)}")
        lexical = _lexical(spec, value)
        if lexical is None:
            raise _located(where, f"parameter {name!r} must be xs:{spec.xs_type} ({_KINDS[spec.xs_type]}), "
                                  f"not {value!r}")
        result.append(Param(name, spec.xs_type, lexical))
    return tuple(result)


def _located(where: str, message: str) -> UsageError:
    """``tei.toml:12: error: …`` for a value from the file, ``tei: error: --param …`` otherwise."""
    found = re.fullmatch(r"(.+):([0-9]+)", where)
    if found:
        return ConfigError(Path(found.group(1)), int(found.group(2)), message)
    return UsageError(message)
