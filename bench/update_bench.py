"""``sitegen update`` against 50 news sites at once, each slow to answer.

    python bench/update_bench.py [--feeds 50] [--items 20] [--latency 0.1]

Serves ``--feeds`` feeds, each on a host of its own (127.0.0.1, 127.0.0.2, ...: the whole
of 127/8 is this machine), with ``--items`` teaser-only entries each whose pages must be
fetched, every response delayed by ``--latency`` seconds.  Runs ``sitegen update`` on a new
site with the default politeness (2 requests in flight per host, 0.5 s between the starts of
two requests to one host) and prints the time it took, the requests the servers saw and the
most requests any host had in flight at once; then a second update, which should be all
``304 Not Modified``.
"""

from __future__ import annotations

import argparse
import contextlib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from tests.news_support import Item, NewsSite, serving

PAGE = (
    "<html><head><title>{title}</title><meta property='og:site_name' content='Site {n}'>"
    "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>"
    "<h1>{title}</h1><p class='byline'>By Ana Lima</p>{paragraphs}</article>"
    "<footer>Copyright Site {n}. All rights reserved.</footer></body></html>"
)


def _page(n: int, i: int) -> bytes:
    text = (
        f"<p>The council of town {n} voted on item {i} of its agenda on Monday, after a debate "
        f"that ran late into the evening and drew a crowd of residents to the hall.</p>"
    )
    return PAGE.format(title=f"Town {n} votes on item {i}", n=n, paragraphs=text * 8).encode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.1)
    args = parser.parse_args()
    sites = []
    for n in range(args.feeds):
        items = [
            Item(f"s{n}-{i}", f"Town {n} votes on item {i}", f"/p/{i}") for i in range(args.items)
        ]
        site = NewsSite(feeds={"/feed.xml": ("rss2", items)}, delay=args.latency)
        site.pages = {f"/p/{i}": _page(n, i) for i in range(args.items)}
        sites.append(site)
    with contextlib.ExitStack() as stack:
        for n, site in enumerate(sites):
            stack.enter_context(serving(site, host=f"127.0.0.{n + 1}"))
        folder = Path(tempfile.mkdtemp(prefix="sitegen-update-bench-")) / "site"
        python = sys.executable
        subprocess.run(
            [python, "-m", "sitegen", "init", str(folder)], check=True, capture_output=True
        )
        for old in (folder / "content" / "articles").glob("*.md"):
            old.unlink()
        config = yaml.safe_load((folder / "sitegen.yaml").read_text("utf-8"))
        config["feeds"] = [s.url("/feed.xml") for s in sites]
        (folder / "sitegen.yaml").write_text(yaml.safe_dump(config), "utf-8")
        for run in ("first update", "second update"):
            before = sum(sum(s.hits.values()) for s in sites)
            start = time.perf_counter()
            done = subprocess.run(
                [python, "-m", "sitegen", "--site", str(folder), "update"],
                capture_output=True,
                text=True,
                check=False,
            )
            took = time.perf_counter() - start
            requests = sum(sum(s.hits.values()) for s in sites) - before
            peak = max(max(s.peak.values(), default=0) for s in sites)
            not_modified = sum(sum(s.not_modified.values()) for s in sites)
            print(f"{run}: {took:.1f} s, exit {done.returncode}, {requests} requests")
            print(f"  {done.stdout.strip()}")
            print(f"  most requests in flight on one host: {peak}; 304s so far: {not_modified}")
            if done.returncode != 0:
                print(done.stderr[-2000:])
                return 1
        articles = len(list((folder / "content" / "articles").glob("*.md")))
        print(f"articles imported: {articles} of {args.feeds * args.items}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
