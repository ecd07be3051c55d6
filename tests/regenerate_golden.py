"""Regenerate the golden files of the edition's outputs (``make golden``).

Run it after an intended change to the stylesheets or the edition, then review
``git diff tests/golden`` before committing: the diff is the review.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.build import build  # noqa: E402
from toolkit.context import BuildContext  # noqa: E402

EDITION = ROOT / "tei" / "soviet-declaration-1956-10-30.xml"
GOLDEN = ROOT / "tests" / "golden"
#: the site's pages (issue 28), under names of their own
SITE = {"index.html": "site-home.html", "registers/persons.html": "site-persons.html"}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "output"
        build([EDITION], out, context=BuildContext.load(ROOT / "tei.toml"))  # as `make edition` builds it
        GOLDEN.mkdir(exist_ok=True)
        for relative in (f"html/{EDITION.stem}.html", f"text/{EDITION.stem}.txt",
                         "index/citation-index.html", "index/citation-index.json", *SITE):
            name = SITE.get(relative, Path(relative).name)
            shutil.copyfile(out / relative, GOLDEN / name)
            print(f"tests/golden/{name}")


if __name__ == "__main__":
    main()
