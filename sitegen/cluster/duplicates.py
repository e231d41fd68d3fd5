"""Copies: an article that is another's text, republished.

A copy is the same text with light edits: most of the shorter article's sentences
match sentences of the other nearly word for word (IDF-weighted overlap of their
content words), and in the same order.  Independent reports of one event share
quotes and the odd wire sentence, never most of their text in order, so they are
not copies.  The score of a later article against an earlier one is the most of its
sentences that match the earlier one's in the same order (not necessarily adjacent),
over its number of sentences: a report that adds its own reporting to a wire text is
not a copy of it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Mapping, Sequence

from sitegen.cluster.partition import Store
from sitegen.cluster.text import tokens
from sitegen.model import Article, Event, NearDuplicate
from sitegen.text.sentences import sentences
from sitegen.workers import Workers

SENTENCE_MATCH = 0.6
"""IDF-weighted overlap (Jaccard) at which two sentences are one, lightly edited."""
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


def weighed(sets: list[frozenset[str]], idf: Mapping[str, float]) -> list[Sentence]:
    return [(s, sum(idf.get(t, 1.0) for t in s)) for s in sets]


def coverage(copy: list[Sentence], original: list[Sentence], idf: Mapping[str, float]) -> float:
    """Share of ``copy``'s sentences that repeat ``original``'s, in the same order."""
    if len(copy) < MIN_SENTENCES or not original:
        return 0.0
    matches = [_matches(s, original, idf) for s in copy]
    return _in_order(matches) / len(copy)


def _in_order(matches: list[list[int]]) -> int:
    """The most sentences that match in the same order in both texts (a longest
    increasing subsequence of the matched positions, ``O(n log n)``)."""
    tails: list[int] = []
    for options in matches:
        # the positions of one sentence are tried from the last, so at most one counts
        for pos in sorted(options, reverse=True):
            k = bisect.bisect_left(tails, pos)
            if k == len(tails):
                tails.append(pos)
            else:
                tails[k] = pos
    return len(tails)


def _matches(s: Sentence, original: list[Sentence], idf: Mapping[str, float]) -> list[int]:
    """The positions of ``original``'s sentences that ``s`` repeats: they share at least
    ``MIN_SHARED`` content words, whose IDF-weighted Jaccard similarity reaches
    ``SENTENCE_MATCH``."""
    terms, weight = s
    get = idf.get
    found = []
    for pos, (other, other_weight) in enumerate(original):
        shared = terms & other
        if len(shared) < min(MIN_SHARED, len(terms)):
            continue
        inter = sum([get(t, 1.0) for t in shared])
        union = weight + other_weight - inter
        if union > 0 and inter / union >= SENTENCE_MATCH:
            found.append(pos)
    return found


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
    weights = {i: weighed(sets[i], idf) for i in ids}
    for k, later in enumerate(ids):
        best: tuple[float, str] | None = None
        for earlier in ids[:k]:
            if similarity(later, earlier) < PREFILTER:
                continue
            score = coverage(weights[later], weights[earlier], idf)
            if score >= threshold and (best is None or score > best[0]):
                best = (score, earlier)
        if best:
            found.append(NearDuplicate(later, best[1], round(best[0], 3)))
    return found


COPIES_VERSION = "1"
"""Part of the key of kept copies: bumped whenever :func:`event_duplicates` changes."""


def _copy_rows(value: object, members: Sequence[str]) -> bool:
    """Stored copies of one event: ``[later, earlier, similarity]`` rows of its members."""
    return isinstance(value, list) and all(
        isinstance(row, list)
        and len(row) == 3
        and row[0] in members
        and row[1] in members
        and isinstance(row[2], int | float)
        and not isinstance(row[2], bool)
        for row in value
    )


def kept_copies(
    events: Sequence[Event],
    find: Callable[[Event], list[NearDuplicate]],
    key: Callable[[Event], str],
    store: Store | None,
    workers: Workers,
) -> list[NearDuplicate]:
    """``find`` for each event, in order, on ``workers``; an event whose ``key`` (all that
    ``find`` reads of it) is in ``store`` takes its copies from there."""
    keys = [key(e) for e in events] if store is not None else []
    known: list[list[NearDuplicate] | None] = []
    for n, event in enumerate(events):
        hit = store.get(keys[n]) if store is not None else None
        if hit is not None and _copy_rows(hit, event.article_ids):
            known.append([NearDuplicate(str(a), str(b), float(s)) for a, b, s in hit])
        else:
            known.append(None)
    misses = [e for e, k in zip(events, known, strict=True) if k is None]
    computed = iter(workers.map("copies", find, misses))
    out: list[NearDuplicate] = []
    for n, found in enumerate(known):
        if found is None:
            found = next(computed)
            if store is not None:
                store.put(keys[n], [[d.article_id, d.original_id, d.similarity] for d in found])
        out.extend(found)
    return out
