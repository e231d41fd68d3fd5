"""The built site kept in memory, and how a new one is made from the last (pure but for
templates read from disk).

``build_state`` runs the same stages as ``sitegen build`` and reuses what did not
change: the grouping when no grouping input moved, the plan when the index is the
same, and the rendered bytes of every page whose view model and templates are the
same.  The result is a clean build's, byte for byte.

``quick_state`` is the fast path for the most common edit, an article's text: it
re-plans and re-renders that article's page alone, on the grouping of the last
build.  Its result is provisional (``settled`` is false) until ``build_state``
has regrouped and re-planned everything; the two differ only if the edit moved
the article's grouping (or a page other than its own shows its text).
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment

from sitegen.build import site_context
from sitegen.cluster import Registry, cluster
from sitegen.config import Config
from sitegen.digest import Digest, event_digests
from sitegen.model import Article, EventNote, Grouping, ReadError
from sitegen.pipeline.stages import Stages
from sitegen.retention import retained
from sitegen.serve.inputs import Inputs, content_of
from sitegen.site.assets import asset_names, asset_outputs
from sitegen.site.index import SiteIndex, build_index
from sitegen.site.index_files import index_files
from sitegen.site.lists import Pictures, event_pictures
from sitegen.site.plan import Page, Plan, plan_site
from sitegen.site.render import make_env, render


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
    pages: Mapping[str, Page]
    """Every rendered page by output path, with its view model."""
    files: Mapping[str, bytes]
    """Outputs written as they are (``events.json``)."""
    env: Environment
    """The template environment the pages were rendered with."""
    outputs: Mapping[str, bytes]
    """Every output file by path: what ``build/`` holds and what is served."""
    settled: bool
    """True when the state equals a clean build of its inputs; false for a quick, provisional
    one."""


class Grouper:
    """Grouping as ``sitegen build`` does it (:class:`~sitegen.pipeline.stages.Stages`: every
    term count, name list, partition and topic split whose inputs were seen is reused, so an
    edit regroups only its span of time), with a one-entry memory on top, so unchanged
    inputs are not grouped twice."""

    def __init__(self, stages: Stages | None = None) -> None:
        self._stages = stages
        self._key: tuple[object, ...] | None = None
        self._grouping: Grouping | None = None

    def __call__(
        self,
        articles: Sequence[Article],
        config: Config,
        notes: Sequence[EventNote],
        registry: Registry,
    ) -> Grouping:
        key = (tuple(articles), tuple(notes), config, registry)
        if self._grouping is None or self._key != key:
            if self._stages is None:
                self._grouping = cluster(articles, config, notes, registry)
            else:
                self._grouping = self._stages.group(articles, config, notes, registry)
                with contextlib.suppress(OSError):  # a read-only site: the preview goes on
                    self._stages.save()
            self._key = key
        return self._grouping

    def digests(self, index: SiteIndex) -> dict[str, Digest]:
        """Every event's digest, as ``sitegen build`` makes them (kept ones reused)."""
        if self._stages is None:
            return event_digests(index)
        return self._stages.digest(index)

    def pictures(self, index: SiteIndex) -> dict[str, Pictures]:
        """Every event's pictures, as ``sitegen build`` draws them (kept ones reused)."""
        if self._stages is None:
            return event_pictures(index)
        return self._stages.pictures_of(index)


def _render_one(page: Page, env: Environment, site: Mapping[str, Any]) -> bytes:
    """One page, with ``site`` as the templates' ``site`` (``build.site_context``)."""
    return render(Plan((page,), {}), env, site)[page.path]


def build_state(
    site: Path, inputs: Inputs, base: SiteState | None, group: Grouper | None = None
) -> SiteState:
    """A full build of ``inputs``, reusing from ``base`` whatever is provably unchanged."""
    config = inputs.config
    everything, notes, errors = content_of(site, inputs)
    articles = retained(everything, int(config["retention.days"]))
    left_out = sorted({a.id for a in everything} - {a.id for a in articles})
    grouper = group or Grouper()
    grouping = grouper(articles, config, notes, inputs.registry)
    same_config = base is not None and base.inputs.config == config
    # A provisional base is never trusted for its plan: the full plan re-checks the quick one.
    trusted = base is not None and base.settled and same_config
    # The index is a function of the articles, the grouping and the registry's slugs; the
    # slugs it hands out, once written to the registry, hand out the same again.
    same_slugs = (
        base is not None
        and inputs.registry.addresses in (base.inputs.registry.addresses, base.index.addresses)
        and set(left_out) <= base.index.addresses.slugs.get("article", {}).keys()
    )
    if (
        base
        and trusted
        and same_slugs
        and base.articles == tuple(articles)
        and base.grouping == grouping
    ):
        index, pages, files = base.index, dict(base.pages), base.files
    else:
        index = build_index(articles, grouping, inputs.registry.addresses, left_out)
        plan = plan_site(index, config, grouper.digests(index), grouper.pictures(index))
        pages, files = {p.path: p for p in plan.pages}, {**index_files(index, config), **plan.files}
    assets = asset_names(inputs.static)
    site_vars = site_context(config, assets)
    same_look = (
        base is not None
        and same_config
        and base.inputs.templates == inputs.templates
        and base.inputs.chain == inputs.chain
        and asset_names(base.inputs.static) == assets  # pages name the assets' fingerprints
    )
    env = base.env if base is not None and same_look else make_env(site, list(inputs.chain))
    outputs: dict[str, bytes] = dict(files)
    for path, page in pages.items():
        old = base.pages.get(path) if base is not None and same_look else None
        if (
            old is not None
            and base is not None
            and (old is page or (old.template == page.template and old.context == page.context))
        ):
            outputs[path] = base.outputs[path]
        else:
            outputs[path] = _render_one(page, env, site_vars)
    outputs.update(asset_outputs(inputs.static, config))
    return SiteState(
        inputs, tuple(articles), tuple(errors), grouping, index, pages, files, env, outputs, True
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
    articles = retained(articles, int(inputs.config["retention.days"]))
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
    pages = dict(base.pages)
    old_assets = asset_outputs(base.inputs.static, base.inputs.config)
    outputs = {k: v for k, v in base.outputs.items() if k not in old_assets}
    if edited:
        near = around(index, edited)
        plan = plan_site(near, inputs.config, event_digests(near), event_pictures(near))
        part = {p.path: p for p in plan.pages}
        for aid in edited:
            page = part.get(_page_path(index.url_for("article", aid)))
            if page is None or page.path not in pages:
                return None
            pages[page.path] = page
            site_vars = site_context(inputs.config, assets)
            outputs[page.path] = _render_one(page, base.env, site_vars)
    outputs.update(asset_outputs(inputs.static, inputs.config))
    return dataclasses.replace(
        base,
        inputs=inputs,
        articles=tuple(articles),
        errors=tuple(errors),
        index=index,
        pages=pages,
        outputs=outputs,
        settled=base.settled and not edited,
    )
