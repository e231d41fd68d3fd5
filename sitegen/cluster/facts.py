"""What an event's coverage says of it: its lead article and its key terms, kept by what
they read.

Both come from the members' TF-IDF vectors (the lead is the member nearest the coverage's
centroid, preferring a real headline; the key terms are the centroid's heaviest words),
and a vector reads only its article's text and its span of time's term weights.  So each
group's facts are kept in the grouping store under a key of its members' ids, text
fingerprints and spans of time, and an unchanged event needs no vector at all: vectors
are weighed when first asked for (:class:`Vectors`), for the events whose coverage
changed, the copies looked for again and the pairs storylines compare.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import overload

from sitegen.cache import content_key
from sitegen.cluster.events import headline_article
from sitegen.cluster.features import Terms
from sitegen.cluster.partition import NoStore, Store
from sitegen.cluster.text import Vector, centroid, weigh
from sitegen.model import Article

FACTS_VERSION = "2"
"""Bumped whenever the lead or the key terms are chosen differently."""
TOP_TERMS = 8
"""Key terms an event shows."""


class Vectors(Mapping[str, Vector]):
    """Each article's TF-IDF vector by id, weighed the first time it is asked for."""

    def __init__(
        self,
        counts: Mapping[str, Terms],
        by_id: Mapping[str, Article],
        idf_of: Callable[[Article], Mapping[str, float]],
    ) -> None:
        self._counts = counts
        self._by_id = by_id
        self._idf_of = idf_of
        self._done: dict[str, Vector] = {}

    def __getitem__(self, aid: str) -> Vector:
        vec = self._done.get(aid)
        if vec is None:
            vec = self._done[aid] = weigh(self._counts[aid], self._idf_of(self._by_id[aid]))
        return vec

    def __iter__(self) -> Iterator[str]:
        return iter(self._counts)

    def __len__(self) -> int:
        return len(self._counts)


def key_terms(cent: Vector, n: int = TOP_TERMS) -> tuple[str, ...]:
    """The heaviest words of a centroid (not names or numbers: ``@`` and ``#`` terms)."""
    words = [(t, w) for t, w in cent.items() if t[0] not in "@#"]
    words.sort(key=lambda tw: (-tw[1], tw[0]))
    return tuple(t for t, _ in words[:n])


class EventFacts:
    """Each group's lead and key terms, from the store or from its vectors (see the module)."""

    def __init__(
        self,
        vecs: Mapping[str, Vector],
        stamp: Callable[[Article], str],
        store: Store | None = None,
    ) -> None:
        self.vecs = vecs
        self._stamp = stamp
        """What an article's vector reads: its id, text fingerprint and span of time."""
        self._store = store or NoStore()
        self._found: dict[tuple[str, ...], tuple[Article, tuple[str, ...]]] = {}
        self._centroids: dict[tuple[str, ...], Vector] = {}

    def centroid(self, group: Sequence[Article]) -> Vector:
        """The group's centroid (computed once)."""
        ids = tuple(a.id for a in group)
        cent = self._centroids.get(ids)
        if cent is None:
            cent = self._centroids[ids] = centroid([self.vecs[a] for a in ids])
        return cent

    def centroids(self, groups: Sequence[Sequence[Article]]) -> Sequence[Vector]:
        """The groups' centroids, each computed when first read."""
        return _Centroids(self, groups)

    def of(self, group: Sequence[Article]) -> tuple[Article, tuple[str, ...]]:
        """The group's lead article and key terms."""
        ids = tuple(a.id for a in group)
        found = self._found.get(ids)
        if found is None:
            found = self._found[ids] = self._kept_or_made(group)
        return found

    def _kept_or_made(self, group: Sequence[Article]) -> tuple[Article, tuple[str, ...]]:
        key = content_key("facts", FACTS_VERSION, *(self._stamp(a) for a in group))
        kept = self._store.get(key)
        if kept is not None and len(kept) == 2 and len(kept[0]) == 1:
            lead = next((a for a in group if a.id == kept[0][0]), None)
            if lead is not None and all(isinstance(t, str) for t in kept[1]):
                return lead, tuple(kept[1])
        lead = headline_article(group, self.vecs, self.centroid(group))
        terms = key_terms(self.centroid(group))
        self._store.put(key, [[lead.id], list(terms)])
        return lead, terms


class _Centroids(Sequence[Vector]):
    def __init__(self, facts: EventFacts, groups: Sequence[Sequence[Article]]) -> None:
        self._facts = facts
        self._groups = groups

    @overload
    def __getitem__(self, i: int) -> Vector: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Vector]: ...
    def __getitem__(self, i: int | slice) -> Vector | Sequence[Vector]:
        if isinstance(i, slice):
            return [self._facts.centroid(g) for g in self._groups[i]]
        return self._facts.centroid(self._groups[i])

    def __len__(self) -> int:
        return len(self._groups)
