"""Which pairs are worth comparing: an inverted index instead of all pairs.

Each item is indexed under its heaviest terms; an item meets only the items that
share one of those terms, and terms so common that they would pair everything
with everything are skipped.  Each item keeps its ``k`` most similar
neighbours, so the similarity graph grows linearly with the number of items.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence

from sitegen.cluster.text import Vector, cosine

Allowed = Callable[[int, int], bool]
"""A veto on pairs: ``allowed(i, j)`` is False for items that must never be grouped."""
Pairs = dict[tuple[int, int], float]
"""(i, j) with i < j -> similarity."""

TOP_TERMS = 12
"""How many of an item's heaviest terms it is indexed and queried under."""
MAX_POSTING = 1000
"""A term shared by more items than this is too common to find candidates with."""
NEIGHBOURS = 15
"""How many most-similar neighbours each item keeps."""
RESCORE_TERMS = 40
"""Candidates are scored on an item's heaviest terms only: the light tail adds little to a
cosine and most of its cost."""
EXACT_LIMIT = 600
"""Up to this many items every pair is compared: exact, and still cheap."""


def _top_terms(vec: Vector, n: int) -> list[str]:
    return [t for t, _ in heapq.nlargest(n, vec.items(), key=lambda kv: kv[1])]


def similar_pairs(
    vecs: Sequence[Vector],
    min_similarity: float,
    allowed: Allowed | None = None,
    neighbours: int = NEIGHBOURS,
    buckets: Sequence[int | None] | None = None,
    exact_limit: int = EXACT_LIMIT,
) -> Pairs:
    """Pairs with cosine similarity ``>= min_similarity`` among each item's nearest neighbours.

    The dot product is accumulated over the postings of each item's top terms only,
    then the best candidates are scored exactly.  ``allowed(i, j)`` can veto a pair
    (for example, dated articles too far apart).  ``buckets`` (time slots) restrict
    candidates further: an item in slot ``b`` meets items in slots ``b-1``..``b+1``
    and items without a slot.
    """
    if len(vecs) <= exact_limit:
        return _all_pairs(vecs, min_similarity, allowed)
    slots = buckets if buckets is not None else [None] * len(vecs)
    tops = [_top_terms(v, TOP_TERMS) for v in vecs]
    heads = [{t: v[t] for t in _top_terms(v, RESCORE_TERMS)} for v in vecs]
    postings: dict[tuple[str, int | None], list[int]] = {}
    for i, terms in enumerate(tops):
        for t in terms:
            postings.setdefault((t, slots[i]), []).append(i)
    by_term: dict[str, list[int | None]] = {}
    for t, slot in postings:
        by_term.setdefault(t, []).append(slot)
    pairs: Pairs = {}
    for i, vec in enumerate(vecs):
        partial: dict[int, float] = {}
        slot = slots[i]
        for t in tops[i]:
            near = by_term[t] if slot is None else (slot - 1, slot, slot + 1, None)
            lists = [p for s in near if (p := postings.get((t, s)))]
            if sum(len(p) for p in lists) > MAX_POSTING:
                continue
            w = vec[t]
            for plist in lists:
                for j in plist:
                    partial[j] = partial.get(j, 0.0) + w * vecs[j][t]
        partial.pop(i, None)
        best = heapq.nlargest(neighbours + 5, partial.items(), key=lambda kv: kv[1])
        scored = []
        for j, _ in best:
            if allowed is not None and not allowed(i, j):
                continue
            s = cosine(heads[i], vecs[j])
            if s >= min_similarity:
                scored.append((s, j))
        for s, j in heapq.nlargest(neighbours, scored):
            pairs[(min(i, j), max(i, j))] = s
    return pairs


def _all_pairs(vecs: Sequence[Vector], min_similarity: float, allowed: Allowed | None) -> Pairs:
    pairs: Pairs = {}
    for i in range(len(vecs)):
        for j in range(i + 1, len(vecs)):
            if allowed is not None and not allowed(i, j):
                continue
            s = cosine(vecs[i], vecs[j])
            if s >= min_similarity:
                pairs[(i, j)] = s
    return pairs
