"""``retention.days`` and ``languages``: which articles of ``content/`` a built site holds.

Articles dated more than that many days before the site's newest article leave the built
site (their pages, the events and lists they were in); their files stay in ``content/``,
and their slugs stay in the registry, so that nothing else takes their URLs and a longer
retention brings them back at the same addresses.  The newest article, not the clock, is
the reference: a digest that stops updating keeps what it has, and the same content always
builds the same site.  Undated articles and articles pinned to an event stay.

``languages`` (a list of language tags, empty for all) keeps only the articles in those
languages (``pt`` takes ``pt-BR`` too); an article whose language is not known stays.  The
others leave the built site the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from sitegen.config import Config
from sitegen.dates import iso_day
from sitegen.languages import primary
from sitegen.model import Article


def retained(articles: Sequence[Article], days: int) -> list[Article]:
    """The articles a build with ``retention.days: days`` keeps (0: all of them)."""
    if days <= 0:
        return list(articles)
    dated = [d for a in articles if (d := iso_day(a.date))]
    if not dated:
        return list(articles)
    oldest = max(dated) - timedelta(days=days)
    return [a for a in articles if a.event or (d := iso_day(a.date)) is None or d >= oldest]


def in_languages(articles: Sequence[Article], languages: Sequence[str]) -> list[Article]:
    """The articles in one of ``languages`` (all of them when it is empty), or of no known
    language; a tag takes its regional forms (``pt``: ``pt-BR``)."""
    if not languages:
        return list(articles)
    wanted = {str(tag).lower() for tag in languages}

    def kept(article: Article) -> bool:
        tag = article.extra.get("language")
        if not isinstance(tag, str) or not tag:
            return True
        return tag.lower() in wanted or primary(tag) in wanted

    return [a for a in articles if kept(a)]


def built_articles(articles: Sequence[Article], config: Config) -> list[Article]:
    """The articles a build with ``config`` holds: in its ``languages``, within its
    ``retention.days``."""
    return retained(in_languages(articles, config["languages"]), int(config["retention.days"]))
