"""The full-text search at scale (issue #28, item 5): a generated corpus built with the search,
then searched in Chromium through ``tei serve``'s application on 127.0.0.1.

    python benchmarks/search.py --sizes 1000 10000 --jobs 2

For each size: the search index's size on disk (``pagefind/`` and ``search/``, against the
reading edition's ``html/``); the time the search adds to a cold build (the search step timed
inside the build: reading the records from the pages, then Pagefind), as a share of the build;
the same step in a second build of the unchanged corpus (copied from the cache); the bytes a
browser fetches to open the search page and for its first query (the response bodies the
server sent, counted by an ASGI wrapper: the page's requests and Pagefind's Web Worker's alike;
no HTTP compression, Pagefind's index files are gzipped by Pagefind); the time to the first
results (from pressing Enter on the loaded page, and from opening ``search/index.html?q=…``).
Needs Debian's Chromium (``/usr/bin/chromium``) and Playwright for the browser rows; without
them those rows say "not measured". Prints a Markdown table (``--out`` appends it to a file).
"""

from __future__ import annotations

import argparse
import platform
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit import pagefind_bundle  # noqa: E402
from toolkit.build import build  # noqa: E402
from toolkit.context import BuildContext  # noqa: E402
from toolkit.corpus import write_corpus  # noqa: E402
from toolkit.outputs import search as search_output  # noqa: E402
from toolkit.resources import resource_dir  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
QUERY = "friendship"


@dataclass
class Timers:
    seconds: dict[str, float] = field(default_factory=dict)

    def wrap(self, name, function):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started
        return timed


def timed_build(paths: list[Path], out: Path, jobs: int, context: BuildContext) -> tuple[float, dict[str, float]]:
    """(seconds of the whole build, seconds of the search step and its parts)."""
    timers = Timers()
    originals = (search_output.SEARCH.reduce, search_output.page_records, pagefind_bundle.write_bundle)
    object.__setattr__(search_output.SEARCH, "reduce", timers.wrap("search", originals[0]))
    search_output.page_records = timers.wrap("records", originals[1])
    pagefind_bundle.write_bundle = timers.wrap("pagefind", originals[2])
    try:
        started = time.perf_counter()
        result = build(paths, out, jobs=jobs, context=context)
        seconds = time.perf_counter() - started
    finally:
        object.__setattr__(search_output.SEARCH, "reduce", originals[0])
        search_output.page_records, pagefind_bundle.write_bundle = originals[1], originals[2]
    if not result.ok:
        raise RuntimeError(result.summary())
    return seconds, timers.seconds


def size_of(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


class Counted:
    """An ASGI application that counts the bytes of every response body it sends (what the
    browser fetched, its page's requests and its Web Worker's alike)."""

    def __init__(self, app):
        self.app, self.bytes, self.filters = app, 0, 0

    async def __call__(self, scope, receive, send):
        facet = "/pagefind/filter/" in scope.get("path", "")

        async def counting(message):
            if message["type"] == "http.response.body":
                self.bytes += len(message.get("body", b""))
                self.filters += len(message.get("body", b"")) if facet else 0
            await send(message)
        await self.app(scope, receive, counting)


def serve(out: Path):
    """tei serve's application under uvicorn on 127.0.0.1 in a thread: (base URL, counter, stop)."""
    import uvicorn

    from toolkit.server import bind, create_app

    sock = bind("127.0.0.1", 0)
    counted = Counted(create_app(out))
    server = uvicorn.Server(uvicorn.Config(counted, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)

    def stop():
        server.should_exit = True
        thread.join(10)
        sock.close()
    return f"http://127.0.0.1:{sock.getsockname()[1]}", counted, stop


def browser_figures(out: Path, runs: int, query: str = QUERY) -> dict[str, str]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"browser": "not measured: Python package playwright is absent"}
    if not CHROMIUM.is_file():
        return {"browser": "not measured: /usr/bin/chromium is absent"}
    base, counted, stop = serve(out)
    figures: dict[str, list[float]] = {"open": [], "query": [], "typed": [], "cold": [], "facets": [],
                                       "facet-bytes": []}
    ready = "#ed-search-panel[data-ready=true]"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
            for _ in range(runs):
                context = browser.new_context(viewport={"width": 1280, "height": 900})  # a fresh cache each run
                page = context.new_page()
                counted.bytes = 0
                page.goto(f"{base}/search/index.html")
                page.wait_for_selector(ready, state="attached", timeout=120_000)  # the bundle is loaded
                page.wait_for_timeout(200)
                figures["open"].append(counted.bytes)
                counted.bytes = counted.filters = 0
                page.fill("#ed-search-q", query)
                started = time.perf_counter()
                page.press("#ed-search-q", "Enter")
                page.wait_for_selector("#ed-search-list li a", timeout=120_000)
                figures["typed"].append(time.perf_counter() - started)
                page.wait_for_selector("#ed-search-panel[data-counted]", state="attached", timeout=300_000)
                figures["facets"].append(time.perf_counter() - started)
                # the results' instance loads no facet file; the counting instance loads them all
                figures["query"].append(counted.bytes - counted.filters)
                figures["facet-bytes"].append(counted.filters)
                context.close()
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                started = time.perf_counter()
                page.goto(f"{base}/search/index.html?q={query}")
                page.wait_for_selector("#ed-search-list li a", timeout=120_000)
                figures["cold"].append(time.perf_counter() - started)
                context.close()
            browser.close()
    finally:
        stop()

    def med(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]
    return {"open": f"{med(figures['open']) / 1024:.0f} KiB", "query": f"{med(figures['query']) / 1024:.0f} KiB",
            "typed": f"{med(figures['typed']):.2f} s", "cold": f"{med(figures['cold']):.2f} s",
            "facets": f"{med(figures['facets']):.2f} s after Enter (+ {med(figures['facet-bytes']) / 1024:.0f} KiB: "
                      f"the facets' files)"}


def measure(n: int, jobs: int, work: Path, runs: int, context: BuildContext, build_it: bool = True,
            browse: bool = True, query: str = QUERY) -> dict[str, str]:
    corpus = work / f"corpus-{n}"
    if not (corpus / "tei").is_dir():
        write_corpus(corpus, n, seed=1)
    paths = sorted((corpus / "tei").glob("*.xml"))
    out = work / f"out-{n}"
    row = {"documents": f"{n:,}"}
    if build_it:
        shutil.rmtree(out, ignore_errors=True)
        cold, parts = timed_build(paths, out, jobs, context)
        warm, warm_parts = timed_build(paths, out, jobs, context)
        row.update({"build": f"{cold:.1f} s (-j {jobs})",
                    "search step": f"{parts['search']:.1f} s = {parts['search'] / cold:.1%} of the build "
                                   f"(records {parts['records']:.1f} s, Pagefind {parts['pagefind']:.1f} s)",
                    "unchanged": f"{warm_parts.get('search', 0):.2f} s of a {warm:.1f} s rebuild; Pagefind "
                                 f"{'not run' if 'pagefind' not in warm_parts else 'run'}"})
    else:  # the search page's script and style as they are now (copied, as a build copies them)
        for asset in (resource_dir("xslt") / "assets" / "search").iterdir():
            shutil.copyfile(asset, out / "search" / asset.name)
    bundle, bundle_files = size_of(out / "pagefind")
    blocks = sum(p.stat().st_blocks * 512 for p in (out / "pagefind").rglob("*") if p.is_file())
    page, _ = size_of(out / "search")
    edition, _ = size_of(out / "html")
    records = sum(1 for p in (out / "pagefind" / "fragment").iterdir())
    row.update({"records": f"{records:,}",
                "index": f"{bundle / 1e6:.1f} MB in {bundle_files:,} files ({blocks / 1e6:.0f} MB of disk blocks; "
                         f"+ search page {page / 1024:.0f} KiB); {bundle / edition:.2f}× the HTML edition "
                         f"({edition / 1e6:.1f} MB)"})
    if browse:
        row.update(browser_figures(out, runs, query))
    print(row, flush=True)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3, help="browser runs per size (median)")
    parser.add_argument("--work", type=Path, default=None, help="folder for the corpora and outputs (kept)")
    parser.add_argument("--out", type=Path, help="append the Markdown table to this file")
    parser.add_argument("--query", default=QUERY, help="the query the browser figures time")
    parser.add_argument("--no-browser", action="store_true", help="build and measure the index only")
    parser.add_argument("--browser-only", action="store_true",
                        help="measure the browser figures on the outputs of an earlier run in --work")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="tei-search-bench-"))
    # the stylesheets as they are now: editing the checkout during a long run changes nothing
    snapshot = work / "xslt"
    shutil.rmtree(snapshot, ignore_errors=True)
    shutil.copytree(resource_dir("xslt"), snapshot)
    context = BuildContext.create(toolkit_xslt=snapshot)
    rows = [measure(n, args.jobs, work, args.runs, context, not args.browser_only, not args.no_browser, args.query)
            for n in args.sizes]
    lines = [f"Measured by `python benchmarks/search.py --sizes {' '.join(map(str, args.sizes))} --jobs {args.jobs}` "
             f"({platform.machine()}, {len(__import__('os').sched_getaffinity(0))} cores, Python "
             f"{platform.python_version()}); query {args.query!r}; browser figures: medians of {args.runs} runs.", "",
             "| measure | " + " | ".join(f"{r['documents']} documents" for r in rows) + " |",
             "|---|" + "---|" * len(rows)]
    labels = [("records", "search records (passages)"), ("index", "search index on disk"), ("build", "cold build"),
              ("search step", "time the search adds to the cold build"),
              ("unchanged", "search step in a rebuild of the unchanged corpus"),
              ("open", "bytes fetched to open the search page (the page, its style and scripts, Pagefind's script "
                       "and worker)"),
              ("query", "bytes fetched for the first query's results (Pagefind's entry, metadata and "
                        "WebAssembly, the word's index chunk, 10 fragments)"),
              ("typed", "first results after Enter (page loaded)"),
              ("facets", "facet counts shown (a second Pagefind instance loads every facet)"),
              ("cold", "first results from opening search/index.html?q=… (fresh browser cache)"),
              ("browser", "browser figures")]
    for key, label in labels:
        if any(key in r for r in rows):
            lines.append(f"| {label} | " + " | ".join(r.get(key, "") for r in rows) + " |")
    table = "\n".join(lines) + "\n"
    print(table)
    if args.out:
        with open(args.out, "a", encoding="utf-8") as handle:
            handle.write("\n" + table)


if __name__ == "__main__":
    main()
