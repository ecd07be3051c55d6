"""Where the stylesheets spend their time: Saxon's own timing profile (-TP) on the JVM.

    python benchmarks/saxon_profile.py [--stylesheet html.xsl] [--docs 100] [--warm 20]

Runs JVM Saxon-HE (Debian's libsaxonhe-java) with ``-TP`` over a generated corpus (one JVM,
every document), drops the first ``--warm`` documents (the JIT is still compiling), and sums
each template's and function's *net* time (without what it calls) over the rest. Instrumented
times are several times the real ones, and functions called very often are inflated most; the
shares are what to read. SaxonC has no profiler, and runs the same stylesheets.
"""

from __future__ import annotations

import argparse
import collections
import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from toolkit.corpus import write_corpus
from toolkit.resources import resource_dir

SAXON_JARS = (Path("/usr/share/java/Saxon-HE.jar"), Path("/usr/share/java/saxon9he.jar"))


def profile(stylesheet: str, docs: int, warm: int) -> str:
    jar = next((j for j in SAXON_JARS if j.is_file()), None)
    if jar is None or shutil.which("java") is None:
        raise SystemExit("JVM Saxon-HE is not installed (apt-get install libsaxonhe-java default-jre-headless)")
    with tempfile.TemporaryDirectory(prefix="tei-tp-") as tmp:
        work = Path(tmp)
        write_corpus(work / "c", docs, seed=1)
        (work / "out").mkdir()
        report = work / "profile.html"
        subprocess.run(["java", "-cp", str(jar), "net.sf.saxon.Transform", f"-s:{work / 'c' / 'tei'}",
                        f"-xsl:{resource_dir('xslt') / stylesheet}", f"-o:{work / 'out'}", f"-TP:{report}"],
                       check=True, capture_output=True)
        text = report.read_text(encoding="utf-8")
    tables = re.findall(r"<table.*?</table>", text, re.S)[warm:]  # one table per document
    net: collections.Counter[str] = collections.Counter()
    calls: collections.Counter[str] = collections.Counter()
    for table in tables:
        for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
            cells = [html.unescape(re.sub("<.*?>", "", c)).strip() for c in re.findall(r"<td.*?>(.*?)</td>", row, re.S)]
            if len(cells) == 8:  # file, line, instruction, count, avg gross, total gross, avg net, total net
                key = f"{cells[0]}:{cells[1]} {cells[2]}"
                net[key] += float(cells[7].replace(",", ""))
                calls[key] += int(cells[3].replace(",", ""))
    total = sum(net.values())
    n = max(1, len(tables))
    lines = [f"Saxon -TP, {stylesheet}, {n} documents after {warm} warm-up ones: {total / n:.1f} ms a document "
             "(instrumented)", "", "| share | net ms/doc | calls/doc | template or function |", "|---:|---:|---:|---|"]
    for key, value in net.most_common(15):
        lines.append(f"| {100 * value / total:.1f}% | {value / n:.2f} | {calls[key] / n:.0f} | `{key[:100]}` |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stylesheet", default="html.xsl")
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--warm", type=int, default=20)
    args = parser.parse_args()
    print(profile(args.stylesheet, args.docs, args.warm))


if __name__ == "__main__":
    main()
