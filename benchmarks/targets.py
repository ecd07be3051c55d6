"""The performance targets of issue #15, each measured as a ratio from paired runs.

Imported by ``benchmarks/run.py --targets``. Every comparison runs its two commands in
interleaved pairs (A B, then B A, …), so that a busy machine slows both alike; the report
gives the median ratio and its range over the pairs. Peak memory is the peak RSS of the
whole process tree (``wait4``'s ``ru_maxrss`` of the command: the largest process, since the
workers of ``-j 1`` run in-process) in MiB.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from toolkit.corpus import write_corpus, write_large

Row = tuple[str, str, str, str]  # measure, measured, target, met?


def paired(run, a: list[str], b: list[str], pairs: int) -> tuple[list[float], list[float]]:
    """Seconds of ``a`` and of ``b`` over ``pairs`` interleaved pairs (order alternating)."""
    ta, tb = [], []
    for i in range(pairs):
        order = (("a", a), ("b", b)) if i % 2 == 0 else (("b", b), ("a", a))
        for name, command in order:
            seconds, _rss, code = run(command)
            if code != 0:
                raise RuntimeError(f"{' '.join(command)} exited {code}")
            (ta if name == "a" else tb).append(seconds)
    return ta, tb


def ratio(num: list[float], den: list[float]) -> tuple[float, float, float]:
    values = [n / d for n, d in zip(num, den, strict=True)]
    return statistics.median(values), min(values), max(values)


def shown(r: tuple[float, float, float], unit: str = "×") -> str:
    return f"{r[0]:.2f}{unit} (range {r[1]:.2f}–{r[2]:.2f})"


def floors(files: list[Path], out: Path, pairs: int) -> tuple[float, float]:
    """(parse floor, read + parse + write floor) in seconds, medians: every file read and parsed
    with the toolkit's safe parser; for the second, also written out three times (one file per
    output kind) with lxml."""
    from lxml import etree

    from toolkit.xmlsafe import parse_file

    parse, full = [], []
    for _ in range(pairs):
        started = time.perf_counter()
        for path in files:
            parse_file(path)
        parse.append(time.perf_counter() - started)
        started = time.perf_counter()
        for path in files:
            tree = parse_file(path).tree
            for kind in ("html", "txt", "xml"):
                target = out / kind / f"{path.stem}.{kind}"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(etree.tostring(tree, encoding="utf-8"))
        full.append(time.perf_counter() - started)
    return statistics.median(parse), statistics.median(full)


_ONE_SIZE = """
import sys, time
from pathlib import Path
from toolkit.context import BuildContext
from toolkit.outputs.registry import registry
from toolkit.render import render_one
from toolkit.validate import ValidationOptions, validate_file
from toolkit.xmlsafe import parse_file
warm, path = Path(sys.argv[1]), Path(sys.argv[2])
context = BuildContext.create()
kinds = registry().documents(("html", "text", "index"))
render_one(parse_file(warm), "warm", context, kinds)
validate_file(warm, ValidationOptions())
started = time.perf_counter()
validate_file(path, ValidationOptions())
render_one(parse_file(path), "large", context, kinds)
print(time.perf_counter() - started)
"""


def per_megabyte(work: Path, sizes: tuple[float, ...]) -> list[Row]:
    """Time per MB of one document of each size (20 kB, 200 kB, 2 MB, 20 MB): validation and the
    three renderings, each size in a fresh process after a warm-up on a small document, so
    neither start-up nor the compilation of the schemas and stylesheets is counted. Twice: with
    an xml:id on every paragraph, and without (the stylesheets then compute every anchor)."""
    import subprocess
    import sys

    rows = []
    warm = write_large(work / "warm", 0.02, seed=2)
    for ids in (True, False):
        rates = []
        kind = "" if ids else ", paragraphs without xml:id"
        for megabytes in sizes:
            path = write_large(work / f"size-{megabytes}-{ids}", megabytes, seed=1, passage_ids=ids)
            size = path.stat().st_size / 1024**2
            done = subprocess.run([sys.executable, "-c", _ONE_SIZE, str(warm), str(path)], capture_output=True,
                                  text=True, check=True)
            seconds = float(done.stdout.strip().splitlines()[-1])
            rates.append(seconds / size)
            rows.append(((f"validate + render, one {size * 1024:.0f} kB document" if size < 1 else
                          f"validate + render, one {size:.1f} MB document") + kind,
                         f"{seconds:.2f} s = {seconds / size:.2f} s/MB", "linear: s/MB flat", ""))
        spread = max(rates[1:]) / min(rates[1:])
        rows.append((f"growth with size ({sizes[1]} → {sizes[-1]} MB){kind}",
                     f"s/MB varies by {spread:.2f}× (1.00× is exactly linear)", "linear",
                     "met" if spread <= 1.5 else "missed"))
    return rows


def targets(run, tei: list[str], root: Path, jing, saxon_jar: Path, pairs: int, shared: Path,  # noqa: C901 (a section per target)
            sizes: tuple[int, int, int] = (300, 1000, 3000), large_mb: float = 50,
            megabytes: tuple[float, ...] = (0.02, 0.2, 2, 20), only: set[str] | None = None) -> list[Row]:
    """Every row (``only``: just these sections: validation, render, floor, jobs, memory, real,
    sizes, large)."""
    small, medium, big_n = sizes

    def want(name: str) -> bool:
        return only is None or name in only

    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="tei-targets-") as tmp:
        work = Path(tmp)
        c300 = write_corpus(work / f"c{small}", small, seed=1)
        d300 = str(work / f"c{small}" / "tei")
        rng = str(root / "schema" / "edition.rng")
        if want("validation"):
            # validation against jing, and Schematron's cost
            if jing is not None:
                tj, tt = paired(run, ["java", "-jar", str(jing), rng, *map(str, c300)],
                                [*tei, "validate", "-q", "--schema", rng, d300], pairs)
                r = ratio(tj, tt)
                rows.append((f"`tei validate --schema edition.rng` vs jing ({small:,} docs)", f"{shown(r)} faster",
                             "keep ≥ 2×", "met" if r[0] >= 2 else "missed"))
            else:
                rows.append(("`tei validate --schema edition.rng` vs jing", "not available", "keep ≥ 2×",
                             "not measured"))
            tf, tr = paired(run, [*tei, "validate", "-q", d300], [*tei, "validate", "-q", "--schema", rng, d300],
                            pairs)
            r = ratio(tf, tr)
            rows.append((f"full validation (RNG + Schematron) vs RNG only ({small:,} docs)", shown(r), "≤ 3×",
                         "met" if r[0] <= 3 else "missed"))
        d1000 = str(work / f"c{medium}" / "tei")
        if want("render") or want("jobs") or want("memory"):
            write_corpus(work / f"c{medium}", medium, seed=1)
        if want("render"):
            # rendering against JVM Saxon, 1,000 documents
            if saxon_jar.is_file() and shutil.which("java"):
                jvm_out = work / "jvm"
                jvm_out.mkdir()
                tj, tt = paired(run, ["java", "-cp", str(saxon_jar), "net.sf.saxon.Transform", f"-s:{d1000}",
                                      f"-o:{jvm_out}", f"-xsl:{root / 'xslt' / 'html.xsl'}"],
                                [*tei, "render", "html", d1000, "-o", str(work / "render-1000")], pairs)
                r = ratio(tj, tt)
                rows.append((f"`tei render html` vs JVM Saxon-HE 9.9, same stylesheets ({medium:,} docs)",
                             f"{shown(r)} faster" if r[0] >= 1 else f"{shown(r)} (slower)", "≥ 1.5× faster",
                             "met" if r[0] >= 1.5 else "missed"))
            else:
                rows.append(("`tei render html` vs JVM Saxon", "not available", "≥ 1.5× faster", "not measured"))
        if want("floor"):
            # the build against its floors
            parse, full = floors(c300, work / "floor", pairs)
            builds = [run([*tei, "build", "-q", "--no-cache", "-j", "1", d300, "-o", str(work / f"b300-{i}")])
                      for i in range(pairs)]
            build300 = statistics.median(b[0] for b in builds)
            rows.append((f"`tei build -j 1`, {small:,} docs", f"{build300 / parse:.0f}× the lxml parse floor; "
                         f"{build300 / full:.1f}× the read + parse + write floor "
                         f"({full:.2f} s; build {build300:.1f} s)",
                         "≤ 5× the read + parse + write floor", "met" if build300 / full <= 5 else "missed"))
        if want("jobs"):
            # --jobs 2 against --jobs 1
            for n, folder in ((small, d300), (medium, d1000)):
                t1, t2 = paired(run, [*tei, "build", "-q", "--no-cache", "-j", "1", folder, "-o", str(work / "j1")],
                                [*tei, "build", "-q", "--no-cache", "-j", "2", folder, "-o", str(work / "j2")], pairs)
                r = ratio(t1, t2)
                rows.append((f"`tei build -j 2` vs `-j 1`, {n:,} docs", f"{shown(r)} faster",
                             "default = the best measured", "see the default"))
        if want("memory"):
            # peak memory of build -j 1 at 300, 1,000 and 3,000 documents
            write_corpus(work / f"c{big_n}", big_n, seed=1)
            peaks = {}
            for n in sizes:
                measured = [run([*tei, "build", "-q", "--no-cache", "-j", "1", str(work / f"c{n}" / "tei"),
                                 "-o", str(work / f"m{n}-{i}")])[1] for i in range(2)]
                peaks[n] = statistics.median(measured)
                shutil.rmtree(work / f"m{n}-0", ignore_errors=True)
                shutil.rmtree(work / f"m{n}-1", ignore_errors=True)
            growth = peaks[big_n] / peaks[medium] - 1
            rows.append(("peak memory, `build -j 1`",
                         f"{peaks[small]:.0f} MiB at {small:,}, {peaks[medium]:.0f} MiB at {medium:,}, "
                         f"{peaks[big_n]:.0f} MiB at {big_n:,} docs (+{growth:.0%} from {medium:,} to {big_n:,}; "
                         "median of 2 runs each)",
                         "≤ 300 MiB at 1,000 docs, and ≤ 10% more at 3,000",
                         "met" if peaks[medium] <= 300 and growth <= 0.10 else "missed"))
        if want("real"):
            # the largest real file
            real = sorted((shared / "real-tei").glob("*.xml"), key=lambda p: p.stat().st_size)
            if real:
                big = real[-1]
                size = big.stat().st_size / 1024**2
                parts = []
                for name, command in (("validate", [*tei, "validate", "-q", str(big)]),
                                      ("html", [*tei, "render", "html", str(big), "-o", str(work / "real")]),
                                      ("index", [*tei, "render", "index", str(big), "-o", str(work / "real")]),
                                      ("build", [*tei, "build", "-q", "--force", "--no-cache", "-j", "1", str(big),
                                                 "-o", str(work / "real-build")])):
                    measured = [run(command) for _ in range(pairs)]
                    parts.append(f"{name} {statistics.median(m[0] for m in measured):.1f} s")
                    if name == "build":
                        build_s = statistics.median(m[0] for m in measured)
                        build_rss = max(m[1] for m in measured)
                rows.append((f"the largest file of real-tei ({big.name}, {size:.1f} MB)",
                             ", ".join(parts) + f" at {build_rss} MiB",
                             "build ≤ 8 s and ≤ 350 MB (set for a 4.2 MB novel)",
                             "met" if build_s <= 8 and build_rss <= 350 else "missed"))
        if want("sizes"):
            rows += per_megabyte(work / "sizes", megabytes)
        if want("large"):
            # a 50 MB document
            large = write_large(work / "large", large_mb, seed=1)
            size = large.stat().st_size / 1024**2
            _, v_rss, _ = run([*tei, "validate", "-q", str(large)])
            b_s, b_rss, _ = run([*tei, "build", "-q", "--no-cache", "-j", "1", str(large),
                                 "-o", str(work / "large-out")])
            rows.append((f"a {size:.0f} MB document", f"{v_rss / size:.1f}× its size in memory to validate, "
                         f"{b_rss / size:.1f}× to build (build {b_s:.0f} s, {b_rss} MiB)", "≤ 10×",
                         "met" if max(v_rss, b_rss) / size <= 10 else "missed"))
    return rows


def report(rows: list[Row]) -> str:
    lines = ["| measure | measured (median of paired runs, range) | target | met? |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines) + "\n"
