"""One event's independent reports split into sentences and weighed once, and the
measures every part of the digest shares: centrality, IDF-weighted similarity, whether a
sentence stands on its own."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import mul

from sitegen.cluster.text import centroid, idf_weights, tokens, weigh
from sitegen.digest.plaintext import paragraphs
from sitegen.model import Article
from sitegen.text.sentences import split as split_sentences

SAME_POINT = 0.4
"""IDF-weighted Jaccard similarity of two sentences' content words above which they say the
same thing (sentences of independent reports on one event rarely reach 0.3)."""
MIN_TERMS = 5
"""Fewest distinct content words of a sentence worth showing (datelines have fewer)."""
PRONOUNS = frozenset("he she it its they them their this that these those his her we our i".split())
"""First words that make a sentence lean on the one before it: not taken out of context."""
JUNK = re.compile(r"@|://|www\.")
"""Sentences holding these (addresses, links) are contact lines, not reporting."""


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    terms: frozenset[str]
    """Its content-word stems."""
    position: int
    """Its place in the article (0 for the first sentence)."""
    doc: int
    """Its article's place in :attr:`Coverage.docs`."""


@dataclass(frozen=True, slots=True)
class Doc:
    article: Article
    paragraphs: tuple[str, ...]
    """The prose paragraphs as plain text."""


def readable(text: str) -> bool:
    """A sentence that stands on its own: quotation marks balanced, not cut off at a comma
    or a colon, not a contact line, not leaning on a pronoun."""
    first = text.split(maxsplit=1)[0].lower().strip("\"“‘'(,")
    return (
        first not in PRONOUNS
        and not text.rstrip("\"”’'").endswith((":", ",", ";"))
        and balanced(text)
        and not JUNK.search(text)
    )


def word_count(text: str) -> int:
    return len(text.split())


def balanced(text: str) -> bool:
    return text.count('"') % 2 == 0 and text.count("“") == text.count("”")


def weight(terms: Iterable[str], idf: Mapping[str, float]) -> float:
    """Total IDF of some terms (``fsum``: the same in every process, whatever the order a
    set is walked in, so that ties break the same way in every build)."""
    return math.fsum(map(idf.get, terms, repeat(1.0)))


def similarity(
    a: frozenset[str], b: frozenset[str], idf: Mapping[str, float], wa: float, wb: float
) -> float:
    """IDF-weighted Jaccard similarity of two sets of content words (``wa`` and ``wb``:
    their weights, see ``weight``)."""
    shared = weight(a & b, idf)
    union = wa + wb - shared
    return shared / union if union > 0 else 0.0


class Coverage:
    """The independent reports of one event, split and weighed once.

    Terms are weighed by their IDF over the event's sentences (a name in every sentence
    weighs little), and the centroid gives every report the same weight.
    """

    def __init__(self, articles: Sequence[Article]) -> None:
        self.docs = [Doc(a, tuple(paragraphs(a.body))) for a in articles]
        self.sentences: list[list[Sentence]] = []
        counts: list[Counter[str]] = []
        for k, d in enumerate(self.docs):
            ss = []
            count: Counter[str] = Counter()
            for i, text in enumerate(s for p in d.paragraphs for s in split_sentences(p)):
                toks = tokens(text)
                if toks:
                    count.update(toks)
                    ss.append(Sentence(text, frozenset(toks), i, k))
            self.sentences.append(ss)
            counts.append(count)
        self.idf = idf_weights(s.terms for ss in self.sentences for s in ss)
        self.centroid = centroid([weigh(c, self.idf) for c in counts if c])

    def centrality(self, terms: Collection[str]) -> float:
        """Cosine similarity of a set of terms (each counted once) with the centroid."""
        weights = list(map(self.idf.get, terms, repeat(1.0)))
        means = list(map(self.centroid.get, terms, repeat(0.0)))
        norm = math.fsum(map(mul, weights, weights))  # fsum: see weight
        return math.fsum(map(mul, weights, means)) / math.sqrt(norm) if norm else 0.0
