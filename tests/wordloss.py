"""Word loss on linguistically annotated TEI: how many words of a document's ``w`` elements the
plain text and the HTML lose, missing or glued to a neighbour (issue 25, speech).

Each ``w`` that is not part of another ``w`` gives its words (``\\w+``); a rendered output
keeps a word when the word stands as a token of its own in it (as multisets, case-insensitively,
textcheck.loss): "Trustnot" keeps neither "Trust" nor "not". The HTML counted is what a reader
sees of the text (the article and the annotations, not the header); the plain text is the
whole file.

    python tests/wordloss.py FILE_OR_FOLDER...            # the toolkit's stylesheets
    python tests/wordloss.py --xslt DIR FILE_OR_FOLDER... # another copy of xslt/ (a baseline,
                                                          # e.g. ``git archive HEAD~3 xslt``)

Files without ``w`` are skipped. Prints one Markdown row per file and a total.
"""

from __future__ import annotations

import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lxml import html
from textcheck import html_visible_words, loss

from toolkit.build import render_paths
from toolkit.context import BuildContext
from toolkit.xmlsafe import TEI_NS, parse_file

WORD = re.compile(r"\w+")
W = f"{{{TEI_NS}}}w"


@dataclass
class Loss:
    name: str
    words: int
    text_missing: int
    html_missing: int
    samples: tuple[list[str], list[str]]


def token_words(path: Path) -> list[str]:
    """The words of a document's w elements (a w inside a w is part of it), in document order."""
    root = parse_file(path).root
    return [word for w in root.iter(W) if not any(a.tag == W for a in w.iterancestors())
            for word in WORD.findall("".join(w.itertext()))]


def measure(path: Path, out: Path, xslt: Path | None = None) -> Loss | None:
    words = token_words(path)
    if not words:
        return None
    context = BuildContext.create(toolkit_xslt=xslt) if xslt else None
    render_paths([path], ["html", "text"], out, context=context)
    shown_text = WORD.findall((out / "text" / f"{path.stem}.txt").read_text(encoding="utf-8"))
    page = html.parse(str(out / "html" / f"{path.stem}.html")).getroot()
    shown_html = [w for part in page.xpath("//article[@id='ed-text'] | //section[@id='ed-annotations']")
                  for w in html_visible_words(part)]
    text_missing, text_sample = loss(words, shown_text)
    html_missing, html_sample = loss(words, shown_html)
    return Loss(path.stem, len(words), text_missing, html_missing, (text_sample, html_sample))


def files(args: list[str]) -> list[Path]:
    found: list[Path] = []
    for arg in args:
        p = Path(arg)
        found.extend(sorted(p.glob("*.xml")) if p.is_dir() else [p])
    return found


def main(argv: list[str]) -> int:
    xslt = None
    if argv[:1] == ["--xslt"]:
        xslt, argv = Path(argv[1]).resolve(), argv[2:]
    if not argv:
        print(__doc__)
        return 2
    print("| file | w words | lost in text | lost in HTML |")
    print("|---|---|---|---|")
    total = [0, 0, 0]
    for path in files(argv):
        m = measure(path, Path(tempfile.mkdtemp()), xslt)
        if m is None:
            continue
        total = [total[0] + m.words, total[1] + m.text_missing, total[2] + m.html_missing]
        print(f"| {m.name} | {m.words} | {m.text_missing} ({100 * m.text_missing / m.words:.2f}%) | "
              f"{m.html_missing} ({100 * m.html_missing / m.words:.2f}%) |")
    if total[0]:
        print(f"| **all** | {total[0]} | {total[1]} ({100 * total[1] / total[0]:.2f}%) | "
              f"{total[2]} ({100 * total[2] / total[0]:.2f}%) |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
