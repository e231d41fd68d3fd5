"""Grouping thresholds chosen by cross-validation over clustering-dev's topics.

    python bench/grouping_cv.py

The 14 topics (each two same-kind events) are cut into 7 folds of two topics.  For each
grid point of (topic, event, join) thresholds the whole set is grouped once; for each fold
the grid point with the best BCubed F1 on the other six folds' articles is chosen and
read on the fold's own.  Prints each fold's choice and held-out F1, their mean and the
worst fold, and the figure of the shipped defaults.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import streams
from bench.realstream_eval import events_of
from sitegen.config import validate

TOPICS = (0.06, 0.08, 0.10)
EVENTS = (0.10, 0.12, 0.14, 0.16, 0.18)
JOINS = (0.12, 0.16, 0.20)
FOLDS = 7


def main() -> int:
    if not streams.available():
        print(f"no development sets at {streams.EVAL}", file=sys.stderr)
        return 2
    rows = streams.ecb_rows()
    gold = streams.ecb_gold()
    topic_of = {r["id"]: r["topic"] for r in rows}
    topics = sorted({r["topic"] for r in rows}, key=int)
    fold_of = {t: k % FOLDS for k, t in enumerate(topics)}
    items = [a for a in streams.articles() if a.id in gold]
    grid = list(itertools.product(TOPICS, EVENTS, JOINS))
    preds = {}
    for coarse, fine, join in grid:
        config = validate(
            {
                "grouping": {
                    "topic_threshold": coarse,
                    "event_threshold": fine,
                    "join_threshold": join,
                }
            }
        )
        preds[(coarse, fine, join)] = events_of(items, config)

    def f1(point: tuple[float, float, float], folds: set[int]) -> float:
        part = {i: g for i, g in gold.items() if fold_of[topic_of[i]] in folds}
        return streams.bcubed(preds[point], part)[2]

    held = []
    for k in range(FOLDS):
        train = set(range(FOLDS)) - {k}
        best = max(grid, key=lambda p: (f1(p, train), -abs(p[1] - 0.14)))
        score = f1(best, {k})
        held.append(score)
        print(
            f"fold {k}: chose topic {best[0]} event {best[1]} join {best[2]}"
            f" -> held-out {score:.3f}"
        )
    print(f"held-out BCubed F1: mean {sum(held) / len(held):.3f}, worst fold {min(held):.3f}")
    d = validate({})
    default = (
        d["grouping.topic_threshold"],
        d["grouping.event_threshold"],
        d["grouping.join_threshold"],
    )
    if default in preds:
        print(f"defaults {default}: whole set {f1(default, set(range(FOLDS))):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
