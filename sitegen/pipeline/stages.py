"""``Stages``: the results a build keeps between runs, shared by ``sitegen build`` and
``sitegen serve`` (one pipeline: the same stages, the same keys, the same reuse).

Each stage's results live in a :class:`~sitegen.cache.StageCache` under a key of exactly
what it read: articles by their file's bytes, term counts and names by an article's text,
grouping by partition and seam (:mod:`sitegen.cluster.partition`) and each event's copies
by its members, digests by an event's coverage and pictures by its dates and outlets.  A build
opens them from ``.sitegen-cache/``, runs, and saves them; the live preview opens them once
and keeps them in memory from one rebuild to the next, saving after each.  What a run did
not use is dropped when it saves, so the caches hold one site's worth of results.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

from sitegen.cache import StageCache, content_key, only
from sitegen.cluster import Registry, cluster
from sitegen.cluster.features import FEATURES_VERSION, Terms, article_terms
from sitegen.config import Config
from sitegen.digest import Digest
from sitegen.model import Article, EventNote, Grouping
from sitegen.pipeline.articles import ARTICLES_VERSION
from sitegen.pipeline.digests import DIGESTS_VERSION, cached_digests
from sitegen.pipeline.grouping import GROUPING_VERSION, CachedStore
from sitegen.pipeline.names import NAMES_VERSION, cached_names
from sitegen.pipeline.pictures import PICTURES_VERSION, cached_pictures
from sitegen.site.catalogue import ENGLISH, Words
from sitegen.site.index import SiteIndex
from sitegen.site.lists import Pictures
from sitegen.site.render import MARKDOWN_VERSION
from sitegen.workers import IN_PROCESS, Workers


def _is_terms(value: object) -> bool:
    """The shape of :data:`~sitegen.cluster.features.Terms`: str -> a finite number
    (checked at C speed: it runs for every article)."""
    if not isinstance(value, dict):
        return False
    weights = value.values()
    return only(value, str) and only(weights, int, float) and all(map(math.isfinite, weights))


def cached_terms(
    cache: StageCache, articles: Sequence[Article], workers: Workers = IN_PROCESS
) -> Callable[[Article], Terms]:
    """:func:`article_terms` of each of ``articles``, from ``cache`` (keyed by the text it
    reads) or computed on ``workers``."""
    found: dict[str, Terms] = {}
    keys: dict[str, str] = {}
    misses: list[Article] = []
    for article in articles:
        generated = "1" if article.title_generated else "0"
        keys[article.id] = key = content_key(article.title, generated, article.body)
        hit = cache.get(key, _is_terms)
        if hit is None:
            misses.append(article)
        else:
            found[article.id] = cast(Terms, hit)
    computed = workers.map("terms", article_terms, misses)
    for article, counts in zip(misses, computed, strict=True):
        cache.put(keys[article.id], counts)
        found[article.id] = counts

    def terms(article: Article) -> Terms:
        return found[article.id]

    return terms


class Stages:
    """The kept stages of one site (see the module)."""

    def __init__(
        self, site: Path, warn: Callable[[str], None] | None = None, keep: bool = False
    ) -> None:
        self.keep = keep
        """Whether the stages stay open after :meth:`save` (the live preview's, from one
        rebuild to the next); a build's are closed, their entries let go."""
        self._last: tuple[tuple[object, ...], Grouping] | None = None
        self.articles = StageCache(site, "articles", ARTICLES_VERSION, warn=warn)
        self.features = StageCache(site, "features", FEATURES_VERSION, warn=warn)
        self.names = StageCache(site, "names", NAMES_VERSION, warn=warn)
        self.grouping = StageCache(site, "grouping", GROUPING_VERSION, warn=warn)
        self.markdown = StageCache(site, "markdown", MARKDOWN_VERSION, warn=warn)
        self.digests = StageCache(site, "digests", DIGESTS_VERSION, warn=warn)
        self.pictures = StageCache(site, "pictures", PICTURES_VERSION, warn=warn)

    def group(
        self,
        articles: Sequence[Article],
        config: Config,
        notes: Sequence[EventNote],
        registry: Registry,
        workers: Workers = IN_PROCESS,
    ) -> Grouping:
        """:func:`~sitegen.cluster.cluster`, reusing every term count, name list, partition,
        seam and topic split whose inputs a run has seen (the same result as without); and,
        for stages kept open, the last grouping whole when its inputs are the same."""
        key = (tuple(articles), tuple(notes), config, registry)
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        terms = cached_terms(self.features, articles, workers)
        grouping = cluster(
            articles,
            config,
            notes,
            registry,
            terms,
            workers,
            cached_names(self.names),
            CachedStore(self.grouping),
        )
        if self.keep:
            self._last = (key, grouping)
        return grouping

    def save(self) -> None:
        """Write what this run used and added; the next run starts from it.  Stages that
        are not kept open let their entries go (a build's plan and pages need the memory)."""
        for cache in (
            self.articles,
            self.features,
            self.names,
            self.grouping,
            self.markdown,
            self.digests,
            self.pictures,
        ):
            try:
                cache.save()
            except OSError:
                if not self.keep:
                    raise
                # the preview of a read-only site goes on, its caches kept in memory only
            if not self.keep:
                cache.close()

    def digest(self, index: SiteIndex, workers: Workers = IN_PROCESS) -> dict[str, Digest]:
        """Every event's digest, each one whose coverage a run has seen reused."""
        return cached_digests(index, self.digests, workers)

    def pictures_of(self, index: SiteIndex, words: Words = ENGLISH) -> dict[str, Pictures]:
        """Every event's pictures in the site's language, each one whose data (and words)
        a run has seen reused."""
        return cached_pictures(index, self.pictures, words)
