"""A small, readable checker of Oxygen's serialised options against files Oxygen wrote itself.

Oxygen stores a project's options as Java objects serialised to XML: an object is an element
(``scenario``, ``validationUnit`` …) whose ``field`` children each hold one value, itself an
element naming its type (``String``, ``Boolean``, ``Integer``, ``null``, ``list``, or another
object). ``shapes`` reads, for every kind of object, which fields it has and the value types
each field takes; ``compare`` tells how a file's objects differ from the reference files'.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree


@dataclass
class Shape:
    """One kind of object across files: every field set seen, and each field's value types."""

    field_sets: list[frozenset[str]] = field(default_factory=list)
    types: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    @property
    def always(self) -> frozenset[str]:
        """Fields every object of this kind has."""
        return frozenset.intersection(*self.field_sets) if self.field_sets else frozenset()

    @property
    def seen(self) -> frozenset[str]:
        """Fields some object of this kind has (the rest vary between real files)."""
        return frozenset.union(*self.field_sets) if self.field_sets else frozenset()


def shapes(paths: list[Path]) -> dict[str, Shape]:
    found: dict[str, Shape] = defaultdict(Shape)
    for path in paths:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
        for obj in tree.iter():
            if not isinstance(obj.tag, str):
                continue
            fields = [f for f in obj if f.tag == "field"]
            if not fields:
                continue
            shape = found[obj.tag]
            shape.field_sets.append(frozenset(f.get("name", "") for f in fields))
            for f in fields:
                value = next((c for c in f if isinstance(c.tag, str)), None)
                shape.types[f.get("name", "")].add(value.tag if value is not None else "empty")
    return found


def compare(ours: dict[str, Shape], reference: dict[str, Shape]) -> list[str]:
    """Every difference: a kind of object Oxygen never writes, a missing field that every
    real object has, a field no real object has, or a value type no real file uses."""
    problems = []
    for kind, shape in sorted(ours.items()):
        if kind not in reference:
            problems.append(f"<{kind}>: no real Oxygen file has this kind of object")
            continue
        real = reference[kind]
        for fields in set(shape.field_sets):
            for missing in sorted(real.always - fields):
                problems.append(f"<{kind}>: lacks the field {missing!r}, which every real <{kind}> has")
            for extra in sorted(fields - real.seen):
                problems.append(f"<{kind}>: has the field {extra!r}, which no real <{kind}> has")
        for name, types in sorted(shape.types.items()):
            unknown = types - real.types.get(name, set())
            if unknown and name in real.types:
                problems.append(f"<{kind}> field {name!r}: value type {sorted(unknown)}, real files use "
                                f"{sorted(real.types[name])}")
    return problems
