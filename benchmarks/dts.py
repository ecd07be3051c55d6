"""DTS response times and the live preview's delay, measured (not asserted).

    python benchmarks/dts.py [--requests 20] [--out benchmarks/DTS.md]

For the edition and for the largest file of ../shared/real-tei (when present): the number
of citable units, and the median (and range) of ``--requests`` requests to Navigation
(``down=-1``, the whole tree; and ``ref`` of a unit in the middle) and Document (the whole
TEI; one passage in the middle), against uvicorn on 127.0.0.1 in this process.

Then the live preview: ``tei serve`` in a copy of the project, a source file saved with a
change, and the time until the page that was open has been told to reload and has fetched
its new content (the server's reload event, then the page, as a browser does).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import httpx  # noqa: E402
from dtsclient import build_output, live_server  # noqa: E402

SHARED = ROOT.parent / "shared"
EDITION = ROOT / "tei" / "soviet-declaration-1956-10-30.xml"


def timed(client: httpx.Client, params: dict, path: str, n: int) -> tuple[float, float, float]:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        response = client.get(path, params=params)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, response.text[:200]
    return statistics.median(times) * 1000, min(times) * 1000, max(times) * 1000


def response_times(requests: int) -> list[str]:
    files = [EDITION]
    real = sorted((SHARED / "real-tei").glob("*.xml"), key=lambda p: p.stat().st_size)
    if real:
        files.append(real[-1])
    rows = ["| document | size | citable units | request | median ms | range ms |", "|---|---|---|---|---|---|"]
    with tempfile.TemporaryDirectory() as folder:
        out = build_output(files, Path(folder) / "output")
        with live_server(out) as client:
            for path in files:
                stem = path.stem
                tree = client.get("/api/dts/navigation", params={"resource": stem, "down": "-1"}).json()["member"]
                middle = tree[len(tree) // 2]["identifier"]
                size = f"{path.stat().st_size / 1024:.0f} kB"
                cases = [("Navigation down=-1", "/api/dts/navigation", {"resource": stem, "down": "-1"}),
                         (f"Navigation ref={middle}", "/api/dts/navigation", {"resource": stem, "ref": middle}),
                         ("Document (whole)", "/api/dts/document", {"resource": stem}),
                         (f"Document ref={middle}", "/api/dts/document", {"resource": stem, "ref": middle})]
                for name, endpoint, params in cases:
                    median, low, high = timed(client, params, endpoint, requests)
                    rows.append(f"| {stem} | {size} | {len(tree)} | {name} | {median:.1f} | {low:.1f}–{high:.1f} |")
    return rows


def live_delay(rounds: int = 5) -> list[str]:
    """Save a change, wait for the reload event, fetch the page: seconds, per round."""
    delays = []
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        for name in ("tei", "schema"):
            shutil.copytree(ROOT / name, project / name)
        shutil.copy(ROOT / "tei.toml", project / "tei.toml")
        process = subprocess.Popen([sys.executable, "-m", "toolkit", "serve", "--port", "0"], cwd=project,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            url = ""
            while not url:
                line = process.stderr.readline()
                if not line:
                    raise RuntimeError("tei serve stopped")
                if line.startswith("Serving"):
                    url = line.split(" at ", 1)[1].split("/ ", 1)[0]
            source = project / "tei" / EDITION.name
            original = source.read_text(encoding="utf-8")
            page = f"{url}/html/{EDITION.stem}.html"
            with httpx.Client(timeout=30) as client:
                for round_ in range(rounds):
                    with client.stream("GET", f"{url}/_live/events") as events:
                        lines = events.iter_lines()
                        first = next(line for line in lines if line.startswith("data:"))
                        marker = f"benchmark round {round_}"
                        started = time.perf_counter()
                        source.write_text(original.replace("After <persName", f"{marker}. After <persName", 1),
                                          encoding="utf-8")
                        nxt = next(line for line in lines if line.startswith("data:") and line != first)
                        assert nxt
                    body = client.get(page).text
                    delays.append(time.perf_counter() - started)
                    assert marker in body, "the reloaded page does not show the change"
        finally:
            process.terminate()
            process.wait(10)
    return [f"- live preview, save to reloaded page ({rounds} rounds): median {statistics.median(delays):.2f} s, "
            f"range {min(delays):.2f}–{max(delays):.2f} s"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    lines = ["# DTS response times and live-preview delay", "",
             f"`python benchmarks/dts.py --requests {args.requests}`; uvicorn on 127.0.0.1, httpx client, "
             "same process; medians of paired, sequential requests.", ""]
    lines += response_times(args.requests) + [""] + live_delay()
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
