"""The built site kept in memory, and how a new one is made from the last (pure but for
templates read from disk).

``build_state`` runs the stages of ``sitegen build`` through the same function
(:func:`~sitegen.pipeline.site.make_site`) and the same kept
:class:`~sitegen.pipeline.stages.Stages`, and decides which pages to render again the
same way (:class:`~sitegen.pipeline.pages.PageMemory`: a page whose fingerprint is that of
the bytes held is not rendered).  Only the edges differ: the content comes from the watched
snapshot, and the pages are held in memory with their fingerprints instead of in
``build/``.  The result is a clean build's, byte for byte.

``quick_state`` is a preview ahead of that build, for the most common edit, an article's
text: it re-plans and re-renders that article's page alone, on the grouping of the last
build.  Its result is provisional (``settled`` is false) until ``build_state`` has run;
the two differ only if the edit moved the article's grouping (or a page other than its own
shows its text).  It decides nothing for the build: the pages it rendered are held with
their fingerprints, and the build keeps those whose view model it plans the same.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment

from sitegen.build import site_context
from sitegen.digest import event_digests
from sitegen.model import Article, Grouping, ReadError
from sitegen.pipeline.pages import PageMemory, fingerprint
from sitegen.pipeline.site import Sources, make_site
from sitegen.pipeline.stages import Stages
from sitegen.retention import built_articles
from sitegen.serve.inputs import Inputs, content_of
from sitegen.site.assets import asset_names, asset_outputs
from sitegen.site.catalogue import Words, site_words
from sitegen.site.index import SiteIndex
from sitegen.site.lists import event_pictures
from sitegen.site.plan import Page, Plan, plan_site
from sitegen.site.render import make_env, render
from sitegen.site.theme import look_folders
from sitegen.updates import update_stamp
from sitegen.uptodate import look_digest


@dataclass(frozen=True, slots=True)
class SiteState:
    """A whole built site and what it was built from."""

    inputs: Inputs
    """The snapshot it was built from."""
    articles: tuple[Article, ...]
    """The articles it holds, in load order."""
    errors: tuple[ReadError, ...]
    """Content files that failed to load (shown, not fatal)."""
    grouping: Grouping
    """Events, copies, storylines and redirects."""
    index: SiteIndex
    """Lookups and URLs."""
    env: Environment
    """The template environment the pages were rendered with."""
    words: Words
    """The site's language (its catalogues as they were read)."""
    look: str
    """What every page's look depends on besides its view model
    (:func:`~sitegen.uptodate.look_digest`)."""
    prints: Mapping[str, str]
    """Output path -> the fingerprint of the page whose bytes ``outputs`` holds there."""
    outputs: Mapping[str, bytes]
    """Every output file by path: what ``build/`` holds and what is served."""
    settled: bool
    """True when the state equals a clean build of its inputs; false for a quick, provisional
    one."""


def _render_one(page: Page, env: Environment, site: Mapping[str, Any]) -> bytes:
    """One page, with ``site`` as the templates' ``site`` (``build.site_context``)."""
    return render(Plan((page,), {}), env, site)[page.path]


def _look(site: Path, inputs: Inputs) -> str:
    return look_digest(inputs.config, [*look_folders(site), *inputs.chain])


def build_state(site: Path, inputs: Inputs, base: SiteState | None, stages: Stages) -> SiteState:
    """A full build of ``inputs`` through ``stages``, reusing from ``base`` every page whose
    bytes it holds as they would render."""
    config = inputs.config
    everything, notes, errors = content_of(site, inputs)
    words, unreadable = site_words(site, inputs.chain, str(config["language"]), None)
    errors += unreadable
    sources = Sources(
        config, everything, notes, inputs.registry, inputs.static, update_stamp(), words
    )
    made = make_site(sources, stages)
    look = _look(site, inputs)
    same_look = base is not None and base.look == look
    env = (
        base.env
        if base is not None and same_look
        else make_env(site, list(inputs.chain), made.bodies, words)
    )
    memory = PageMemory(look, (base.prints if base is not None and same_look else {}).get)
    same = memory.unchanged(made.plan.pages)
    site_vars = site_context(config, asset_names(inputs.static))
    outputs: dict[str, bytes] = dict(made.files)
    for page in made.plan.pages:
        if base is not None and page.path in same:
            outputs[page.path] = base.outputs[page.path]
        else:
            outputs[page.path] = _render_one(page, env, site_vars)
    return SiteState(
        inputs,
        made.articles,
        tuple(errors),
        made.grouping,
        made.index,
        env,
        words,
        look,
        memory.prints,
        outputs,
        True,
    )


def _outline(article: Article) -> Article:
    """The article without what only its own page shows (its text, credits and the like)."""
    return dataclasses.replace(article, body="", credits=(), captions=(), extra={})


def _page_path(url: str) -> str:
    return url.strip("/") + "/index.html"


def around(index: SiteIndex, article_ids: Collection[str]) -> SiteIndex:
    """The part of ``index`` that the pages of ``article_ids`` read: their events, those
    events' storylines, and every event and article in those."""
    wanted = {index.event_of[a] for a in article_ids}
    for eid in list(wanted):
        story = index.events[eid].storyline
        if story:
            wanted.update(index.storylines[story].event_ids)
    events = {eid: e for eid, e in index.events.items() if eid in wanted}
    members = {a for e in events.values() for a in e.article_ids}
    articles = {aid: a for aid, a in index.articles.items() if aid in members}
    names = {a.source for a in articles.values()}
    return SiteIndex(
        articles=articles,
        events=events,
        storylines={
            sid: s for sid, s in index.storylines.items() if set(s.event_ids) <= events.keys()
        },
        event_of={aid: index.event_of[aid] for aid in articles},
        duplicate_of={aid: d for aid, d in index.duplicate_of.items() if aid in articles},
        sources={n: slug for n, slug in index.sources.items() if n in names},
        redirects={},
        moved={},
        addresses=index.addresses,
        urls=index.urls,
        event_sections={e: s for e, s in index.event_sections.items() if e in events},
        seen=index.seen,
    )


def _same_except_articles_and_static(a: Inputs, b: Inputs) -> bool:
    return (
        a.config == b.config
        and a.chain == b.chain
        and a.templates == b.templates
        and a.notes == b.notes
        and a.registry == b.registry
        and a.registry_error == b.registry_error
    )


def quick_state(site: Path, base: SiteState, inputs: Inputs) -> SiteState | None:
    """``base`` with edited article texts and static files swapped in, or None when the
    change needs a full build (new, removed or retitled articles, notes, templates...).

    Only the edited articles' pages are planned (with the public ``plan_site``, on the
    part of the index they read) and rendered.
    """
    if not _same_except_articles_and_static(base.inputs, inputs):
        return None
    assets = asset_names(inputs.static)
    if asset_names(base.inputs.static) != assets:
        return None  # a new stylesheet or script: every page names its new fingerprint
    articles, _, errors = content_of(site, inputs)
    articles = built_articles(articles, inputs.config)
    if [a.id for a in articles] != [a.id for a in base.articles]:
        return None
    edited = {
        new.id: new
        for old, new in zip(base.articles, articles, strict=True)
        if old is not new and old != new
    }
    if any(_outline(new) != _outline(base.index.articles[aid]) for aid, new in edited.items()):
        return None
    index = dataclasses.replace(base.index, articles={**base.index.articles, **edited})
    prints = dict(base.prints)
    old_assets = asset_outputs(base.inputs.static, base.inputs.config)
    outputs = {k: v for k, v in base.outputs.items() if k not in old_assets}
    if edited:
        near = around(index, edited)
        words = base.words
        plan = plan_site(
            near, inputs.config, event_digests(near), event_pictures(near, words), words
        )
        part = {p.path: p for p in plan.pages}
        for aid in edited:
            page = part.get(_page_path(index.url_for("article", aid)))
            if page is None or page.path not in prints:
                return None
            prints[page.path] = fingerprint(page, base.look)
            site_vars = site_context(inputs.config, assets)
            outputs[page.path] = _render_one(page, base.env, site_vars)
    outputs.update(asset_outputs(inputs.static, inputs.config))
    return dataclasses.replace(
        base,
        inputs=inputs,
        articles=tuple(articles),
        errors=tuple(errors),
        index=index,
        prints=prints,
        outputs=outputs,
        settled=base.settled and not edited,
    )
