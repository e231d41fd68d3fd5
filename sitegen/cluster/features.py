"""Article vectors for grouping: TF-IDF over title and body, the title counted twice."""

from __future__ import annotations

from collections.abc import Sequence

from sitegen.cluster.text import Vector, idf_weights, tfidf, tokens
from sitegen.model import Article

TITLE_WEIGHT = 2


def article_tokens(article: Article) -> list[str]:
    """Tokens of an article; a real headline weighs more than a generated one."""
    weight = 1 if article.title_generated else TITLE_WEIGHT
    return tokens(" ".join([article.title] * weight + [article.body]))


def vectors(articles: Sequence[Article]) -> list[Vector]:
    """One unit TF-IDF vector per article, with IDF taken over these articles."""
    docs = [article_tokens(a) for a in articles]
    idf = idf_weights(docs)
    return [tfidf(d, idf) for d in docs]
