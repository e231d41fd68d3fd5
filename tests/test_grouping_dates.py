"""Dates are evidence: on the real development stream (``bench/streams.py``: the saved pages
of ``../shared/eval`` with the dates they state, labelled by hand, and clustering-dev's
articles), grouping with the dates scores at least as well as grouping with every date
removed.  Skipped where the development sets are not beside the checkout."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bench import streams
from sitegen.cluster import cluster
from sitegen.config import validate
from sitegen.model import Article

pytestmark = pytest.mark.skipif(not streams.available(), reason="no ../shared/eval dev sets")


def _f1(articles: list[Article], gold: dict[str, str]) -> tuple[float, float, float]:
    grouping = cluster(articles, validate({}))
    pred = {a: e.id for e in grouping.events for a in e.article_ids}
    p, r = streams.pairwise(pred, gold)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


@pytest.fixture(scope="module")
def stream() -> list[Article]:
    return streams.articles()


def test_dates_never_make_the_real_stream_worse(stream: list[Article]) -> None:
    gold = streams.stream_gold()
    dated = [a for a in stream if a.date]
    assert len(dated) > 150, "the saved pages should keep the dates they state"
    undated = [replace(a, date=None) for a in stream]
    with_dates = _f1(stream, gold)
    without = _f1(undated, gold)
    assert with_dates[2] >= without[2], (with_dates, without)
    # the aim of the trust issue, on this dev set: what is shown as one event is one event
    assert with_dates[0] >= 0.95 and with_dates[1] >= 0.85, with_dates


def test_dates_keep_the_labelled_pages_apart(stream: list[Article]) -> None:
    """The hand-labelled pages alone (all from a few weeks of news, most of them dated):
    without dates, same-kind reports of different days run together."""
    ecb = streams.ecb_gold()
    gold = {i: g for i, g in streams.stream_gold().items() if i not in ecb}
    pages = [a for a in stream if a.id in gold]
    with_dates = _f1(pages, gold)
    without = _f1([replace(a, date=None) for a in pages], gold)
    assert with_dates[2] >= without[2], (with_dates, without)
