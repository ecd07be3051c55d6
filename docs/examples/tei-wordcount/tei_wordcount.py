"""An output kind for the TEI edition toolkit: ``wordcount/<stem>.json``, the words of each
document's text (its ``text`` element, the header left out), counted per language."""

import json
from collections import Counter

from toolkit import Output

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def language(element):
    """The element's language: its own xml:lang or its nearest ancestor's ("und": none)."""
    return next((e.get(XML_LANG) for e in (element, *element.iterancestors()) if e.get(XML_LANG)), "und")


def count(doc, stem, context):
    """Called once per document, in the worker that renders it; returns {path: text or bytes}."""
    text = doc.root.find(f"{TEI}text")
    words = Counter()
    for node in text.iter() if text is not None else ():
        words[language(node)] += len((node.text or "").split())
        if node is not text:  # the words after it belong to its parent
            words[language(node.getparent())] += len((node.tail or "").split())
    data = {"document": stem, "words": sum(words.values()), "by-language": dict(sorted(words.items()))}
    return {f"wordcount/{stem}.json": json.dumps(data, indent=2, sort_keys=True) + "\n"}


OUTPUT = Output(name="wordcount", summary="the words of each document's text, counted",
                folder="wordcount", file="{stem}.json", render=count, packaged=False)
