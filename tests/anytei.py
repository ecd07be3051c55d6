"""Measure how the renderers handle a TEI document nobody here wrote (shared by the tests
and by ``python tests/anytei.py``, which prints the per-file table of the closing note).

For one file: render HTML, text and index through the CLI (exit status), then count the
words of its ``text``/``sourceDoc`` missing from the text output and from the HTML's
visible text (the TEI way, see textcheck.py), the contents entries, the divisions that
should have one (listed, or inside a listed range), the longest run of entries in one list of
the contents, and the time.
"""

from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner
from lxml import html
from textcheck import html_visible_words, loss, tei_text_words

from toolkit.cli import main
from toolkit.xmlsafe import TEI_NS, parse_file

DIVS = {f"{{{TEI_NS}}}{name}" for name in ("div", "div1", "div2", "div3", "div4", "div5", "div6", "div7")}


@dataclass
class Measure:
    name: str
    exit_codes: tuple[int, int, int]
    words: int
    text_missing: int
    html_missing: int
    contents: int
    named_divs: int
    ranges: int
    longest_run: int
    seconds: float
    samples: tuple[list[str], list[str]]
    output: str

    @property
    def text_pct(self) -> float:
        return 100 * self.text_missing / max(self.words, 1)

    @property
    def html_pct(self) -> float:
        return 100 * self.html_missing / max(self.words, 1)


def named_divisions(root) -> int:
    """Divisions of the text with a head or an @n (each deserves a contents entry)."""
    return sum(1 for el in root.iter(*DIVS)
               if any(a.tag == f"{{{TEI_NS}}}text" for a in el.iterancestors())
               and (el.get("n") is not None or el.find(f"{{{TEI_NS}}}head") is not None))


def measure(path: Path, out: Path) -> Measure:
    runner = CliRunner()
    started = time.perf_counter()
    results = [runner.invoke(main, ["render", kind, str(path), "-o", str(out)]) for kind in ("html", "text", "index")]
    seconds = time.perf_counter() - started
    root = parse_file(path).root
    words = tei_text_words(root)
    text_file, html_file = out / "text" / f"{path.stem}.txt", out / "html" / f"{path.stem}.html"
    shown_text = re.findall(r"\w+", text_file.read_text(encoding="utf-8")) if text_file.exists() else []
    page = html.parse(str(html_file)).getroot() if html_file.exists() else None
    shown_html = html_visible_words(page) if page is not None else []
    text_missing, text_sample = loss(words, shown_text)
    html_missing, html_sample = loss(words, shown_html)
    toc = page.xpath("//nav[contains(@class, 'toc')]") if page is not None else []
    contents = len(toc[0].xpath(".//ol[contains(@class, 'toc-divisions')]//li")) if toc else 0
    ranges = len(toc[0].xpath(".//li[contains(@class, 'toc-range')]")) if toc else 0
    longest = max((len(ol.xpath("li")) for ol in toc[0].iter("ol")), default=0) if toc else 0
    return Measure(path.stem, tuple(r.exit_code for r in results), len(words), text_missing, html_missing,  # type: ignore[arg-type]
                   contents, named_divisions(root), ranges, longest, seconds, (text_sample, html_sample),
                   "".join(r.output for r in results))


def main_report(folders: list[Path]) -> None:
    import tempfile

    print("| file | kind | exit (html, text, index) | words | missing in text | missing in HTML | contents entries "
          "(named divisions) | ranges | longest run | render time |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    kinds = {}
    for folder in folders:
        tsv = folder / "corpus.tsv"
        if tsv.exists():
            for line in tsv.read_text(encoding="utf-8").splitlines()[1:]:
                cells = line.split("\t")
                kinds[cells[0]] = cells[3]
    for folder in folders:
        for path in sorted(folder.glob("*.xml")):
            m = measure(path, Path(tempfile.mkdtemp()))
            print(f"| {m.name} | {kinds.get(m.name, 'TEI test file').split(' (')[0]} | {m.exit_codes} | {m.words} | "
                  f"{m.text_pct:.2f}% | {m.html_pct:.2f}% | {m.contents} ({m.named_divs}) | {m.ranges} | {m.longest_run} | "
                  f"{m.seconds:.2f} s |")


if __name__ == "__main__":
    main_report([Path(p) for p in sys.argv[1:]])
