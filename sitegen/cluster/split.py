"""Two-stage event clustering: coarse topics first, then the happenings inside each.

Articles about two earthquakes share "quake", "magnitude" and "killed"; inside a
coarse cluster of such articles those words stop meaning anything.  So each
coarse cluster is split again with terms re-weighted by their rarity *inside*
it (local IDF times global IDF): the place, the date, the death toll start to
count.  Number terms (an amount, a toll, a year) count double there.

A short article shares fewer words with anything than a long one, however
closely it follows the same happening, so its similarities are corrected for
its length the way a correlation is corrected for attenuation.  An article's
reliability is ``n / (n + length_scale)`` (``n`` distinct terms); its
similarities are multiplied by the square root of the topic's upper-quartile
reliability over its own.  Long reports keep their similarities; one-sentence
wire snippets beside them are no longer strangers to one another.

A last pass moves each article to the nearest sizeable group when it is
clearly closer to that group than to its own.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sitegen.cluster.agglomerate import average_link
from sitegen.cluster.candidates import EXACT_LIMIT, similar_pairs
from sitegen.cluster.features import Terms
from sitegen.cluster.text import Vector, centroid, cosine, idf_weights, weigh
from sitegen.workers import IN_PROCESS, Workers

Allowed = Callable[[int, int], bool]
Closeness = Callable[[int, int], float]
"""What a pair's similarity is multiplied by for what else is known of it (its time apart)."""

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
    length_scale: float = 150.0
    """Distinct terms at which an article's similarities are taken as half reliable (see
    :func:`length_gains`); 0 turns the length correction off."""
    number_weight: float = 2.0
    """What number terms (``#…``) are weighted by inside a topic."""


def reliability(distinct_terms: int, length_scale: float) -> float:
    """How far an article's similarities can be trusted, from 0 (no terms) to 1 (long)."""
    if length_scale <= 0:
        return 1.0
    return distinct_terms / (distinct_terms + length_scale) if distinct_terms else 1.0


def cluster_terms(
    counts: Sequence[Terms],
    params: SplitParams,
    allowed: Allowed | None = None,
    buckets: Sequence[int | None] | None = None,
    workers: Workers = IN_PROCESS,
    closeness: Closeness | None = None,
    idf: dict[str, float] | None = None,
    exact_limit: int = EXACT_LIMIT,
) -> list[list[int]]:
    """Group items (term counts) into events; returns lists of item indices.

    ``buckets`` are optional time slots that narrow the candidate search;
    ``closeness`` weighs each pair's similarity by other evidence (time apart).  The
    topics are split independently of one another, on ``workers``.  Terms are weighed by
    ``idf`` (by default, their rarity among the items themselves); up to ``exact_limit``
    items, every pair is compared.
    """
    idf = idf_weights(counts) if idf is None else idf
    vecs = [weigh(c, idf) for c in counts]
    pairs = similar_pairs(
        vecs, 0.0, allowed, buckets=buckets, exact_limit=exact_limit, workers=workers
    )
    if closeness is not None:
        pairs = {(a, b): s * closeness(a, b) for (a, b), s in pairs.items()}
    topics = average_link(len(counts), pairs, params.coarse)

    def split(topic: list[int]) -> list[list[int]]:
        return _split_topic(topic, counts, idf, params, allowed, buckets, closeness)

    splits = iter(workers.map("topics", split, [t for t in topics if len(t) > 1]))
    groups: list[list[int]] = []
    for topic in topics:
        if len(topic) == 1:
            groups.append(topic)
        else:
            groups.extend(next(splits))
    return sorted(groups, key=lambda g: g[0])


def length_gains(distinct_terms: Sequence[int], length_scale: float) -> list[float]:
    """The factor each item's similarities are multiplied by: ``sqrt(ref / reliability)``,
    never below 1, where ``ref`` is the reliability of the topic's long articles (its
    upper quartile).  Only articles shorter than most of their topic are lifted, so a
    topic of equally long (or equally short) reports keeps its similarities."""
    rel = [reliability(n, length_scale) for n in distinct_terms]
    ref = sorted(rel)[(len(rel) - 1) * 3 // 4]
    return [max(1.0, math.sqrt(ref / r)) for r in rel]


def _split_topic(
    topic: list[int],
    counts: Sequence[Terms],
    idf: dict[str, float],
    params: SplitParams,
    allowed: Allowed | None,
    buckets: Sequence[int | None] | None,
    closeness: Closeness | None = None,
) -> list[list[int]]:
    local = idf_weights(counts[i] for i in topic)
    numbers = params.number_weight
    weights = {t: w * idf[t] * (numbers if t[0] == "#" else 1.0) for t, w in local.items()}
    vecs = [weigh(counts[i], weights) for i in topic]
    gain = length_gains([len(counts[i]) for i in topic], params.length_scale)
    inner: Allowed | None = None
    if allowed is not None:
        outer = allowed

        def inner(a: int, b: int) -> bool:
            return outer(topic[a], topic[b])

    slots = [buckets[i] for i in topic] if buckets is not None else None
    pairs = similar_pairs(vecs, 0.0, inner, buckets=slots, exact_limit=TOPIC_EXACT_LIMIT)
    if max(gain) > 1.0:
        pairs = {(a, b): s * gain[a] * gain[b] for (a, b), s in pairs.items()}
    if closeness is not None:
        near = closeness
        pairs = {(a, b): s * near(topic[a], topic[b]) for (a, b), s in pairs.items()}
    groups = average_link(len(topic), pairs, params.fine)
    groups = refine(vecs, groups, params, inner, gain)
    return [sorted(topic[k] for k in g) for g in groups]


def refine(
    vecs: Sequence[Vector],
    groups: list[list[int]],
    params: SplitParams,
    allowed: Allowed | None,
    gain: Sequence[float] | None = None,
) -> list[list[int]]:
    """Move each item to the sizeable group whose centroid it is clearly nearest to.  An
    item's similarities to the centroids are multiplied by its ``gain`` (the length
    correction; a centroid of several articles counts as reliable)."""
    for _ in range(params.rounds):
        big = [gi for gi, g in enumerate(groups) if len(g) >= params.min_size]
        if not big:
            return groups
        cents = [centroid([vecs[k] for k in groups[gi]]) for gi in big]
        home = {k: gi for gi, g in enumerate(groups) for k in g}
        moved: dict[int, list[int]] = {}
        for k in range(len(vecs)):
            g = gain[k] if gain is not None else 1.0
            sims = [cosine(vecs[k], c) * g for c in cents]
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
