"""The 2-4 sentences most central to an event's coverage: closest to the event's centroid
(every report weighs the same, so terms that several outlets use count most), with a
bonus for early sentences, and never two that say the same thing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from sitegen.cluster.text import tokens
from sitegen.digest.copies import independent
from sitegen.digest.coverage import (
    MIN_TERMS,
    SAME_POINT,
    Coverage,
    Sentence,
    readable,
    similarity,
    weight,
    word_count,
)
from sitegen.digest.model import Point
from sitegen.labels import article_label
from sitegen.model import Article, NearDuplicate

SUMMARY_MIN = 2
SUMMARY_MAX = 4
"""The summary has between this many sentences (when the text has enough)."""
SUMMARY_WORDS = (8, 60)
"""Shortest and longest sentence (in words) the summary takes."""
EARLY_BONUS = 0.5
"""Extra weight of an article's first sentence; it halves every two sentences after."""
REDUNDANCY = 0.5
"""How much a summary sentence's similarity to those already chosen counts against it
(maximal marginal relevance: paraphrases of a chosen point give way to other points)."""
POOL = 24
"""The summary is chosen among this many most central sentences."""
_CONNECTIVES = frozenset("but and or so also however yet still then there here such both".split())
"""First words that tie a sentence to the one before it: not summary material."""


def _summary_candidate(s: Sentence) -> bool:
    low, high = SUMMARY_WORDS
    first = s.text.split(maxsplit=1)[0].lower().strip(",")
    return (
        low <= word_count(s.text) <= high
        and len(s.terms) >= MIN_TERMS
        and s.text[0] not in "\"“‘'("
        and first not in _CONNECTIVES
        and readable(s.text)
    )


def news_reports(cov: Coverage) -> frozenset[int]:
    """The places in ``cov.docs`` of its news reports: the reports labelled as no other kind
    of piece (opinion, analysis, a press release, a live blog: :mod:`sitegen.labels`)."""
    return frozenset(n for n, doc in enumerate(cov.docs) if article_label(doc.article) is None)


def summarize_coverage(cov: Coverage, shown: str | None) -> tuple[Point, ...]:
    """The summary of ``cov`` (see :func:`summarize`), from its news reports when they have
    sentences to give: an op-ed or a press release is coverage, not the account of what
    happened."""
    scored = []
    for ss in cov.sentences:
        for s in ss:
            if _summary_candidate(s):
                early = 1.0 + EARLY_BONUS * 0.5 ** (s.position / 2)
                scored.append((-cov.centrality(s.terms) * early, s.doc, s.position, s))
    news = news_reports(cov)
    from_news = [t for t in scored if t[1] in news]
    if from_news:
        scored = from_news
    reports = len({t[1] for t in scored}) if from_news else len(cov.docs)
    limit = min(SUMMARY_MAX, max(SUMMARY_MIN, reports + 1))
    per_report = limit if reports == 1 else (limit + 1) // 2
    scored.sort(key=lambda t: t[:3])
    idf = cov.idf
    pool = [(-t[0], t[3], weight(t[3].terms, idf)) for t in scored[:POOL]]
    if shown:
        said = frozenset(tokens(shown))
        w = weight(said, idf)
        pool = [p for p in pool if similarity(p[1].terms, said, idf, p[2], w) < SAME_POINT]
    chosen: list[Sentence] = []
    used: Counter[int] = Counter()
    overlap = [0.0] * len(pool)
    """Each candidate's greatest similarity to a chosen sentence, updated as they come."""
    while len(chosen) < limit:
        best: tuple[float, int] | None = None
        for i, (base, s, _) in enumerate(pool):
            if used[s.doc] >= per_report or overlap[i] >= SAME_POINT:
                continue
            value = base - REDUNDANCY * overlap[i]
            if best is None or value > best[0]:
                best = (value, i)
        if best is None:
            break
        _, pick, wp = pool[best[1]]
        chosen.append(pick)
        used[pick.doc] += 1
        overlap[best[1]] = 1.0
        for i, (_, s, w) in enumerate(pool):
            if overlap[i] < SAME_POINT:
                overlap[i] = max(overlap[i], similarity(s.terms, pick.terms, idf, w, wp))
    return tuple(Point(s.text, cov.docs[s.doc].article.id) for s in chosen)


def summarize(
    articles: Sequence[Article],
    duplicate_of: Mapping[str, NearDuplicate] | None = None,
    shown: str | None = None,
) -> tuple[Point, ...]:
    """The 2-4 sentences most central to the event's coverage, most central first.

    Copies are left out; the sentences come from the news reports when there are any
    with sentences to give (not from opinion, analysis, press releases or live blogs); at
    most half of them come from one report when there are several; a sentence that
    restates ``shown`` (the summary the page already shows) or an already chosen one is
    skipped.  Sentences that lean on the one before
    ("He said...", "But...") or that open a quotation are not taken.
    """
    cov = Coverage(independent(articles, duplicate_of or {}))
    return summarize_coverage(cov, shown)
