"""Grouping by spans of time, so that a change regroups only the span it falls in.

Two dated reports further apart than the window are never one event, so the timeline can
be cut into *partitions* of :func:`partition_days` days (a fixed grid of days, the same
for every build) and each grouped on its own, with its terms weighed by their rarity in
that partition alone.  One article more or less moves the weights of its partition and
of nothing else: a build after an edit regroups one partition, not the site.

An event may straddle the line between two partitions.  So the events of a partition
that reach into the last ``window`` days before the line, and those of the next that
reach into its first ``window`` days, are grouped again together (the *seam*), weighed
by their rarity in both partitions, and that grouping replaces theirs.  A partition is
several windows wide, so an event never reaches both of its seams (one that does stays
as its partition grouped it).  Undated articles form a partition of their own, whose
groups then join the dated group nearest them, if near enough (:func:`attach_undated`).

Each partition and each seam is a pure function of its articles, so a :class:`Store` may
keep its result between builds under a key of exactly what it reads: the result is always
a clean build's.  Partitions are independent of one another, and so are seams: each round
is handed out to the workers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sitegen.cache import content_key
from sitegen.cluster.candidates import EXACT_LIMIT
from sitegen.cluster.events import day_of, group_articles, timeline_key
from sitegen.cluster.features import Terms
from sitegen.cluster.split import TOPIC_EXACT_LIMIT, SplitParams
from sitegen.cluster.text import Vector, centroid, cosine, df_weights
from sitegen.model import Article
from sitegen.workers import IN_PROCESS, Workers

PARTITION_WINDOWS = 4
"""A partition spans this many windows (of ``window_days + 1`` days each)."""
SEAM_EXACT_LIMIT = TOPIC_EXACT_LIMIT
"""A seam of more articles than this finds its pairs through the candidate index (a seam
is regrouped on top of its partitions, and is most of the cost of grouping by partition
when every pair is compared)."""
PARTITION_VERSION = "1"
"""Part of every memo key: bumped whenever grouping inside a partition changes."""


class Store(Protocol):
    """Where results of grouping are kept between builds, by a key of what they read."""

    def get(self, key: str) -> list[list[Any]] | None:
        """The groups stored under ``key`` (lists of article ids, or of positions)."""

    def put(self, key: str, groups: list[list[Any]]) -> None:
        """Keep ``groups`` under ``key``."""


class NoStore:
    """A :class:`Store` that keeps nothing."""

    def get(self, key: str) -> list[list[Any]] | None:
        return None

    def put(self, key: str, groups: list[list[Any]]) -> None:
        pass


Fingerprint = Callable[[Article], str]
"""A hash of what grouping reads of an article's text (its title and body)."""


def partition_days(window_days: int) -> int:
    """The width of a partition in days."""
    return PARTITION_WINDOWS * (window_days + 1)


def text_fingerprint(article: Article) -> str:
    """The default :data:`Fingerprint`."""
    return content_key(article.title, "1" if article.title_generated else "0", article.body)


@dataclass(frozen=True, slots=True)
class Partitions:
    """Grouping's result, by partition."""

    groups: list[list[Article]]
    """Every group, each in timeline order, ordered by the partition they came from."""
    idf: dict[int | None, dict[str, float]]
    """Each partition's term weights (None: the undated articles)."""
    partition_of: dict[str, int | None]
    """Article id -> its partition."""
    keys: dict[int | None, str]
    """A key of everything each partition's grouping and weights read."""


def group_by_partition(
    articles: Sequence[Article],
    counts: Sequence[Terms],
    params: SplitParams,
    window_days: int,
    workers: Workers = IN_PROCESS,
    store: Store | None = None,
    fingerprint: Fingerprint = text_fingerprint,
) -> Partitions:
    """:func:`~sitegen.cluster.events.group_articles` partition by partition, then seam by
    seam (see the module), the partitions (then the seams) on ``workers``; ``store``
    may keep each one's result."""
    store = store or NoStore()
    width = partition_days(window_days)
    days = [day_of(a) for a in articles]
    parts: dict[int | None, list[int]] = {}
    for i, d in enumerate(days):
        parts.setdefault(None if d is None else d.toordinal() // width, []).append(i)
    df: dict[int | None, Counter[str]] = {}
    for k, members in parts.items():
        df[k] = Counter(t for i in members for t in counts[i])
    idf = {k: df_weights(df[k], len(parts[k])) for k in parts}
    by_id = {a.id: i for i, a in enumerate(articles)}
    stamp = {
        i: f"{a.id}\0{fingerprint(a)}\0{days[i] or ''}\0{a.source or ''}"
        for i, a in enumerate(articles)
    }
    setting = f"{PARTITION_VERSION}\0{params}\0{window_days}"

    def grouped(tasks: list[tuple[list[int], dict[str, float], str, int]]) -> list[list[list[int]]]:
        """Each task's groups (members, weights, key, exact limit): from the store, or
        grouped on ``workers`` (one task alone is grouped with ``workers`` inside)."""
        found: list[list[list[int]] | None] = []
        for members, _, key, _ in tasks:
            hit = store.get(key)
            ok = hit is not None and _are_ids(hit, (articles[i].id for i in members))
            found.append([[by_id[a] for a in g] for g in hit] if hit is not None and ok else None)
        misses = [n for n, f in enumerate(found) if f is None]
        inner = workers if len(misses) == 1 else IN_PROCESS

        def run(n: int) -> list[list[str]]:
            members, weights, _, exact = tasks[n]
            groups = group_articles(
                [articles[i] for i in members],
                [counts[i] for i in members],
                params,
                window_days,
                inner,
                weights,
                exact,
            )
            return [[a.id for a in g] for g in groups]

        # a lone task was grouped with the workers inside it; several go out a task each
        computed = (
            [run(n) for n in misses] if len(misses) < 2 else workers.map("spans", run, misses)
        )
        for n, ids in zip(misses, computed, strict=True):
            store.put(tasks[n][2], ids)
            found[n] = [[by_id[a] for a in g] for g in ids]
        return [f for f in found if f is not None]

    part_key = {k: content_key(setting, *(stamp[i] for i in parts[k])) for k in parts}
    order = sorted(parts, key=_order)
    tasks = [(parts[k], idf[k], "part\0" + part_key[k], EXACT_LIMIT) for k in order]
    inner = dict(zip(order, grouped(tasks), strict=True))
    final: dict[int | None, list[list[int]]] = {k: [] for k in parts}
    left: dict[int, list[list[int]]] = {}
    right: dict[int, list[list[int]]] = {}
    for k, found in inner.items():
        if k is None:
            final[k] = found
            continue
        start, end = k * width, (k + 1) * width
        for g in found:
            ordinals = [d.toordinal() for i in g if (d := days[i]) is not None]
            reaches_end = max(ordinals) >= end - window_days and k + 1 in parts
            reaches_start = min(ordinals) < start + window_days and k - 1 in parts
            if reaches_end and not reaches_start:
                right.setdefault(k, []).append(g)
            elif reaches_start and not reaches_end:
                left.setdefault(k, []).append(g)
            else:
                final[k].append(g)
    seams = sorted(set(right) | {j - 1 for j in left})
    seam_tasks = []
    for k in seams:
        seam = sorted(i for g in right.get(k, []) + left.get(k + 1, []) for i in g)
        both = df[k] + df[k + 1]
        weights = df_weights(both, len(parts[k]) + len(parts[k + 1]))
        key = content_key("seam", part_key[k], part_key[k + 1])
        seam_tasks.append((seam, weights, key, SEAM_EXACT_LIMIT))
    for k, regrouped in zip(seams, grouped(seam_tasks), strict=True):
        final[k].extend(regrouped)
    groups = [
        sorted((articles[i] for i in g), key=timeline_key)
        for k in sorted(final, key=_order)
        for g in sorted(final[k], key=min)
    ]
    partition_of = {a.id: k for k, members in parts.items() for a in (articles[i] for i in members)}
    return Partitions(groups, idf, partition_of, part_key)


def _order(key: int | None) -> tuple[bool, int]:
    """Partitions in time order, the undated last."""
    return (key is None, key or 0)


def _are_ids(groups: list[list[Any]], ids: Iterable[str]) -> bool:
    """Whether stored ``groups`` are a partition of exactly ``ids`` (a stored value is
    input like any other)."""
    wanted = list(ids)
    flat = [a for g in groups if isinstance(g, list) for a in g]
    return (
        all(isinstance(g, list) and g for g in groups)
        and all(isinstance(a, str) for a in flat)
        and sorted(flat) == sorted(wanted)
    )


ATTACH_THRESHOLD = 0.3
"""Centroid similarity an undated group needs to join a dated one.  Read on the development
streams (``bench/`` and the notes of issue #19): at the join threshold (0.16), undated
clustering-dev events joined unrelated dated pages of the real stream (its pairwise
precision fell from 0.972 to 0.836); at 0.2 a few still did (0.967); from 0.3 none did.
On clustering-dev with half its articles dated (five random draws), 0.2 to 0.4 give BCubed
F1 0.928 to 0.931 (worst draw 0.915 to 0.921), against 0.943 (worst 0.924) when the
whole site is grouped at once."""
ATTACH_TERMS = 12
"""An undated group is compared with the dated groups that share one of its centroid's
heaviest terms (this many)."""


def attach_undated(
    groups: list[list[Article]],
    undated: Callable[[list[Article]], bool],
    vecs: Mapping[str, Vector],
    threshold: float,
) -> list[list[Article]]:
    """Join each undated group (one whose articles have no date) to the dated group whose
    coverage it is nearest, when the two centroids are at least ``threshold`` alike: an
    undated report of a happening belongs with its dated coverage, whatever partition that
    fell in.  Dated groups are found through their heaviest terms, never all of them."""
    dated = [g for g in groups if not undated(g)]
    loose = [g for g in groups if undated(g)]
    if not dated or not loose:
        return groups
    cents = [centroid([vecs[a.id] for a in g]) for g in dated]
    index: dict[str, list[int]] = {}
    for n, cent in enumerate(cents):
        for t in _heaviest(cent):
            index.setdefault(t, []).append(n)
    joined: dict[int, list[list[Article]]] = {}
    alone: list[list[Article]] = []
    for g in loose:
        cent = centroid([vecs[a.id] for a in g])
        near = sorted({n for t in _heaviest(cent) for n in index.get(t, ())})
        best = max(near, key=lambda n: (cosine(cent, cents[n]), -n), default=None)
        if best is not None and cosine(cent, cents[best]) >= threshold:
            joined.setdefault(best, []).append(g)
        else:
            alone.append(g)
    out = [
        sorted([*g, *(a for extra in joined.get(n, ()) for a in extra)], key=timeline_key)
        for n, g in enumerate(dated)
    ]
    return out + alone


def _heaviest(vec: Vector) -> list[str]:
    return [t for t, _ in sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:ATTACH_TERMS]]
