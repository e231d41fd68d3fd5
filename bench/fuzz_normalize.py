"""A long fuzz run of the readers and the normalizer, with the time each input took.

    python bench/fuzz_normalize.py [--examples N] [--seed S]

Hypothesis generates inputs for every reader (text dumps, Markdown, saved HTML pages, JSON
Lines, RSS): arbitrary bytes, lines of boilerplate and markup-like text, long hard-wrapped
dumps, and pages whose elements carry many attributes or nest deep.  Each is read with its
reader and normalized, as an import does.  The run fails on any crash (an exception that is
not the reader's one-line error); it prints how many inputs ran, the slowest inputs in
milliseconds per kilobyte (inputs under 1 KB count as 1 KB, so a fixed start-up cost is not
blown up), and the share over 50 ms per KB, the robustness issue's bound.  Every input over
the bound (up to 500 of them) is then timed again, three times: an input is slow when it
still is, and not when the first time paid for something once per process (a library
loading what it needs for a script it meets first) or the machine paused.  It fails when
one of them still is.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from sitegen.ingest import read_file
from sitegen.normalize import normalize

BOUND_MS_PER_KB = 50.0
KEPT = 500
"""How many inputs over the bound are kept to be timed again."""
WORDS = st.sampled_from(
    "the council said on monday that Share this article Post a Comment © 2024 Reuters "
    "Home » World <b> </p> {{ 7*7 }} [x](javascript:1) Comments (3) Reply — « » 1.5% "
    "新闻 новости".split(" ")
)
LINE = st.lists(WORDS, max_size=30).map(" ".join)
DUMP = st.one_of(
    st.binary(max_size=4000),
    st.lists(LINE, max_size=200).map(lambda lines: "\n".join(lines).encode()),
    st.integers(1, 3000).map(lambda n: ("word " * 12 + "\n").encode() * n),  # hard-wrapped
)
HTML = st.one_of(
    DUMP,
    st.lists(LINE, max_size=60).map(
        lambda ps: ("<html><body><article>" + "".join(f"<p>{p}</p>" for p in ps)).encode()
    ),
    st.integers(1, 20000).map(lambda n: b"<div " + b"a=1 " * n + b">x</div>"),  # attributes
    st.integers(1, 3000).map(lambda n: b"<div>" * n + b"deep" + b"</div>" * n),  # nesting
)
JSONL = st.lists(LINE, max_size=50).map(
    lambda lines: "\n".join(
        json.dumps({"id": str(n), "title": "t", "text": line}) for n, line in enumerate(lines)
    ).encode()
)
RSS = st.lists(LINE, max_size=50).map(
    lambda lines: (
        "<rss version='2.0'><channel><title>t</title>"
        + "".join(
            f"<item><guid>{n}</guid><title>{line}</title><description>{line}</description></item>"
            for n, line in enumerate(lines)
        )
        + "</channel></rss>"
    ).encode()
)
INPUTS = st.one_of(
    st.tuples(st.just(".txt"), DUMP),
    st.tuples(st.just(".md"), DUMP),
    st.tuples(st.just(".html"), HTML),
    st.tuples(st.just(".jsonl"), st.one_of(JSONL, DUMP)),
    st.tuples(st.just(".rss"), st.one_of(RSS, DUMP)),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    timings: list[tuple[float, str, int]] = []
    slowest: list[tuple[float, str, bytes]] = []  # the inputs over the bound
    folder = Path(tempfile.mkdtemp(prefix="sitegen-fuzz-"))

    @settings(
        max_examples=args.examples,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
    )
    @given(INPUTS)
    def run(case: tuple[str, bytes]) -> None:
        suffix, data = case
        path = folder / f"input{suffix}"
        path.write_bytes(data)
        start = time.perf_counter()
        docs, errors = read_file(path)
        for err in errors:
            assert err.message and "Traceback" not in err.message
        for doc in docs:
            normalize(doc)
        took = (time.perf_counter() - start) * 1000
        rate = took / max(len(data) / 1024, 1.0)
        timings.append((rate, suffix, len(data)))
        if rate > BOUND_MS_PER_KB:
            slowest.append((rate, suffix, data))
            slowest.sort(reverse=True)
            del slowest[KEPT:]

    for suffix in (".txt", ".md", ".html", ".jsonl", ".rss"):  # start-up is not per input
        warm = folder / f"warm{suffix}"
        warm.write_bytes(b"<p>The council met on Monday.</p>\n")
        for doc in read_file(warm)[0]:
            normalize(doc)
    seed(args.seed)(run)()
    timings.sort(reverse=True)
    over = sum(1 for t in timings if t[0] > BOUND_MS_PER_KB)
    print(f"{len(timings):,} inputs read and normalized, no crash")
    print(f"over {BOUND_MS_PER_KB:g} ms per KB: {over} ({over / max(len(timings), 1):.2%})")
    for ms, suffix, size in timings[:8]:
        print(f"  {ms:8.1f} ms/KB  {suffix:6s} {size:>9,} bytes")
    still = shown = 0
    for ms, suffix, data in slowest:  # timed again: a slow input, or a pause of the machine?
        path = folder / f"again{suffix}"
        path.write_bytes(data)
        again = []
        for _ in range(3):
            start = time.perf_counter()
            for doc in read_file(path)[0]:
                normalize(doc)
            again.append((time.perf_counter() - start) * 1000 / max(len(data) / 1024, 1.0))
        still += min(again) > BOUND_MS_PER_KB
        if shown < 8 or min(again) > BOUND_MS_PER_KB:  # the first few, and every one still slow
            shown += 1
            print(f"  again: {ms:8.1f} -> {min(again):6.1f} ms/KB  {suffix} {data[:60]!r}")
    print(f"of the {len(slowest)} over the bound, {still} are still over it when timed again")
    return 1 if still else 0


if __name__ == "__main__":
    sys.exit(main())
