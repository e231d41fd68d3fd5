"""``make_site``: the stages from loaded content to planned pages, the one path that
``sitegen build`` (:mod:`sitegen.pipeline.run`) and ``sitegen serve``
(:mod:`sitegen.serve.state`) both take.

The two commands differ only at the edges: a build reads ``content/`` from disk and
writes ``build/``; the preview reads its watched snapshot and serves from memory.  Between
those edges, what is grouped, digested, drawn and planned again, and which pages are
rendered again (:class:`~sitegen.pipeline.pages.PageMemory`), is decided here, by the same
kept :class:`~sitegen.pipeline.stages.Stages`, for both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial

from sitegen.cache import StageCache, content_key
from sitegen.cluster import Registry
from sitegen.config import Config
from sitegen.model import Article, EventNote, Grouping
from sitegen.pipeline.stages import Stages
from sitegen.retention import built_articles
from sitegen.sections import sections_from
from sitegen.site.assets import asset_outputs
from sitegen.site.catalogue import ENGLISH, Words
from sitegen.site.index import SiteIndex, build_index
from sitegen.site.index_files import index_files
from sitegen.site.plan import Plan, plan_site
from sitegen.site.render import markdown_html
from sitegen.updates import EARLIER, seen_in
from sitegen.workers import IN_PROCESS, Workers


@dataclass(frozen=True, slots=True)
class Sources:
    """Everything the stages read, however it was read."""

    config: Config
    """The validated ``sitegen.yaml``."""
    articles: Sequence[Article]
    """Every article loaded from ``content/articles`` (retention is applied here)."""
    notes: Sequence[EventNote]
    """The event notes of ``content/events``."""
    registry: Registry
    """The last build's event ids and slugs."""
    static: Mapping[str, bytes]
    """Static files by output path (``assets/style.css``)."""
    now: str = EARLIER
    """This update's time (:func:`~sitegen.updates.update_stamp`): the first update of every
    article the registry has not seen."""
    words: Words = ENGLISH
    """The site's language: the words of its pictures, months and theme."""


@dataclass(frozen=True, slots=True)
class Made:
    """The site as planned: everything but the rendered pages."""

    articles: tuple[Article, ...]
    """The articles the site holds (retention applied), in load order."""
    grouping: Grouping
    """Events, copies, storylines and redirects."""
    index: SiteIndex
    """Lookups and URLs."""
    plan: Plan
    """Every page with its view model, and the files that come from the pages."""
    files: dict[str, bytes]
    """Every output that is not a rendered page: index files, the plan's files, assets."""
    bodies: dict[str, str]
    """Each article's Markdown text -> its HTML, for the templates' ``markdown`` filter."""


def begin_markdown(
    cache: StageCache, texts: Sequence[str], workers: Workers = IN_PROCESS
) -> Callable[[], dict[str, str]]:
    """Text -> HTML for every Markdown text, from ``cache`` or rendered: on ``workers`` in
    the background while the caller goes on.  Call the result to wait for them."""
    keys = {text: content_key(text) for text in texts}
    html: dict[str, str] = {}
    for text, key in keys.items():
        found = cache.get(key, lambda v: isinstance(v, str))
        if isinstance(found, str):
            html[text] = found
    misses = [text for text in keys if text not in html]
    pending = workers.start("markdown", markdown_html, misses)

    def finish() -> dict[str, str]:
        for text, rendered in zip(misses, pending.get(), strict=True):
            cache.put(keys[text], rendered)
            html[text] = rendered
        return html

    return finish


def make_site(
    sources: Sources,
    stages: Stages,
    workers: Workers = IN_PROCESS,
    frozen: Callable[[], None] = lambda: None,
) -> Made:
    """Group, index, digest, draw and plan ``sources``, each stage reusing what ``stages``
    kept of the content it reads; then save the stages.  ``frozen`` is called after each
    large stage (a build marks what it made so far as long-lived there, ``gc.freeze``)."""
    config = sources.config
    everything = sources.articles
    articles = built_articles(everything, config)
    left_out = sorted({a.id for a in everything} - {a.id for a in articles})
    markdown = begin_markdown(stages.markdown, [a.body for a in articles], workers)  # meanwhile
    grouping = stages.group(articles, config, sources.notes, sources.registry, workers)
    bodies = markdown()
    frozen()
    filed = sections_from(config["sections"])
    seen = seen_in([a.id for a in everything], sources.registry, sources.now)
    index = build_index(articles, grouping, sources.registry.addresses, left_out, filed, seen)
    shown = {name: sources.words.gettext(name) for name in index.sections}
    listed = workers.start("index files", partial(index_files, config=config, shown=shown), [index])
    digests = stages.digest(index, workers)
    pictures = stages.pictures_of(index, sources.words)
    stages.save()
    plan = plan_site(index, config, digests, pictures, sources.words)
    frozen()
    files = {**listed.get()[0], **plan.files, **asset_outputs(sources.static, config)}
    return Made(tuple(articles), grouping, index, plan, files, bodies)
