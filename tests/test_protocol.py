"""The typed protocol between Python and index.xsl (issue #24): slots found as processing
instructions, JSON read as data from the fn: vocabulary and written by Python's serialiser."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from lxml import etree

from toolkit.build import build
from toolkit.indexmerge import html_slots
from toolkit.jsonxml import FN, Slot, Stream, dump, to_python
from toolkit.xmlsafe import ED_NS


def test_html_slots_cut_a_frame_at_its_processing_instructions_only():
    frame = '<ul><?ed-slot documents></ul><p>&lt;?ed-slot not-a-slot&gt; text</p><ol><?ed-slot entities-work></ol>'
    assert html_slots(frame) == ["<ul>", Slot("documents"), "</ul><p>&lt;?ed-slot not-a-slot&gt; text</p><ol>",
                                 Slot("entities-work"), "</ol>"]
    assert html_slots("<p>none</p>") == ["<p>none</p>"]


def test_json_as_xml_keeps_key_order_types_and_slots():
    xml = (f'<fn:map xmlns:fn="{FN}" xmlns:ed="{ED_NS}"><fn:string key="z">a "q" \\ é\n</fn:string>'
           '<fn:number key="n">3</fn:number><fn:number key="f">2.5</fn:number><fn:boolean key="b">true</fn:boolean>'
           '<fn:null key="none"/><fn:array key="list"><fn:null ed:slot="items"/></fn:array><fn:map key="m"/></fn:map>')
    data = to_python(etree.fromstring(xml))
    assert list(data) == ["z", "n", "f", "b", "none", "list", "m"]
    assert data == {"z": 'a "q" \\ é\n', "n": 3, "f": 2.5, "b": True, "none": None, "list": [Slot("items")], "m": {}}
    with pytest.raises(ValueError, match="not JSON as XML"):
        to_python(etree.fromstring("<other/>"))


def test_a_stream_is_written_as_its_items_arrive_and_as_json_writes_a_list():
    produced: list[int] = []

    def items():
        for n in range(3):
            produced.append(n)
            yield {"n": n, "nested": Stream(iter([n, n + 1]))}

    out = io.StringIO()
    dump({"before": [], "items": Stream(items()), "empty": Stream(iter(())), "after": "é"}, out)
    plain = {"before": [], "items": [{"n": n, "nested": [n, n + 1]} for n in range(3)], "empty": [], "after": "é"}
    assert out.getvalue() == json.dumps(plain, indent=2, ensure_ascii=False) + "\n"
    assert produced == [0, 1, 2]


def test_the_index_protocol_has_no_regular_expression_and_no_pasted_json():
    """The merge reads the stylesheet's output as data (the module imports neither re nor json)."""
    import toolkit.indexmerge as merge

    source = Path(merge.__file__).read_text(encoding="utf-8")
    assert "import re\n" not in source and "import json\n" not in source and "json.loads" not in source


def test_a_bad_schema_type_for_works_is_one_usage_error(tmp_path):
    from conftest import EDITION

    from toolkit.errors import UsageError

    with pytest.raises(UsageError, match="parameter 'work-schema-type' must name a schema.org type"):
        build([EDITION], tmp_path / "out", params={"work-schema-type": "not a type"})
