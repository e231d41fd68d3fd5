"""Edit -> served page latency of ``sitegen serve`` on generated sites.

    python bench/serve_latency.py                 # 1,000 and 10,000 articles
    python bench/serve_latency.py 2000 --edits 10

For each size: make a temporary site from ``bench.generate`` articles (``sitegen
import`` of a JSON Lines file), start ``sitegen serve --port 0`` in its own
process, wait for the first build, then edit one article's text again and again
(an atomic save, as editors do) and poll its page over HTTP until the new text
is served.  Prints the startup time, the median, p90 and worst edit -> served
page latency, and how long until the full rebuild behind each edit settled.

The generated events share most of their vocabulary, so with the default
``grouping.storyline_threshold`` nearly every event joins one storyline and each
article page lists the whole site (hundreds of MB at 1,000 articles).  The
benchmark sites therefore set the threshold to 0.3 (``--storyline-threshold``).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import articles
from sitegen.cli import main as sitegen

ROOT = Path(__file__).resolve().parent.parent

POLL = 0.005
"""Seconds between two polls of the edited page."""


def make_site(folder: Path, n: int, storyline_threshold: float) -> Path:
    """A site with ``n`` generated articles imported."""
    site = folder / f"site-{n}"
    assert sitegen(["-q", "init", str(site)]) == 0
    with (site / "sitegen.yaml").open("a", encoding="utf-8") as fh:
        fh.write(f"grouping:\n  storyline_threshold: {storyline_threshold}\n")
    raw = folder / f"raw-{n}.jsonl"
    with raw.open("w", encoding="utf-8") as fh:
        for record in articles(n):
            record.pop("event")  # the true label, for scoring only
            fh.write(json.dumps(record) + "\n")
    assert sitegen(["--site", str(site), "-q", "import", str(raw)]) == 0
    return site


class Server:
    """``sitegen serve`` in a child process."""

    def __init__(self, site: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sitegen", "--site", str(site), "serve", "--port", "0"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            found = re.search(r" at http://127\.0\.0\.1:(\d+)/", line)
            if found:
                self.port = int(found.group(1))
                break
        else:
            raise RuntimeError("sitegen serve did not start")
        self.log: list[str] = []
        self._drain = threading.Thread(target=self._read_output, daemon=True)
        self._drain.start()
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def _read_output(self) -> None:
        """Keep reading the server's progress lines (a full pipe would block it)."""
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.log.append(line.rstrip("\n"))

    def get(self, path: str) -> bytes:
        self.conn.request("GET", path)
        return self.conn.getresponse().read()

    def settled(self) -> bool:
        return bool(json.loads(self.get("/__sitegen__/status"))["settled"])

    def wait_settled(self, timeout: float = 1800) -> None:
        deadline = time.monotonic() + timeout
        while not self.settled():
            if time.monotonic() > deadline:
                raise TimeoutError("the rebuild did not settle")
            time.sleep(0.02)

    def stop(self) -> None:
        self.conn.close()
        self.proc.terminate()
        self.proc.wait(timeout=60)


def save(path: Path, text: str) -> None:
    """Write-then-rename, as most editors save."""
    tmp = path.with_name(f".{path.name}.bench.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def measure(site: Path, edits: int, verbose: bool = False) -> dict[str, float]:
    started = time.perf_counter()
    server = Server(site)
    try:
        server.wait_settled()
        startup = time.perf_counter() - started
        events = json.loads((site / "build" / "events.json").read_text(encoding="utf-8"))
        middle = events["events"][len(events["events"]) // 2]["articles"][0]
        page = middle["page"]
        path = next(
            p
            for p in sorted((site / "content" / "articles").glob("*.md"))
            if f"id: {middle['id']}\n" in p.read_text(encoding="utf-8")
        )
        original = path.read_text(encoding="utf-8")
        served, settled = [], []
        for i in range(edits):
            marker = f"latency-probe-{i}-{time.time_ns()}"
            t0 = time.perf_counter()
            save(path, original.rstrip("\n") + f"\n\nEdited for the benchmark: {marker}.\n")
            while marker.encode() not in server.get(page):
                time.sleep(POLL)
            served.append(time.perf_counter() - t0)
            server.wait_settled()
            settled.append(time.perf_counter() - t0)
        save(path, original)
        server.wait_settled()
    finally:
        server.stop()
        if verbose:
            print("\n".join(server.log))
    return {
        "startup": startup,
        "median": statistics.median(served),
        "p90": statistics.quantiles(served, n=10)[-1],
        "worst": max(served),
        "settled": statistics.median(settled),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10_000])
    parser.add_argument("--edits", type=int, default=20, help="edits per size (default 20)")
    parser.add_argument("--storyline-threshold", type=float, default=0.3)
    parser.add_argument("-v", "--verbose", action="store_true", help="print the server's log")
    args = parser.parse_args()
    print("articles  startup   edit->page median   p90     worst   full rebuild settled (median)")
    for n in args.sizes:
        with tempfile.TemporaryDirectory(prefix="sitegen-serve-bench-") as tmp:
            site = make_site(Path(tmp), n, args.storyline_threshold)
            r = measure(site, args.edits, args.verbose)
        print(
            f"{n:>8,}  {r['startup']:6.1f} s  {r['median'] * 1000:8.0f} ms"
            f"  {r['p90'] * 1000:6.0f} ms  {r['worst'] * 1000:5.0f} ms"
            f"  {r['settled']:8.2f} s",
            flush=True,
        )


if __name__ == "__main__":
    main()
