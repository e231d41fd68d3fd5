"""Near-copies: an article that retells another's report sentence by sentence.

Shingles catch verbatim wire copies but miss rewrites, so the test here is at
the sentence level: each sentence of the candidate copy is matched to its most
similar sentence of the original (weighted token overlap); the copy's score is
the share of its sentences that found a match.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sitegen.cluster.text import sentences, tokens
from sitegen.model import Article, Event, NearDuplicate

SENTENCE_MATCH = 0.2
MIN_SENTENCES = 3


def _sentence_sets(article: Article) -> list[set[str]]:
    out = [set(tokens(s)) for s in sentences(article.body)]
    return [s for s in out if len(s) >= 3]


def _overlap(a: set[str], b: set[str], idf: Mapping[str, float]) -> float:
    inter = sum(idf.get(t, 1.0) for t in a & b)
    union = sum(idf.get(t, 1.0) for t in a | b)
    return inter / union if union else 0.0


def coverage(copy: list[set[str]], original: list[set[str]], idf: Mapping[str, float]) -> float:
    """Share of ``copy``'s sentences that closely match some sentence of ``original``."""
    if len(copy) < MIN_SENTENCES or not original:
        return 0.0
    hits = sum(1 for s in copy if max(_overlap(s, o, idf) for o in original) >= SENTENCE_MATCH)
    return hits / len(copy)


def find_duplicates(
    events: Sequence[Event],
    articles: Mapping[str, Article],
    idf: Mapping[str, float],
    threshold: float,
) -> list[NearDuplicate]:
    """Within each event, mark each later article that retells an earlier one."""
    found: list[NearDuplicate] = []
    for event in events:
        members = [articles[i] for i in event.article_ids]
        sets = {a.id: _sentence_sets(a) for a in members}
        for k, later in enumerate(members):
            best: tuple[float, str] | None = None
            for earlier in members[:k]:
                score = coverage(sets[later.id], sets[earlier.id], idf)
                if score >= threshold and (best is None or score > best[0]):
                    best = (score, earlier.id)
            if best:
                found.append(NearDuplicate(later.id, best[1], round(best[0], 3)))
    return found
