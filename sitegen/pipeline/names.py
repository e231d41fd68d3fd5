"""The names each article uses, found once per text (grouping's ``names`` stage).

Finding names is the costliest part of grouping per article (about 0.7 ms each).  What it
reads is the article's headline and text and the site's *common words* (those it mostly
writes in lower case), a set computed from every article's :func:`case_counts`.  Both are
cached: an article's case counts by its text, and its names by its headline and text, with
the words the search asked about (:class:`~sitegen.text.names.AskedWords`), split into
those that were common and those that were not.  A kept entry holds for as long as each of
its words is common, or not, as it was: an edit that makes a word common finds again the
names of the articles that asked about that word, not of every article.  So the result is
always what :func:`~sitegen.cluster.names_used` gives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import partial
from typing import Any, cast

from sitegen.cache import StageCache, content_key, only
from sitegen.cluster import NamesFinder, names_of
from sitegen.model import Article
from sitegen.text.names import AskedWords, case_counts, common_from
from sitegen.workers import Workers

NAMES_VERSION = "2"
"""Bumped whenever :mod:`sitegen.text.names` finds names or common words differently."""


def _is_counts(value: object) -> bool:
    """str -> a positive int (checked at C speed: it runs for every article)."""
    if not isinstance(value, dict):
        return False
    counts = value.values()
    return only(value, str) and only(counts, int) and (not counts or min(counts) > 0)


def _is_case(value: object) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(map(_is_counts, value))


def _is_words(value: object) -> bool:
    return isinstance(value, list) and only(value, str)


def _is_traced(value: object) -> bool:
    """[names and counts, words that were common, words that were not]."""
    return (
        isinstance(value, list)
        and len(value) == 3
        and _is_counts(value[0])
        and _is_words(value[1])
        and _is_words(value[2])
    )


Traced = tuple[dict[str, int], list[str], list[str]]


def _traced_names(article: Article, common: frozenset[str]) -> Traced:
    """The article's names, and the words asked about: those common, those not."""
    asked = AskedWords(common)
    counts = names_of(article, asked)
    return dict(counts), sorted(asked.asked & common), sorted(asked.asked - common)


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
        found: dict[str, Counter[str]] = {}
        keys: dict[str, str] = {}
        misses: list[Article] = []
        for a in articles:
            keys[a.id] = key = content_key("names", a.title, a.body)
            hit = cache.get(key, _is_traced)
            if hit is None or not (common.issuperset(hit[1]) and common.isdisjoint(hit[2])):
                misses.append(a)
            else:
                found[a.id] = Counter(cast(dict[str, Any], hit[0]))
        traced = workers.map("names", partial(_traced_names, common=common), misses)
        for a, (counts, yes, no) in zip(misses, traced, strict=True):
            cache.put(keys[a.id], [counts, yes, no])
            found[a.id] = Counter(counts)
        return {a.id: found[a.id] for a in articles}

    return find
