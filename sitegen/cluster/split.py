"""Two-stage event clustering: coarse topics first, then the happenings inside each.

Articles about two earthquakes share "quake", "magnitude" and "killed"; inside a
coarse cluster of such articles those words stop meaning anything.  So each
coarse cluster is split again with terms re-weighted by their rarity *inside*
it (local IDF times global IDF): the place, the date, the death toll start to
count.  A last pass moves each article to the nearest sizeable group when it
is clearly closer to that group than to its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sitegen.cluster.agglomerate import average_link
from sitegen.cluster.candidates import similar_pairs
from sitegen.cluster.features import Terms
from sitegen.cluster.mapper import Mapper, in_process
from sitegen.cluster.text import Vector, centroid, cosine, idf_weights, weigh

Allowed = Callable[[int, int], bool]

TOPIC_EXACT_LIMIT = 200
"""Inside a topic, every pair is compared exactly up to this many articles; bigger topics
(a month of one kind of news on a large site) go through the candidate index too."""


@dataclass(frozen=True, slots=True)
class SplitParams:
    """Thresholds of the two stages (see ``sitegen.yaml``'s ``grouping.*``)."""

    coarse: float
    """Average-link threshold of the topical stage, on global TF-IDF."""
    fine: float
    """Average-link threshold inside a topic, on locally re-weighted TF-IDF."""
    join: float
    """Similarity to a group's centroid an article needs to be moved into that group."""
    min_size: int = 3
    """Groups smaller than this do not attract articles in the refinement pass."""
    rounds: int = 2
    """Refinement passes."""


def cluster_terms(
    counts: Sequence[Terms],
    params: SplitParams,
    allowed: Allowed | None = None,
    buckets: Sequence[int | None] | None = None,
    mapper: Mapper = in_process,
) -> list[list[int]]:
    """Group items (term counts) into events; returns lists of item indices.

    ``buckets`` are optional time slots that narrow the candidate search.  The topics
    are split independently of one another, through ``mapper``.
    """
    idf = idf_weights(counts)
    vecs = [weigh(c, idf) for c in counts]
    pairs = similar_pairs(vecs, 0.0, allowed, buckets=buckets, mapper=mapper)
    topics = average_link(len(counts), pairs, params.coarse)

    def split(topic: list[int]) -> list[list[int]]:
        return _split_topic(topic, counts, idf, params, allowed, buckets)

    splits = iter(mapper(split, [t for t in topics if len(t) > 1]))
    groups: list[list[int]] = []
    for topic in topics:
        if len(topic) == 1:
            groups.append(topic)
        else:
            groups.extend(next(splits))
    return sorted(groups, key=lambda g: g[0])


def _split_topic(
    topic: list[int],
    counts: Sequence[Terms],
    idf: dict[str, float],
    params: SplitParams,
    allowed: Allowed | None,
    buckets: Sequence[int | None] | None,
) -> list[list[int]]:
    local = idf_weights(counts[i] for i in topic)
    weights = {t: w * idf[t] for t, w in local.items()}
    vecs = [weigh(counts[i], weights) for i in topic]
    inner: Allowed | None = None
    if allowed is not None:
        outer = allowed

        def inner(a: int, b: int) -> bool:
            return outer(topic[a], topic[b])

    slots = [buckets[i] for i in topic] if buckets is not None else None
    pairs = similar_pairs(vecs, 0.0, inner, buckets=slots, exact_limit=TOPIC_EXACT_LIMIT)
    groups = average_link(len(topic), pairs, params.fine)
    groups = refine(vecs, groups, params, inner)
    return [sorted(topic[k] for k in g) for g in groups]


def refine(
    vecs: Sequence[Vector], groups: list[list[int]], params: SplitParams, allowed: Allowed | None
) -> list[list[int]]:
    """Move each item to the sizeable group whose centroid it is clearly nearest to."""
    for _ in range(params.rounds):
        big = [gi for gi, g in enumerate(groups) if len(g) >= params.min_size]
        if not big:
            return groups
        cents = [centroid([vecs[k] for k in groups[gi]]) for gi in big]
        home = {k: gi for gi, g in enumerate(groups) for k in g}
        moved: dict[int, list[int]] = {}
        for k in range(len(vecs)):
            sims = [cosine(vecs[k], c) for c in cents]
            best = max(range(len(big)), key=sims.__getitem__)
            target = big[best]
            fits = allowed is None or all(allowed(k, m) for m in groups[target] if m != k)
            stays = target == home[k] or sims[best] < params.join or not fits
            moved.setdefault(home[k] if stays else target, []).append(k)
        new_groups = sorted((sorted(g) for g in moved.values()), key=lambda g: g[0])
        if new_groups == groups:
            break
        groups = new_groups
    return groups
