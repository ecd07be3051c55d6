"""Fuzzing: mutate the edition (delete or duplicate elements, corrupt attribute values,
truncate the file, flip bytes) and run validation and every renderer in-process. Each
run must end in success or in toolkit diagnostics, never in another exception.

Default: 60 examples. A long run: ``.venv/bin/python -m pytest tests/test_fuzz.py
--hypothesis-profile=long`` (10,000 examples).
"""

from __future__ import annotations

import copy

import pytest

pytestmark = pytest.mark.slow  # Hypothesis runs 60 examples


hypothesis = pytest.importorskip("hypothesis", reason="fuzzing skipped: Python package hypothesis is absent")
from conftest import EDITION  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from lxml import etree  # noqa: E402

from toolkit.build import render_paths  # noqa: E402
from toolkit.errors import ToolkitError  # noqa: E402
from toolkit.validate import validate_file  # noqa: E402

ORIGINAL = EDITION.read_bytes()
TREE = etree.fromstring(ORIGINAL)
ELEMENTS = len(list(TREE.iter()))
ATTRIBUTE_VALUES = st.sampled_from(["", "#", "#nowhere", "1956-13-45", "x y", "<&>", "\u0000", "🙂", "-1", "par-1",
                                    "headnote", "../../etc/passwd", "file:///etc/passwd", "a" * 300])


@st.composite
def mutations(draw):
    kind = draw(st.sampled_from(["delete", "duplicate", "attribute", "truncate", "bytes", "text"]))
    if kind in ("truncate", "bytes"):
        where = draw(st.integers(0, len(ORIGINAL) - 1))
        if kind == "truncate":
            return ORIGINAL[:where]
        value = draw(st.integers(0, 255))
        return ORIGINAL[:where] + bytes([value]) + ORIGINAL[where + 1:]
    root = etree.fromstring(ORIGINAL)
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    target = elements[draw(st.integers(0, len(elements) - 1))]
    if kind == "delete" and target.getparent() is not None:
        target.getparent().remove(target)
    elif kind == "duplicate" and target.getparent() is not None:
        target.addnext(copy.deepcopy(target))
    elif kind == "attribute" and target.attrib:
        name = draw(st.sampled_from(sorted(target.attrib)))
        value = draw(ATTRIBUTE_VALUES)
        try:
            target.set(name, value)
        except ValueError:  # lxml refuses characters XML cannot hold: put them in raw
            raw = etree.tostring(root).replace(f'{etree.QName(name).localname}="{target.get(name)}"'.encode(),
                                               f'{etree.QName(name).localname}="{value}"'.encode(), 1)
            return raw
    elif kind == "text":
        target.text = draw(st.text(max_size=50).filter(lambda s: all(c.isprintable() for c in s)))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


@given(mutations())
def test_mutated_edition_never_crashes(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "mutated.xml"
    path.write_bytes(data)
    result = validate_file(path)  # returns diagnostics; must not raise
    assert all(d.line >= 1 and d.column >= 1 and d.message for d in result.diagnostics)
    try:
        render_paths([path], out_dir=folder / "out")
    except ToolkitError as error:
        assert error.lines() and all(line for line in error.lines())
