"""Grouping by spans of time: each partition and seam a pure function of its articles, so a
kept result is a clean grouping's."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from typing import Any

from bench.generate import articles as generated
from sitegen.cluster import params_from
from sitegen.cluster.features import article_terms
from sitegen.cluster.partition import group_by_partition, partition_days
from sitegen.config import validate
from sitegen.model import Article

PARAMS = params_from(validate({}))


class DictStore:
    def __init__(self) -> None:
        self.values: dict[str, list[list[Any]]] = {}
        self.hits = 0

    def get(self, key: str) -> list[list[Any]] | None:
        found = self.values.get(key)
        self.hits += found is not None
        return found

    def put(self, key: str, groups: list[list[Any]]) -> None:
        self.values[key] = groups


def _site(n: int) -> list[Article]:
    made = [
        Article(r["id"], r["title"], r["text"], source=r["source"], date=r["date"])
        for r in generated(n)
    ]
    return sorted(made, key=lambda a: a.id)


def _ids(groups: list[list[Article]]) -> list[list[str]]:
    return [[a.id for a in g] for g in groups]


def test_kept_results_give_a_clean_grouping_after_edits_and_new_articles() -> None:
    arts = _site(700)
    store = DictStore()
    first = group_by_partition(arts, [article_terms(a) for a in arts], PARAMS, 7, store=store)
    assert len({k for k in first.partition_of.values()}) > 5  # a year: many partitions
    edited = list(arts)
    edited[350] = dataclasses.replace(edited[350], body=edited[350].body + "\n\nAnd one more.")
    edited += [dataclasses.replace(edited[10], id="zz-new", source="Another Outlet")]
    counts = [article_terms(a) for a in edited]
    store.hits = 0
    again = group_by_partition(edited, counts, PARAMS, 7, store=store)
    clean = group_by_partition(edited, counts, PARAMS, 7)
    assert _ids(again.groups) == _ids(clean.groups)
    assert store.hits > len(set(first.partition_of.values())) - 4  # most were not regrouped


def test_an_event_across_a_partition_line_is_one_event() -> None:
    width = partition_days(7)
    line = date.fromordinal((date(2024, 6, 1).toordinal() // width + 1) * width)
    body = "The footbridge over the Kelby river collapsed on Tuesday, injuring 14 people."
    before = Article("a", "Footbridge collapses", body, source="One", date=str(line - timedelta(1)))
    after = Article("b", "Footbridge collapse", body, source="Two", date=str(line))
    other = Article("c", "Budget passes", "The council passed its budget.", date=str(line))
    arts = [before, after, other]
    parts = group_by_partition(arts, [article_terms(a) for a in arts], PARAMS, 7)
    assert parts.partition_of["a"] != parts.partition_of["b"]
    assert sorted(_ids(parts.groups)) == [["a", "b"], ["c"]]


def test_a_stored_result_that_does_not_fit_is_computed_again() -> None:
    arts = _site(120)
    counts = [article_terms(a) for a in arts]
    store = DictStore()
    clean = group_by_partition(arts, counts, PARAMS, 7, store=store)
    for key in store.values:
        store.values[key] = [["not-an-article"]] if key.startswith("part") else [[99]]
    assert _ids(group_by_partition(arts, counts, PARAMS, 7, store=store).groups) == _ids(
        clean.groups
    )
