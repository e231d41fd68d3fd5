"""Making a headline for an article that arrived without one."""

from __future__ import annotations

import re

from sitegen.normalize.draft import words
from sitegen.text import sentences

MAX_WORDS = 14
_CLAUSE = re.compile(r"[,;:—–(]|\s-\s")


def make_headline(lede: str) -> str:
    """A short headline from the lede: its first clause, cut at a word boundary.

    Extractive on purpose: every word comes from the article, nothing is invented.
    """
    sentence = sentences.first(lede).rstrip(" .")
    clause = _CLAUSE.split(sentence, maxsplit=1)[0].strip()
    if len(words(clause)) < 4:
        clause = sentence
    tokens = clause.split()
    if len(tokens) > MAX_WORDS:
        return " ".join(tokens[:MAX_WORDS]).rstrip(",;:") + "…"
    return clause
