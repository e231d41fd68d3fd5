"""What an article is about, as weighted terms: words, numbers and names.

Happenings of one kind share most words ("earthquake", "magnitude", "killed");
what tells them apart is who, where and how many.  So besides content-word
stems, an article's terms include the numbers it states (``#6.1``, ``#2009``)
and the capitalised names it uses mid-sentence (``@lindsay lohan``).
"""

from __future__ import annotations

import re
from collections import Counter

from sitegen.cluster.text import STOPWORDS, tokens
from sitegen.model import Article

FEATURES_VERSION = "1"
"""Bump when :func:`article_terms` gives other terms: cached terms of builds before are dropped."""
TITLE_WEIGHT = 2
"""A real headline counts this many times; a generated one once."""
NAME_WEIGHT = 1.0
"""Extra count per mention of a capitalised name."""

_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")
_NAME = re.compile(
    # the look-ahead changes nothing but speed: every assertion here is tested at the
    # same position, and the cheap one first skips most positions at once
    r"(?=[A-Z])(?<![.!?:]\s)(?<!^)(?<![\"“‘])\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+)*)",
    re.MULTILINE,
)


def numbers(text: str) -> list[str]:
    """Number terms, thousands separators removed: ``1,200`` -> ``#1200``."""
    return ["#" + n.replace(",", "") for n in _NUMBER.findall(text)]


def names(text: str) -> list[str]:
    """Capitalised word runs that do not start a sentence: likely people, places, organisations."""
    out = []
    for match in _NAME.findall(text):
        name = match.lower()
        if name.split()[0] not in STOPWORDS:
            out.append("@" + name)
    return out


Terms = dict[str, float]
"""Term -> weighted count."""


def article_terms(article: Article) -> Terms:
    """Term counts of an article: title (weighted), body, numbers and names."""
    weight = 1 if article.title_generated else TITLE_WEIGHT
    text = "\n".join([article.title] * weight + [article.body])
    # words and numbers never share a term (numbers start with "#"), so one Counter holds
    # both, words first, as ``Counter(words) + Counter(numbers)`` would
    counter = Counter(tokens(text))
    counter.update(numbers(text))
    counts: Terms = dict(counter)
    for name in names(text):
        counts[name] = counts.get(name, 0.0) + NAME_WEIGHT
    return counts
