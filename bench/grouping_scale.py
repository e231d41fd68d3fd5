"""Grouping at scale: time and peak memory of ``cluster()`` on generated articles.

    python bench/grouping_scale.py            # 10k, 30k, 100k
    python bench/grouping_scale.py 2000 5000  # other sizes

Prints one line per size: articles, events found, seconds, peak memory (MB).
Articles are made in memory (no files), so the figure is grouping alone.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.generate import articles
from sitegen.cluster import cluster
from sitegen.config import validate
from sitegen.model import Article


def bcubed_f1(pred: dict[str, str], gold: dict[str, str]) -> float:
    """BCubed F1 of a predicted grouping against the true one."""
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for item, label in pred.items():
        by_pred.setdefault(label, set()).add(item)
    for item, label in gold.items():
        by_gold.setdefault(label, set()).add(item)
    p = r = 0.0
    for item in pred:
        same = by_pred[pred[item]] & by_gold[gold[item]]
        p += len(same) / len(by_pred[pred[item]])
        r += len(same) / len(by_gold[gold[item]])
    p, r = p / len(pred), r / len(pred)
    return 2 * p * r / (p + r)


def run_one(n: int) -> None:
    """Group ``n`` generated articles and print the figures (run in a fresh process)."""
    records = list(articles(n))
    gold = {r["id"]: r["event"] for r in records}
    items = [
        Article(id=r["id"], title=r["title"], body=r["text"], source=r["source"], date=r["date"])
        for r in records
    ]
    start = time.perf_counter()
    grouping = cluster(items, validate({}))
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pred = {aid: e.id for e in grouping.events for aid in e.article_ids}
    f1 = bcubed_f1(pred, gold)
    print(
        f"{n:>7} articles  {len(grouping.events):>7} events ({len(set(gold.values()))} true)  "
        f"{seconds:8.1f} s  {peak_mb:8.0f} MB peak (process)  BCubed F1 {f1:.3f}",
        flush=True,
    )


def main(argv: list[str]) -> None:
    if argv[:1] == ["--one"]:
        run_one(int(argv[1]))
        return
    sizes = [int(a) for a in argv] or [10_000, 30_000, 100_000]
    print("grouping benchmark (one fresh process per size)")
    for n in sizes:
        subprocess.run([sys.executable, __file__, "--one", str(n)], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
