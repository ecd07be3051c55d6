"""The encoding guide: ``docs/encoding-guide.html``, from the project's ODD, grammar and rules
and examples from its own documents (``xslt/guide.xsl``; :mod:`toolkit.guide`)."""

from __future__ import annotations

from toolkit.guide import guide_files
from toolkit.outputs.html import verify_html
from toolkit.outputs.kind import CORPUS, Output
from toolkit.outputs.run import CorpusRun


def reduce_guide(run: CorpusRun) -> None:
    for relative, text in guide_files(run.paths, run.context).items():
        run.stage.write(relative, text)


GUIDE = Output(name="guide", summary="the encoding guide of the project's own schema (when it has an ODD)",
               folder="docs", scope=CORPUS, reduce=reduce_guide, needs=("html", "assets"), assets=True,
               packaged=False, verify=verify_html)
