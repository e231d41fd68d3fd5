"""Two-stage grouping: same-kind twins apart, same happening together, the hard rules."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from bench.grouping_scale import bcubed_f1
from sitegen.cluster import cluster
from sitegen.cluster.candidates import EXACT_LIMIT, similar_pairs
from sitegen.cluster.features import article_terms
from sitegen.cluster.text import idf_weights, weigh
from sitegen.config import validate
from sitegen.importer import import_paths
from sitegen.loader import load_content
from sitegen.model import Article
from sitegen.workers import SIZES, Forked

ARVOLA = [
    "A magnitude 6.1 earthquake struck near Arvola on Monday, killing 43 people.",
    "Governor Mara Lenti said rescuers pulled survivors from a collapsed school in Arvola.",
    "The quake toppled the bell tower of the old cathedral and cut the coastal railway.",
    "Fishermen in the Arvola harbour described the sea pulling back before the shaking.",
    "Lenti asked the army for tents as 43 funerals were planned for the weekend.",
]
QUINTAR = [
    "A powerful 7.4 magnitude earthquake hit the mountain province of Quintar on Friday.",
    "At least 212 miners were trapped when tunnels of the Quintar copper mine caved in.",
    "Jon Ebbe, head of the mine rescue service, said oxygen was being pumped underground.",
    "Landslides blocked the only highway into the valley, delaying heavy equipment.",
    "Ebbe said the 212 workers had food for two days in a sealed refuge chamber.",
]
TWINS = [("Arvola", ARVOLA), ("Quintar", QUINTAR)]


def _quake(n: int, twin: int, **extra: str) -> Article:
    place, sentences = TWINS[twin]
    body = " ".join(sentences[(n + k) % 5] for k in range(4))
    return Article(id=f"q{n}", title=f"Earthquake hits {place}", body=body, **extra)


def _groups(articles: list[Article]) -> list[set[str]]:
    grouping = cluster(articles, validate({}))
    return sorted((set(e.article_ids) for e in grouping.events), key=min)


def test_twin_events_of_one_kind_stay_apart() -> None:
    articles = [_quake(n, n % 2) for n in range(6)]
    assert _groups(articles) == [{"q0", "q2", "q4"}, {"q1", "q3", "q5"}]


def test_one_outlet_on_one_day_is_two_events() -> None:
    same = dict(source="Daily Post", date="2024-05-06")
    articles = [_quake(0, 0, **same), _quake(1, 0, **same)]
    assert _groups(articles) == [{"q0"}, {"q1"}]
    other = [_quake(0, 0, **same), _quake(1, 0, source="Herald", date="2024-05-06")]
    assert _groups(other) == [{"q0", "q1"}]


def test_candidate_search_finds_the_same_neighbours_as_all_pairs() -> None:
    articles = [_quake(n, n % 2) for n in range(EXACT_LIMIT + 20)]
    counts = [article_terms(a) for a in articles]
    idf = idf_weights(counts)
    vecs = [weigh(c, idf) for c in counts]
    pairs = similar_pairs(vecs, 0.5, neighbours=5)
    assert pairs, "large inputs take the inverted-index path and still find neighbours"
    for (i, j), sim in pairs.items():
        assert i < j and i % 2 == j % 2 and sim >= 0.5


def test_neighbours_found_on_workers_are_the_same_pairs_in_the_same_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for kind, sizes in SIZES.items():  # every piece handed out, however few
        monkeypatch.setitem(SIZES, kind, dataclasses.replace(sizes, per_worker=1))
    articles = [_quake(n, n % 2) for n in range(EXACT_LIMIT + 20)]
    counts = [article_terms(a) for a in articles]
    idf = idf_weights(counts)
    vecs = [weigh(c, idf) for c in counts]
    buckets = [n % 7 for n in range(len(vecs))]

    forked = Forked(3)
    here = similar_pairs(vecs, 0.2, buckets=buckets)
    there = similar_pairs(vecs, 0.2, buckets=buckets, workers=forked)
    assert list(there.items()) == list(here.items())
    config = validate({})
    assert cluster(articles, config, workers=forked) == cluster(articles, config)


DEV_SET = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "clustering-dev"


@pytest.mark.skipif(not DEV_SET.is_dir(), reason="the shared development sets are not beside")
def test_development_events_are_found_through_a_real_import(tmp_path: Path) -> None:
    """ECB+ development set (id, title and text only) imported and grouped: the issue's
    quality target holds."""
    rows = [json.loads(line) for line in (DEV_SET / "ecbplus-dev.jsonl").open(encoding="utf-8")]
    batch = tmp_path / "input.jsonl"
    batch.write_text(
        "".join(json.dumps({k: r[k] for k in ("id", "title", "text")}) + "\n" for r in rows),
        encoding="utf-8",
    )
    site = tmp_path / "site"
    import_paths(site, [batch])
    articles, _, errors = load_content(site)
    assert not errors and len(articles) == len(rows)
    grouping = cluster(articles, validate({}))
    pred = {aid: e.id for e in grouping.events for aid in e.article_ids}
    assert bcubed_f1(pred, {r["id"]: r["cluster"] for r in rows}) >= 0.95
