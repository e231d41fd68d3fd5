"""Near-copies: an article that retells another's report sentence by sentence.

Shingles catch verbatim wire copies but miss rewrites, so the test here is at
the sentence level: each sentence of the candidate copy is matched to its most
similar sentence of the original (weighted token overlap); the copy's score is
the share of its sentences that found a match.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from sitegen.cluster.text import tokens
from sitegen.model import Article, Event, NearDuplicate
from sitegen.sentences import sentences

SENTENCE_MATCH = 0.2
MIN_SENTENCES = 3
MIN_SHARED = 4
"""Two sentences retell each other only if they share at least this many content words
(one shared name is what all coverage of an event has in common, not a retelling)."""
PREFILTER = 0.2
"""Whole-text similarity below which two articles are not compared sentence by sentence."""


Sentence = tuple[frozenset[str], float]
"""A sentence's content-word stems and their total IDF weight."""
Similarity = Callable[[str, str], float]


def sentence_sets(article: Article) -> list[frozenset[str]]:
    """The content-word stems of each sentence of at least three of them."""
    out = [frozenset(tokens(s)) for s in sentences(article.body)]
    return [s for s in out if len(s) >= 3]


def _weighed(sets: list[frozenset[str]], idf: Mapping[str, float]) -> list[Sentence]:
    return [(s, sum(idf.get(t, 1.0) for t in s)) for s in sets]


def coverage(copy: list[Sentence], original: list[Sentence], idf: Mapping[str, float]) -> float:
    """Share of ``copy``'s sentences that closely match some sentence of ``original``."""
    if len(copy) < MIN_SENTENCES or not original:
        return 0.0
    hits = sum(1 for s in copy if _matches_any(s, original, idf))
    return hits / len(copy)


def _matches_any(s: Sentence, original: list[Sentence], idf: Mapping[str, float]) -> bool:
    """Whether sentence ``s`` retells one of ``original``'s: they share at least
    ``MIN_SHARED`` content words, whose IDF-weighted Jaccard similarity reaches
    ``SENTENCE_MATCH``."""
    terms, weight = s
    get = idf.get
    for other, other_weight in original:
        shared = terms & other
        if len(shared) < MIN_SHARED:
            continue
        inter = sum([get(t, 1.0) for t in shared])
        union = weight + other_weight - inter
        if union > 0 and inter / union >= SENTENCE_MATCH:
            return True
    return False


def find_duplicates(
    events: Sequence[Event],
    sets: Mapping[str, list[frozenset[str]]],
    idf: Mapping[str, float],
    threshold: float,
    similarity: Similarity,
) -> list[NearDuplicate]:
    """Within each event, mark each later article that retells an earlier one.

    ``sets`` holds each article's sentence sets; only pairs whose whole-text
    ``similarity`` reaches ``PREFILTER`` are compared sentence by sentence.
    """
    return [d for e in events for d in event_duplicates(e, sets, idf, threshold, similarity)]


def event_duplicates(
    event: Event,
    sets: Mapping[str, list[frozenset[str]]],
    idf: Mapping[str, float],
    threshold: float,
    similarity: Similarity,
) -> list[NearDuplicate]:
    """:func:`find_duplicates` of one event (the events are independent of one another)."""
    ids = event.article_ids
    if len(ids) < 2:
        return []
    found: list[NearDuplicate] = []
    weighed = {i: _weighed(sets[i], idf) for i in ids}
    for k, later in enumerate(ids):
        best: tuple[float, str] | None = None
        for earlier in ids[:k]:
            if similarity(later, earlier) < PREFILTER:
                continue
            score = coverage(weighed[later], weighed[earlier], idf)
            if score >= threshold and (best is None or score > best[0]):
                best = (score, earlier)
        if best:
            found.append(NearDuplicate(later, best[1], round(best[0], 3)))
    return found
