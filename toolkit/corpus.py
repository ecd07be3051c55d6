"""Generate synthetic corpora from the edition, deterministically from a seed.

Used by the benchmarks and the tests (one place for both):

    python -m toolkit.corpus --n 1000 --seed 1 --out /tmp/corpus-1000
    python -m toolkit.corpus --large 50 --seed 1 --out /tmp/corpus-large

Each document is derived from tei/soviet-declaration-1956-10-30.xml and stays valid
against the project schema: its own id, a random selection (with repeats) of the
declaration's paragraphs renumbered 1..k, some mentions untagged, and the register
entries that are no longer cited removed, so the index has a different mix to merge
for every document. ``--large MB`` writes one document of about that many megabytes.
The corpus folder has ``tei/`` and a copy of ``schema/``, so the documents' own
``xml-model`` instructions resolve.
"""

from __future__ import annotations

import argparse
import copy
import random
import shutil
from pathlib import Path

from lxml import etree

from toolkit.resources import resource_dir
from toolkit.xmlsafe import make_parser

ROOT = Path(__file__).resolve().parent.parent
#: The template document: the edition of a source checkout.
EDITION = ROOT / "tei" / "soviet-declaration-1956-10-30.xml"
TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"tei": TEI}
MENTIONS = ("persName", "placeName", "orgName", "eventName", "name", "rs")


def _load():
    return etree.parse(str(EDITION), make_parser())


def _unwrap(element) -> None:
    """Replace an element by its content (its words stay)."""
    parent = element.getparent()
    index = parent.index(element)
    text = element.text or ""
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous = parent[index - 1]
        previous.tail = (previous.tail or "") + text
    children = list(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    last_tail = element.tail or ""
    if children:
        children[-1].tail = (children[-1].tail or "") + last_tail
    elif index == 0:
        parent.text = (parent.text or "") + last_tail
    else:
        parent[index - 1].tail = (parent[index - 1].tail or "") + last_tail
    parent.remove(element)


def make_document(template, number: int, rng: random.Random, paragraphs: int | None = None,
                  passage_ids: bool = True):
    """One generated document; ``passage_ids`` False: its paragraphs have no xml:id (as in much
    real TEI), so every passage anchor is computed."""
    tree = copy.deepcopy(template)
    root = tree.getroot()
    doc_id = f"doc-{number:05d}"
    root.set(XML_ID, doc_id)
    tree.find(".//tei:publicationStmt/tei:idno[@type='project']", NS).text = doc_id
    declaration = tree.find(".//tei:div[@type='declaration']", NS)
    originals = [copy.deepcopy(p) for p in declaration.findall("tei:p", NS)]
    for p in declaration.findall("tei:p", NS):
        declaration.remove(p)
    count = paragraphs or rng.randint(1, 12)
    for n in range(1, count + 1):
        p = copy.deepcopy(rng.choice(originals))
        p.set("n", str(n))
        if passage_ids:
            p.set(XML_ID, f"par-{n}")
        else:
            p.attrib.pop(XML_ID, None)
        declaration.append(p)
    # Vary the entity mix: untag some mentions (deepest first, so nesting stays sound).
    mentions = [m for m in declaration.iter(*(f"{{{TEI}}}{name}" for name in MENTIONS))]
    for mention in reversed(mentions):
        if rng.random() < 0.2:
            _unwrap(mention)
    # Remove register entries that nothing cites any more (the header's Moscow stays).
    cited = {ref[1:] for refs in root.xpath("//@ref | //@resp") for ref in refs.split() if ref.startswith("#")}
    for entry in root.xpath("//tei:standOff//*[@xml:id]", namespaces=NS):
        if entry.get(XML_ID) not in cited:
            entry.getparent().remove(entry)
    for group in root.xpath("//tei:standOff/*[not(*)]", namespaces=NS):
        group.getparent().remove(group)
    # An entry that corresponds to a removed one (the Warsaw Pact and the Warsaw Treaty) no longer points to it.
    kept = set(root.xpath("//@xml:id"))
    for entry in root.xpath("//tei:standOff//*[@corresp]", namespaces=NS):
        targets = [t for t in entry.get("corresp").split() if t[1:] in kept]
        if targets:
            entry.set("corresp", " ".join(targets))
        else:
            del entry.attrib["corresp"]
    return tree


def write_corpus(out: Path, n: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    template = _load()
    (out / "tei").mkdir(parents=True, exist_ok=True)
    shutil.copytree(resource_dir("schema"), out / "schema", dirs_exist_ok=True)
    paths = []
    for number in range(1, n + 1):
        path = out / "tei" / f"doc-{number:05d}.xml"
        make_document(template, number, rng).write(str(path), xml_declaration=True, encoding="UTF-8")
        paths.append(path)
    return paths


def write_large(out: Path, megabytes: float, seed: int, passage_ids: bool = True) -> Path:
    rng = random.Random(seed)
    template = _load()
    (out / "tei").mkdir(parents=True, exist_ok=True)
    shutil.copytree(resource_dir("schema"), out / "schema", dirs_exist_ok=True)
    per_paragraph = 1900  # bytes of an average paragraph, measured on the edition
    tree = make_document(template, 1, rng, paragraphs=max(1, int(megabytes * 1024 * 1024) // per_paragraph),
                         passage_ids=passage_ids)
    path = out / "tei" / "large.xml"
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100, help="number of documents")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--large", type=float, metavar="MB",
                        help="write one large document of about MB megabytes (0.02: about 20 kB)")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    if args.large:
        path = write_large(args.out, args.large, args.seed)
        print(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")
    else:
        paths = write_corpus(args.out, args.n, args.seed)
        print(f"{len(paths)} documents in {args.out / 'tei'}")


if __name__ == "__main__":
    main()
