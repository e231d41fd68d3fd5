"""Event grouping on the development streams, in-process: figures to read, not to assert.

    python bench/realstream_eval.py

Prints, with the site's default configuration:
- the real stream (see ``bench/streams.py``): pairwise precision and recall of the events,
  with the dates the pages state and with every date removed, and the same over the
  hand-labelled pages alone;
- clustering-dev: BCubed and pairwise figures (its articles have no dates as input).
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import streams
from sitegen.cluster import cluster
from sitegen.config import Config, validate
from sitegen.model import Article


def events_of(articles: list[Article], config: Config) -> dict[str, str]:
    """Article id -> event id, as a build would group them."""
    grouping = cluster(articles, config)
    return {a: e.id for e in grouping.events for a in e.article_ids}


def main() -> int:
    if not streams.available():
        print(f"no development sets at {streams.EVAL}", file=sys.stderr)
        return 2
    config = validate({})
    stream = streams.articles()
    gold = streams.stream_gold()
    ecb = streams.ecb_gold()
    pages = {i: g for i, g in gold.items() if i not in ecb}
    undated = [replace(a, date=None) for a in stream]
    for label, items in (("with dates", stream), ("without dates", undated)):
        start = time.perf_counter()
        pred = events_of(items, config)
        seconds = time.perf_counter() - start
        p, r = streams.pairwise(pred, gold)
        pp, pr = streams.pairwise(pred, pages)
        print(
            f"real stream {label:13} {len(pred)} articles: pairwise P {p:.3f} R {r:.3f}"
            f"   labelled pages alone: P {pp:.3f} R {pr:.3f}   ({seconds:.1f} s)"
        )
    only = [a for a in stream if a.id in ecb]
    pred = events_of(only, config)
    bp, br, bf = streams.bcubed(pred, ecb)
    p, r = streams.pairwise(pred, ecb)
    print(f"clustering-dev {len(pred)} articles: BCubed P {bp:.3f} R {br:.3f} F1 {bf:.3f}", end="")
    print(f"   pairwise P {p:.3f} R {r:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
