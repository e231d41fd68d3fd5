"""The names each article uses, found once per text (grouping's ``names`` stage).

Finding names is the costliest part of grouping per article (about 0.7 ms each).  What it
reads is the article's headline and text and the site's *common words* (those it mostly
writes in lower case), a set computed from every article's :func:`case_counts`.  Both are
cached: an article's case counts by its text, its names by its headline, text and the
common words they were found with.  A change that moves the common words finds every
article's names again, so the result is always what :func:`~sitegen.cluster.names_used`
gives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, cast

from sitegen.cache import StageCache, content_key
from sitegen.cluster import NamesFinder
from sitegen.cluster import names_in as _names_in
from sitegen.model import Article
from sitegen.text.names import case_counts, common_from
from sitegen.workers import Workers

NAMES_VERSION = "1"
"""Bumped whenever :mod:`sitegen.text.names` finds names or common words differently."""


def _is_counts(value: object) -> bool:
    """str -> a positive int."""
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(n, int) and not isinstance(n, bool) and n > 0
        for k, n in value.items()
    )


def _is_case(value: object) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(map(_is_counts, value))


def cached_names(cache: StageCache) -> NamesFinder:
    """:func:`~sitegen.cluster.names_used`, each result taken from ``cache`` when its inputs
    were seen before, and kept there."""

    def find(articles: Sequence[Article], workers: Workers) -> dict[str, Counter[str]]:
        cases: list[tuple[dict[str, int], dict[str, int]]] = []
        for a in articles:
            key = content_key("case", a.body)
            hit = cache.get(key, _is_case)
            if hit is None:
                low, high = case_counts(a.body)
                hit = [dict(low), dict(high)]
                cache.put(key, hit)
            cases.append((hit[0], hit[1]))
        common = common_from(cases)
        among = content_key("common", *sorted(common))
        found: dict[str, Counter[str]] = {}
        keys: dict[str, str] = {}
        misses: list[Article] = []
        for a in articles:
            keys[a.id] = key = content_key("names", among, a.title, a.body)
            hit = cache.get(key, _is_counts)
            if hit is None:
                misses.append(a)
            else:
                found[a.id] = Counter(cast(dict[str, Any], hit))
        for a, counts in zip(misses, _names_in(misses, common, workers), strict=True):
            cache.put(keys[a.id], dict(counts))
            found[a.id] = counts
        return {a.id: found[a.id] for a in articles}

    return find
