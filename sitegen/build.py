"""``build_site``: the build stages wired together, I/O only at the two ends."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from sitegen.cache import StageCache, clear_caches, content_key
from sitegen.cluster import Registry, cluster
from sitegen.cluster.features import FEATURES_VERSION, Terms, article_terms
from sitegen.config import Config
from sitegen.content import load_content
from sitegen.lock import site_lock
from sitegen.model import Article, ReadError
from sitegen.registry import REGISTRY, RegistryError, load_registry, save_registry
from sitegen.site.assets import ASSET_PREFIX as ASSET_PREFIX
from sitegen.site.assets import AssetUrl, asset_names, asset_outputs
from sitegen.site.index import LISTS, build_index
from sitegen.site.output import WriteResult, write_site
from sitegen.site.parallel import map_texts, render_pages
from sitegen.site.plan import plan_site
from sitegen.site.render import MARKDOWN_VERSION, make_env, markdown_html
from sitegen.site.theme import static_files, theme_chain
from sitegen.uptodate import inputs_digest, record, stamp_cache, up_to_date, with_registry

BUILD_DIR = "build"


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build did."""

    articles: int
    """Articles built."""
    events: int
    """Events found."""
    storylines: int
    """Storylines linked."""
    duplicates: int
    """Articles marked as copies of another report."""
    errors: tuple[ReadError, ...]
    """Content files that could not be loaded (the build went on without them)."""
    write: WriteResult
    """Files written, unchanged and removed."""


def with_base_url(config: Config, base_url: str | None) -> Config:
    """A copy of the config with ``base_url`` replaced (``--base-url``)."""
    if not base_url:
        return config
    values = dict(config.values)
    values["base_url"] = base_url
    return dataclasses.replace(config, values=values)


def site_context(config: Config, assets: Mapping[str, str] | None = None) -> dict[str, object]:
    """The ``site`` variable every template sees (the same as ``build_site`` passes).
    ``assets`` maps static file names to their fingerprinted names (``asset_names``), which
    ``site.asset("style.css")`` returns as hrefs; ``site.lists`` holds the list pages' hrefs."""
    return {
        "title": config["title"],
        "description": config["description"],
        "language": config["language"],
        "base_path": config.base_path,
        "base_url": config["base_url"],
        "assets": config.base_path + ASSET_PREFIX,
        "asset": AssetUrl(config.base_path + ASSET_PREFIX, dict(assets or {})),
        "lists": {name: config.base_path.rstrip("/") + url for name, url in LISTS.items()},
    }


def build_site(
    site: Path,
    config: Config,
    clean: bool = False,
    say: Callable[[str], None] | None = None,
    jobs: int = 1,
) -> BuildReport:
    """Load content, group it, render every page (on up to ``jobs`` processes) and write
    ``build/``.

    Holds the site's write lock throughout: a second build waits for the first
    (saying so through ``say``) instead of interleaving with it.
    """
    with site_lock(site, "build", say=say):
        return _build(site, config, clean, jobs, say)


def cached_terms(cache: StageCache) -> Callable[[Article], Terms]:
    """:func:`article_terms` through ``cache``, keyed by the text it reads."""

    def terms(article: Article) -> Terms:
        generated = "1" if article.title_generated else "0"
        key = content_key(article.title, generated, article.body)
        found = cache.get(key)
        if found is None:
            found = article_terms(article)
            cache.put(key, found)
        return cast(Terms, found)

    return terms


def cached_markdown(cache: StageCache, texts: Sequence[str], jobs: int) -> dict[str, str]:
    """Text -> HTML for every Markdown text, from ``cache`` or rendered (on ``jobs``)."""
    keys = {text: content_key(text) for text in texts}
    html: dict[str, str] = {}
    for text, key in keys.items():
        found = cache.get(key)
        if isinstance(found, str):
            html[text] = found
    misses = [text for text in keys if text not in html]
    for text, rendered in zip(misses, map_texts(markdown_html, misses, jobs), strict=True):
        cache.put(keys[text], rendered)
        html[text] = rendered
    return html


def _build(
    site: Path, config: Config, clean: bool, jobs: int, say: Callable[[str], None] | None
) -> BuildReport:
    build = site / BUILD_DIR
    chain = theme_chain(site, str(config["theme"]))
    if clean:
        clear_caches(site)
    stamps = stamp_cache(site, warn=say)
    inputs = inputs_digest(site, config, [site / "templates", site / "static", *chain])
    last = None if clean else up_to_date(stamps, with_registry(site, inputs), build)
    if last is not None:
        a, e, s, d = (int(n) for n in last["report"])
        return BuildReport(a, e, s, d, (), WriteResult((), len(last["manifest"]), ()))
    articles, notes, errors = load_content(site)
    try:
        previous = load_registry(site)
    except RegistryError as exc:
        errors.append(ReadError(site / REGISTRY, str(exc)))
        previous = Registry()
    features = StageCache(site, "features", FEATURES_VERSION, warn=say)
    grouping = cluster(articles, config, notes, previous, cached_terms(features))
    features.save()
    index = build_index(articles, grouping)
    plan = plan_site(index, config)
    md_cache = StageCache(site, "markdown", MARKDOWN_VERSION, warn=say)
    bodies = cached_markdown(md_cache, [a.body for a in articles], jobs)
    md_cache.save()
    env = make_env(site, chain, bodies)
    static = {
        ASSET_PREFIX + rel: src.read_bytes() for rel, src in static_files(site, chain).items()
    }
    outputs = render_pages(plan, env, site_context(config, asset_names(static)), jobs)
    outputs.update(asset_outputs(static, config))
    result = write_site(outputs, build, clean=clean)
    save_registry(site, grouping)
    report = BuildReport(
        len(articles),
        len(grouping.events),
        len(grouping.storylines),
        len(grouping.duplicates),
        tuple(errors),
        result,
    )
    if not errors:  # a build with errors is redone, so that they are reported again
        counts = [report.articles, report.events, report.storylines, report.duplicates]
        record(stamps, with_registry(site, inputs), build, counts)
    return report
