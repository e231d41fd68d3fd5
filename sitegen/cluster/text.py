"""Text features for grouping: tokens, sentences, TF-IDF vectors and cosine similarity."""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

Vector = dict[str, float]

STOPWORDS = frozenset(
    """a about above after again against all also although am an and any are as at be because been
    before being below between both but by can could did do does doing down during each even ever
    few for from further had has have having he her here hers herself him himself his how however
    i if in into is it its itself just last least less like made make many may me might more most
    much must my myself new no nor not now of off on once one only or other our ours ourselves out
    over own per said same say says she should since so some such than that the their theirs them
    themselves then there these they this those though through thus to too under until up upon us
    very was we were what when where whether which while who whom whose why will with within
    without would year years yet you your yours yourself told according time first two""".split()
)
_TOKEN = re.compile(r"[^\W\d_](?:[\w'’-]*\w)?")


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light suffix stripper: enough to meet "talks"/"talk", "invaded"/"invade"."""
    for suffix, keep in (
        ("ies", "y"),
        ("sses", "ss"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + keep
    return word


_TERMS: dict[str, str] = {}
"""Raw word -> its term (:func:`_term`): the same few thousand words recur in every text."""
TERMS_MEMO = 500_000
"""Most raw words remembered (a bound on the memo's memory on huge sites)."""


def _term(raw: str) -> str:
    """The content-word stem of one raw word, or ``""`` for a stopword or a one-letter word."""
    word = raw.lower().replace("’", "'").removesuffix("'s")
    return stem(word) if len(word) > 1 and word not in STOPWORDS else ""


def tokens(text: str) -> list[str]:
    """Content-word stems: lower-cased, stopwords and one-letter words dropped."""
    raws = _TOKEN.findall(text)
    found = list(map(_TERMS.get, raws))
    if None in found:
        for i, term in enumerate(found):
            if term is None:
                found[i] = term = _term(raws[i])
                if len(_TERMS) < TERMS_MEMO:
                    _TERMS[raws[i]] = term
    return [t for t in found if t]


def idf_weights(docs: Iterable[Iterable[str]]) -> dict[str, float]:
    """Smoothed inverse document frequency of every term in ``docs`` (each counted once a doc)."""
    df: Counter[str] = Counter()
    n = 0
    for doc in docs:
        df.update(set(doc))
        n += 1
    return df_weights(df, n)


def df_weights(df: Mapping[str, int], n: int) -> dict[str, float]:
    """:func:`idf_weights` from document frequencies ``df`` over ``n`` documents (a grouping
    partition keeps its frequencies, and adds two partitions' for a seam)."""
    return {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}


def weigh(counts: Mapping[str, float], idf: Mapping[str, float]) -> Vector:
    """A unit-length TF-IDF vector from term counts (sublinear term frequency)."""
    vec = {t: (1.0 + math.log(c)) * idf.get(t, 1.0) for t, c in counts.items() if c > 0}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {t: v / norm for t, v in vec.items()}


def tfidf(doc: Sequence[str], idf: Mapping[str, float]) -> Vector:
    """A unit-length TF-IDF vector of a token list."""
    return weigh(Counter(doc), idf)


def cosine(a: Vector, b: Vector) -> float:
    """Cosine similarity of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    # the terms both share, in ``a``'s order: the same sum as over all of ``a`` with zeros
    return sum([v * b[t] for t, v in a.items() if t in b], 0.0)


def centroid(vectors: Sequence[Vector]) -> Vector:
    """The unit-length mean of some vectors."""
    total: dict[str, float] = {}
    for vec in vectors:
        for t, v in vec.items():
            total[t] = total.get(t, 0.0) + v
    norm = math.sqrt(sum(v * v for v in total.values())) or 1.0
    return {t: v / norm for t, v in total.items()}
