"""Copies are the same text: true republications found, independent reports left alone.

The test set is built from the real reports of clustering-dev (beside the repository):
- true copies: each report of four or more sentences republished with another outlet's
  boilerplate (a dateline, share and copyright lines) and light edits (a word changed in
  some sentences, one sentence dropped from longer ones);
- independent reports that share quotes: two reports of one event from different outlets,
  five sentences or more each, that are not one text (by word 4-gram shingles, a measure the
  detector does not use: under a tenth of the shorter one's shingles occur in the other),
  with two of the first one's sentences quoted in the second; neither may be taken for a
  copy of the other.
"""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

import pytest

from sitegen.cluster.duplicates import coverage, sentence_sets, weighed
from sitegen.cluster.text import idf_weights
from sitegen.config import validate
from sitegen.model import Article
from sitegen.text.sentences import sentences

DEV_SET = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "clustering-dev"
THRESHOLD = float(validate({})["grouping.duplicate_threshold"])
pytestmark = pytest.mark.skipif(
    not DEV_SET.is_dir(), reason="the shared development sets are not beside"
)


def _reports() -> list[dict[str, str]]:
    with (DEV_SET / "ecbplus-dev.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def _edit(text: str, rng: random.Random) -> str:
    """The same text as another outlet republishes it."""
    kept = sentences(text)
    if len(kept) >= 6:
        del kept[rng.randrange(len(kept))]
    out = []
    for s in kept:
        words = s.split()
        if len(words) > 6 and rng.random() < 0.3:
            k = rng.randrange(1, len(words) - 1)
            words[k] = rng.choice(["also", "then", "reportedly", words[k].upper()])
        out.append(" ".join(words))
    return "\n".join(
        [
            "Posted: Tuesday 10:41 AM",
            *out,
            "Share this story:",
            "© 2013 Metro Wire. All rights reserved.",
        ]
    )


def _shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = [w.lower().strip(".,;:\"'“”‘’()") for w in text.split()]
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def _score(a: Article, b: Article, idf: dict[str, float]) -> float:
    wa, wb = weighed(sentence_sets(a), idf), weighed(sentence_sets(b), idf)
    return coverage(wb, wa, idf)


def _idf(articles: list[Article]) -> dict[str, float]:
    return idf_weights([t for s in sentence_sets(a) for t in s] for a in articles)


def test_republished_copies_are_found() -> None:
    rng = random.Random(7)
    rows = [r for r in _reports() if len(sentences(r["text"])) >= 4]
    originals = [Article(id=r["id"], title=r["title"], body=r["text"]) for r in rows]
    copies = [
        Article(id=a.id + "-copy", title="Copy: " + a.title, body=_edit(a.body, rng))
        for a in originals
    ]
    idf = _idf(originals + copies)
    found = [_score(a, c, idf) >= THRESHOLD for a, c in zip(originals, copies, strict=True)]
    assert len(found) > 200
    assert sum(found) / len(found) >= 0.9


def test_independent_reports_sharing_quotes_are_not_copies() -> None:
    rng = random.Random(11)
    rows = _reports()
    by_event: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        by_event.setdefault(r["cluster"], []).append(r)
    pairs = []
    for group in by_event.values():
        for x, y in itertools.combinations(group, 2):
            sx, sy = _shingles(x["text"]), _shingles(y["text"])
            if not sx or not sy or (x.get("source") and x.get("source") == y.get("source")):
                continue
            long = min(len(sentences(x["text"])), len(sentences(y["text"]))) >= 5
            if long and len(sx & sy) < 0.1 * min(len(sx), len(sy)):
                pairs.append((x, y))
    assert len(pairs) > 300
    articles = []
    for x, y in pairs:
        quoted = rng.sample(sentences(x["text"]), 2)
        body = "\n".join([*sentences(y["text"])[:3], *quoted, *sentences(y["text"])[3:]])
        articles.append(
            (
                Article(id=x["id"], title=x["title"], body=x["text"]),
                Article(id=y["id"] + "-q", title=y["title"], body=body),
            )
        )
    idf = _idf([a for pair in articles for a in pair])
    false = [
        (a.id, b.id) for a, b in articles if max(_score(a, b, idf), _score(b, a, idf)) >= THRESHOLD
    ]
    assert false == []
