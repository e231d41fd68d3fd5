"""Grouping's partitions, seams, topic splits and each event's copies, kept between builds
(the ``grouping`` stage cache): each under a key of exactly what it read (see
:mod:`sitegen.cluster.partition`), so a build after an edit regroups only the span of time
the edit falls in."""

from __future__ import annotations

from itertools import chain
from typing import Any

from sitegen.cache import StageCache, only
from sitegen.cluster.partition import PARTITION_VERSION

GROUPING_VERSION = f"1-{PARTITION_VERSION}"


def _is_groups(value: object) -> bool:
    """A list of lists of ids, positions or scores (groups, or copies' rows: the modules
    that stored them check that they are the right ones)."""
    return (
        isinstance(value, list)
        and only(value, list)
        and only(chain.from_iterable(value), str, int, float)
    )


class CachedStore:
    """A :class:`~sitegen.cluster.partition.Store` over a :class:`StageCache`."""

    def __init__(self, cache: StageCache) -> None:
        self.cache = cache

    def get(self, key: str) -> list[list[Any]] | None:
        found = self.cache.get(key, _is_groups)
        return found if isinstance(found, list) else None

    def put(self, key: str, groups: list[list[Any]]) -> None:
        self.cache.put(key, groups)
