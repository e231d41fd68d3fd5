"""What each report adds: per independent report, up to two sentences carrying facts
(numbers, names, quotations) that no other report of the event carries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from sitegen.cluster.text import tokens
from sitegen.digest.copies import independent
from sitegen.digest.coverage import MIN_TERMS, Coverage, readable, word_count
from sitegen.digest.facts import facts
from sitegen.digest.model import Additions
from sitegen.digest.quotes import QUOTE, find_quotes
from sitegen.model import Article, NearDuplicate

ADDITIONS_PER_REPORT = 2
MANY_REPORTS = 6
"""Above this many independent reports, each adds one sentence (the page stays readable)."""
ADDITION_WORDS = (6, 80)
NOVEL_SHARE = 0.25
"""Share of a sentence's content words no other report uses, for it to count as new."""


def coverage_additions(
    cov: Coverage, skip: Iterable[str] = (), quoted: Iterable[str] = ()
) -> tuple[Additions, ...]:
    """See :func:`outlet_additions`; sentences in ``skip`` and sentences holding one of
    the ``quoted`` texts (shown elsewhere on the page) are not taken."""
    if len(cov.docs) < 2:
        return ()
    skipped = set(skip)
    shown_quotes = [q.rstrip(".,!?") for q in quoted]
    term_df: Counter[str] = Counter()
    fact_df: Counter[str] = Counter()
    for d, ss in zip(cov.docs, cov.sentences, strict=True):
        term_df.update(frozenset().union(*(s.terms for s in ss)))
        fact_df.update(set().union(*(facts(p, first_word=True) for p in d.paragraphs)))
    low, high = ADDITION_WORDS
    per_report = ADDITIONS_PER_REPORT if len(cov.docs) <= MANY_REPORTS else 1
    out = []
    for ss in cov.sentences:
        scored = []
        for s in ss:
            if s.text in skipped or not low <= word_count(s.text) <= high:
                continue
            if len(s.terms) < MIN_TERMS or not s.text.rstrip("\"”’')").endswith((".", "!", "?")):
                continue
            if not readable(s.text):
                continue
            share = sum(1 for t in s.terms if term_df[t] == 1) / len(s.terms)
            if share < NOVEL_SHARE or any(q in s.text for q in shown_quotes):
                continue
            new_facts = sum(1 for x in facts(s.text) if fact_df[x] == 1)
            new_quote = any(
                word_count(q) >= 3 and sum(term_df[t] == 1 for t in set(tokens(q))) >= 2
                for q in QUOTE.findall(s.text)
            )
            if not (new_facts or new_quote):
                continue
            if s.text[0] in '"“' and not any(q.speaker for q in find_quotes(s.text)):
                continue
            scored.append((-(new_facts + new_quote + share), s.position, s))
        best = sorted(scored, key=lambda t: t[:2])[:per_report]
        picked = sorted((s for *_, s in best), key=lambda s: s.position)
        if picked:
            aid = cov.docs[picked[0].doc].article.id
            out.append(Additions(aid, tuple(s.text for s in picked)))
    return tuple(out)


def outlet_additions(
    articles: Sequence[Article], duplicate_of: Mapping[str, NearDuplicate] | None = None
) -> tuple[Additions, ...]:
    """Per independent report (timeline order), up to two sentences with facts that no
    other report of the event carries.

    A sentence counts when at least a quarter of its content words appear in no other
    report and it states a number or a name no other report states, or quotes words
    no other report uses.  The sentences with the most such facts are kept, in the
    article's order.  Reports with nothing new, and events with one report, give none.
    """
    return coverage_additions(Coverage(independent(articles, duplicate_of or {})))
