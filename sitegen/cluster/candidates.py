"""Which pairs are worth comparing: an inverted index instead of all pairs.

Each item is indexed under its heaviest terms; an item meets only the items that
share one of those terms, and terms so common that they would pair everything
with everything are skipped.  Each item keeps its ``k`` most similar
neighbours, so the similarity graph grows linearly with the number of items.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sitegen.cluster.text import Vector, cosine
from sitegen.workers import IN_PROCESS, Workers

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


def _weight(kv: tuple[object, float]) -> float:
    return kv[1]


def _top_terms(vec: Vector, n: int) -> list[str]:
    # ``sorted(...)[:n]`` is what ``heapq.nlargest`` gives (both stable), faster on short lists
    return [t for t, _ in sorted(vec.items(), key=_weight, reverse=True)[:n]]


def similar_pairs(
    vecs: Sequence[Vector],
    min_similarity: float,
    allowed: Allowed | None = None,
    neighbours: int = NEIGHBOURS,
    buckets: Sequence[int | None] | None = None,
    exact_limit: int = EXACT_LIMIT,
    workers: Workers = IN_PROCESS,
) -> Pairs:
    """Pairs with cosine similarity ``>= min_similarity`` among each item's nearest neighbours.

    The dot product is accumulated over the postings of each item's top terms only,
    then the best candidates are scored exactly.  ``allowed(i, j)`` can veto a pair
    (for example, dated articles too far apart).  ``buckets`` (time slots) restrict
    candidates further: an item in slot ``b`` meets items in slots ``b-1``..``b+1``
    and items without a slot.  Each item's neighbours are found independently, on
    ``workers``.
    """
    if len(vecs) <= exact_limit:
        return _all_pairs(vecs, min_similarity, allowed)
    index = _Index(vecs, buckets)

    def nearest(i: int) -> list[tuple[float, int]]:
        return index.nearest(i, min_similarity, allowed, neighbours)

    pairs: Pairs = {}
    for i, near in enumerate(workers.map("neighbours", nearest, range(len(vecs)))):
        for s, j in near:
            pairs[(min(i, j), max(i, j))] = s
    return pairs


class _Index:
    """Items indexed under their heaviest terms, by time slot."""

    def __init__(self, vecs: Sequence[Vector], buckets: Sequence[int | None] | None) -> None:
        self.vecs = vecs
        self.slots = buckets if buckets is not None else [None] * len(vecs)
        # the heaviest terms in order (``nlargest`` is a stable sort): the first TOP_TERMS of
        # the RESCORE_TERMS are the item's top terms
        ranked = [_top_terms(v, max(TOP_TERMS, RESCORE_TERMS)) for v in vecs]
        self.tops = [r[:TOP_TERMS] for r in ranked]
        self.heads = [
            {t: v[t] for t in r[:RESCORE_TERMS]} for v, r in zip(vecs, ranked, strict=True)
        ]
        self.postings: dict[tuple[str, int | None], tuple[list[int], list[float]]] = {}
        """(term, slot) -> the items indexed under it, and the term's weight in each."""
        for i, terms in enumerate(self.tops):
            for t in terms:
                items, weights = self.postings.setdefault((t, self.slots[i]), ([], []))
                items.append(i)
                weights.append(vecs[i][t])
        self.by_term: dict[str, list[int | None]] = {}
        for t, slot in self.postings:
            self.by_term.setdefault(t, []).append(slot)

    def nearest(
        self, i: int, min_similarity: float, allowed: Allowed | None, neighbours: int
    ) -> list[tuple[float, int]]:
        """Item ``i``'s most similar neighbours ``(similarity, j)``, most similar first."""
        vecs, postings = self.vecs, self.postings
        vec = vecs[i]
        partial: dict[int, float] = {}
        slot = self.slots[i]
        for t in self.tops[i]:
            near = self.by_term[t] if slot is None else (slot - 1, slot, slot + 1, None)
            lists = [p for s in near if (p := postings.get((t, s)))]
            if sum(len(p[0]) for p in lists) > MAX_POSTING:
                continue
            w = vec[t]
            for items, weights in lists:
                for j, x in zip(items, weights, strict=True):
                    partial[j] = partial.get(j, 0.0) + w * x
        partial.pop(i, None)
        best = sorted(partial.items(), key=_weight, reverse=True)[: neighbours + 5]
        scored = []
        for j, _ in best:
            if allowed is not None and not allowed(i, j):
                continue
            s = cosine(self.heads[i], vecs[j])
            if s >= min_similarity:
                scored.append((s, j))
        return sorted(scored, reverse=True)[:neighbours]


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
