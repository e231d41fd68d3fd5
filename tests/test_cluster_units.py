"""Grouping, piece by piece: average-link clustering, text features, copies, time windows."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from sitegen.cluster import cluster
from sitegen.cluster.agglomerate import average_link
from sitegen.cluster.duplicates import find_duplicates, sentence_sets
from sitegen.cluster.split import SplitParams, cluster_terms, length_gains, reliability
from sitegen.cluster.text import cosine, idf_weights, stem, tfidf, tokens
from sitegen.config import validate
from sitegen.model import Article, Event
from sitegen.text.sentences import sentences

# --- average_link -----------------------------------------------------------------------------


def test_no_similarities_leaves_singletons() -> None:
    assert average_link(3, {}, 0.5) == [[0], [1], [2]]
    assert average_link(0, {}, 0.5) == []


def test_two_clear_groups() -> None:
    sims = {(0, 1): 0.8, (0, 2): 0.8, (1, 2): 0.7, (3, 4): 0.9, (2, 3): 0.1, (1, 4): 0.05}
    assert average_link(5, sims, 0.5) == [[0, 1, 2], [3, 4]]


def test_threshold_is_inclusive_and_pairs_below_it_never_merge() -> None:
    assert average_link(2, {(0, 1): 0.5}, 0.5) == [[0, 1]]
    assert average_link(2, {(0, 1): 0.49}, 0.5) == [[0], [1]]


def test_chain_is_not_merged_as_single_linkage_would() -> None:
    # 0-1 and 1-2 are close, 0-2 unrelated: after {0,1} merges, its average link
    # to 2 is (0.9 + 0) / 2 = 0.45, below the threshold.
    sims = {(0, 1): 0.9, (1, 2): 0.85}
    assert average_link(3, sims, 0.5) == [[0, 1], [2]]
    assert average_link(3, sims, 0.4) == [[0, 1, 2]]


def test_average_is_weighted_by_cluster_size() -> None:
    # {0,1} and {2,3} form first; between them the four pair similarities average
    # (0.6 + 0.6 + 0.6 + 0.0) / 4 = 0.45.
    sims = {(0, 1): 0.9, (2, 3): 0.9, (0, 2): 0.6, (0, 3): 0.6, (1, 2): 0.6}
    assert average_link(4, sims, 0.46) == [[0, 1], [2, 3]]
    assert average_link(4, sims, 0.44) == [[0, 1, 2, 3]]


def test_clusters_are_sorted_by_their_smallest_member() -> None:
    sims = {(2, 5): 0.9, (0, 4): 0.9, (1, 3): 0.9}
    assert average_link(6, sims, 0.5) == [[0, 4], [1, 3], [2, 5]]


# --- text features ----------------------------------------------------------------------------


def test_tokens_drop_stopwords_numbers_and_possessives() -> None:
    text = "The talks were held in Kyiv's parliament on 12 March, officials said."
    assert tokens(text) == ["talk", "held", "kyiv", "parliament", "march", "official"]


def test_stem_meets_inflections_but_keeps_short_words() -> None:
    assert stem("talks") == stem("talk") == "talk"
    assert stem("invaded") == "invad"
    assert stem("countries") == "country"
    assert stem("gas") == "gas"
    assert stem("bus") == "bus"


def test_sentences_split_on_terminal_punctuation_and_paragraphs() -> None:
    text = "Fees rose. Critics objected! Why now? the mayor asked.\n\nA new paragraph"
    assert sentences(text) == [
        "Fees rose.",
        "Critics objected!",
        "Why now? the mayor asked.",
        "A new paragraph",
    ]
    assert sentences("Prices rose 2.5 percent. Wages rose 3.1 percent.") == [
        "Prices rose 2.5 percent.",
        "Wages rose 3.1 percent.",
    ]


def test_idf_is_one_for_everywhere_and_higher_for_rare() -> None:
    idf = idf_weights([["port", "strike"], ["port", "ferry"], ["port"]])
    assert idf["port"] == pytest.approx(1.0)
    assert idf["strike"] == pytest.approx(math.log(4 / 2) + 1)
    assert idf["strike"] > idf["port"]


def test_tfidf_is_unit_length_and_cosine_behaves() -> None:
    idf = idf_weights([["port", "strike"], ["ferry", "storm"]])
    a = tfidf(["port", "strike", "strike"], idf)
    b = tfidf(["ferry", "storm"], idf)
    assert math.sqrt(sum(v * v for v in a.values())) == pytest.approx(1.0)
    assert cosine(a, a) == pytest.approx(1.0)
    assert cosine(a, b) == 0.0
    assert a["strike"] > a["port"]  # sublinear tf still counts the repeat
    c = tfidf(["port", "storm"], idf)
    assert 0 < cosine(a, c) < 1
    assert cosine(a, c) == pytest.approx(cosine(c, a))
    assert tfidf([], idf) == {}


# --- near-duplicates --------------------------------------------------------------------------

ORIGINAL = (
    "A footbridge over the Lune river collapsed on Tuesday evening in the town of Kelby. "
    "Two pedestrians were taken to hospital with leg injuries after falling into shallow water. "
    "Engineers had inspected the steel footbridge in March and found corrosion on its supports. "
    "The council closed the riverside path and asked residents to use the road bridge instead. "
    "Kelby mayor Ruth Adair promised an independent inquiry into the inspection report."
)
REWORDED = (
    "On Tuesday evening a pedestrian footbridge across the Lune collapsed in Kelby. "
    "After falling into the shallow water, two pedestrians went to hospital "
    "with injuries to their legs. "
    "An inspection of the steel footbridge by engineers in March had found corroded supports. "
    "Residents were asked by the council to use the road bridge "
    "while the riverside path stays closed. "
    "Ruth Adair, the Kelby mayor, has promised that an independent inquiry will examine the report."
)
SAME_TOPIC = (
    "Repairs to the old stone bridge in Marlow will take at least six months, the county said. "
    "Lorries have been banned from crossing since cracks appeared in the arches last winter. "
    "Shop owners on the high street say trade has fallen by a third since the diversion began. "
    "The county has applied for a government grant to cover most of the four million pound cost. "
    "A temporary footbridge for pedestrians is due to open next month."
)


REPUBLISHED = (
    ORIGINAL.replace("on Tuesday evening", "late on Tuesday").replace("leg injuries", "injuries")
    + " Share this story on social media."
)


def _articles() -> dict[str, Article]:
    return {
        "a-original": Article("a-original", "Footbridge collapses in Kelby", ORIGINAL),
        "b-republished": Article("b-republished", "Kelby footbridge collapses", REPUBLISHED),
        "c-reworded": Article("c-reworded", "Kelby footbridge falls into river", REWORDED),
        "d-other": Article("d-other", "Marlow bridge repairs to take six months", SAME_TOPIC),
    }


def _sets_and_idf(arts: dict[str, Article]) -> tuple[dict, dict]:
    sets = {aid: sentence_sets(a) for aid, a in arts.items()}
    return sets, idf_weights([t for s in ss for t in s] for ss in sets.values())


def _always(a: str, b: str) -> float:
    return 1.0


def test_a_republished_copy_is_found_and_a_rewrite_or_other_story_is_not() -> None:
    arts = _articles()
    sets, idf = _sets_and_idf(arts)
    event = Event("bridges", "Bridges", tuple(arts))
    found = find_duplicates([event], sets, idf, 0.6, _always)
    assert [(d.article_id, d.original_id) for d in found] == [("b-republished", "a-original")]
    assert found[0].similarity >= 0.8


def test_duplicates_are_only_looked_for_inside_one_event() -> None:
    arts = _articles()
    sets, idf = _sets_and_idf(arts)
    events = [Event(aid, aid, (aid,)) for aid in arts]
    assert find_duplicates(events, sets, idf, 0.5, _always) == []


def test_a_threshold_above_the_score_finds_nothing() -> None:
    arts = _articles()
    sets, idf = _sets_and_idf(arts)
    assert find_duplicates([Event("e", "E", tuple(arts))], sets, idf, 1.01, _always) == []


def test_dissimilar_texts_are_not_compared_sentence_by_sentence() -> None:
    arts = _articles()
    sets, idf = _sets_and_idf(arts)
    event = Event("bridges", "Bridges", tuple(arts))
    assert find_duplicates([event], sets, idf, 0.5, lambda a, b: 0.0) == []


# --- events -----------------------------------------------------------------------------------

CONFIG = validate({"grouping": {"window_days": 3}})


def _story(ident: str, date: str | None, event: str | None = None, body: str = ORIGINAL) -> Article:
    return Article(ident, "Footbridge collapses in Kelby", body, date=date, event=event)


def _groups(articles: list[Article]) -> list[tuple[str, ...]]:
    return sorted(e.article_ids for e in cluster(articles, CONFIG).events)


def test_same_story_close_in_time_is_one_event() -> None:
    arts = [_story("a", "2024-03-05"), _story("b", "2024-03-07"), _story("c", None)]
    assert _groups(arts) == [("a", "b", "c")]


def test_window_days_keeps_far_apart_coverage_in_separate_events() -> None:
    arts = [_story("a", "2024-03-05"), _story("b", "2024-03-20T08:00:00+00:00")]
    assert _groups(arts) == [("a",), ("b",)]


def test_pinned_event_wins_over_similarity() -> None:
    arts = [
        _story("a", "2024-03-05"),
        _story("b", "2024-03-05", event="Kelby inquiry"),
        Article("c", "Marlow bridge repairs", SAME_TOPIC, event="Kelby inquiry"),
    ]
    events = {e.id: e.article_ids for e in cluster(arts, CONFIG).events}
    assert events["kelby-inquiry"] == ("b", "c")
    assert ("a",) in events.values()


def test_every_article_is_in_exactly_one_event() -> None:
    arts = [*_articles().values(), _story("d", "2024-03-05"), _story("e", None, event="x")]
    grouping = cluster(arts, CONFIG)
    members = [aid for e in grouping.events for aid in e.article_ids]
    assert sorted(members) == sorted(a.id for a in arts)


# Length correction inside a topic: one happening told by six long reports, another by six
# one-sentence snippets that each share only two of that happening's details.
_COMMON = ["robber", "jewel", "store", "@paris", "heist", "diamond"]
_LONG_DETAILS = [f"detail{k}" for k in range(40)]
_SNIPPET_DETAILS = ["drag", "winston", "montaigne", "#108", "disguis"]


def _long_report(n: int) -> dict[str, float]:
    counts = dict.fromkeys(_COMMON, 2.0)
    counts.update(dict.fromkeys(_LONG_DETAILS[n % 4 : n % 4 + 30], 3.0))
    counts.update({f"aside{n}_{k}": 1.0 for k in range(20)})
    return counts


def _snippet(n: int) -> dict[str, float]:
    counts = dict.fromkeys(_COMMON, 1.0)
    counts.update({_SNIPPET_DETAILS[(n + k) % 5]: 1.0 for k in range(2)})
    counts[f"word{n}"] = 1.0
    return counts


def test_reliability_grows_with_length_and_can_be_turned_off() -> None:
    assert reliability(10, 150.0) < reliability(100, 150.0) < reliability(1000, 150.0) < 1.0
    assert reliability(150, 150.0) == pytest.approx(0.5)
    assert reliability(10, 0.0) == reliability(0, 150.0) == 1.0


def test_only_articles_shorter_than_most_of_their_topic_are_lifted() -> None:
    assert length_gains([200, 200, 200, 200], 150.0) == [1.0] * 4
    assert length_gains([10, 10, 10, 10], 150.0) == [1.0] * 4
    short, *long = length_gains([10, 220, 220, 220, 400], 150.0)
    assert short == pytest.approx(math.sqrt(reliability(220, 150.0) / reliability(10, 150.0)))
    assert long == [1.0] * 4


def test_short_snippets_of_one_happening_meet_once_corrected_for_length() -> None:
    counts = [_long_report(n) for n in range(6)] + [_snippet(n) for n in range(6)]
    params = SplitParams(coarse=0.08, fine=0.14, join=0.16)
    assert cluster_terms(counts, params) == [list(range(6)), list(range(6, 12))]
    uncorrected = cluster_terms(counts, replace(params, length_scale=0.0))
    assert uncorrected[0] == list(range(6))
    assert len(uncorrected) > 2
