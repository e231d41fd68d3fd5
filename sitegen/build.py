"""``build_site``: the build stages wired together, I/O only at the two ends."""

from __future__ import annotations

import dataclasses
import gc
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import chain
from pathlib import Path

from jinja2 import TemplateError

from sitegen.cache import StageCache, clear_caches, content_key
from sitegen.cluster import Registry
from sitegen.config import Config, check_base_url
from sitegen.loader import load_content
from sitegen.lock import site_lock
from sitegen.model import ReadError
from sitegen.pipeline.articles import cached_reader
from sitegen.pipeline.pages import PAGES_VERSION, PageMemory
from sitegen.pipeline.stages import Stages
from sitegen.registry import REGISTRY, RegistryError, load_registry, save_registry
from sitegen.retention import retained
from sitegen.site.assets import ASSET_PREFIX as ASSET_PREFIX
from sitegen.site.assets import AssetUrl, asset_names, asset_outputs
from sitegen.site.index import LISTS, build_index
from sitegen.site.index_files import index_files
from sitegen.site.output import WriteResult, list_outputs, write_parts
from sitegen.site.parallel import render_parts
from sitegen.site.plan import Plan, plan_site
from sitegen.site.render import make_env, markdown_html
from sitegen.site.template_errors import failure
from sitegen.site.theme import static_sources, theme_chain
from sitegen.uptodate import (
    content_hashes,
    inputs_digest,
    look_digest,
    record,
    stamp_cache,
    up_to_date,
    with_registry,
)
from sitegen.workers import IN_PROCESS, Workers, workers_for

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
    check_base_url(base_url)
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
    lock_wait: float = math.inf,
) -> BuildReport:
    """Load content, group it, render every page (on up to ``jobs`` processes) and write
    ``build/``.

    A template that fails raises :class:`TemplateFailure` naming its file and line.
    Holds the site's write lock throughout: a second build waits for the first
    (saying so through ``say``; up to ``lock_wait`` seconds, then :class:`LockBusy`)
    instead of interleaving with it.
    """
    with site_lock(site, "build", lock_wait, say=say), _long_lived():
        try:
            return _build(site, config, clean, jobs, say)
        except TemplateError as exc:  # a broken template: its file and line, no traceback
            raise failure(site, exc) from exc


@contextmanager
def _long_lived() -> Iterator[None]:
    """Let the build mark what it has made so far as long-lived (``gc.freeze``), and give
    it back to the garbage collector when the build ends.

    The stages' results (articles, grouping, plan) live until the build is over.  A big
    site is millions of objects, and each full collection would walk them all again (and
    in a forked worker, copy every page of memory it walks).  A caller that froze objects
    of its own (the live preview) keeps them frozen.
    """
    frozen = gc.get_freeze_count()
    try:
        yield
    finally:
        if not frozen:
            gc.unfreeze()


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


def _build(
    site: Path, config: Config, clean: bool, jobs: int, say: Callable[[str], None] | None
) -> BuildReport:
    build = site / BUILD_DIR
    themes = theme_chain(site, str(config["theme"]))
    if clean:
        clear_caches(site)
    stamps = stamp_cache(site, warn=say)
    hashes = content_hashes(site)
    inputs = inputs_digest(config, hashes, [site / "templates", site / "static", *themes])
    last = None if clean else up_to_date(stamps, with_registry(site, inputs), build)
    if last is not None:
        a, e, s, d = (int(n) for n in last["report"])
        return BuildReport(a, e, s, d, (), WriteResult((), len(last["manifest"]), ()))
    workers = workers_for(jobs)
    listed_outputs = workers.start("listing", list_outputs, [build])  # meanwhile
    stages = Stages(site, warn=say)
    everything, notes, errors = load_content(
        site, workers, cached_reader(site, stages.articles, hashes)
    )
    articles = retained(everything, int(config["retention.days"]))
    left_out = sorted({a.id for a in everything} - {a.id for a in articles})
    gc.freeze()
    try:
        previous = load_registry(site)
    except RegistryError as exc:
        errors.append(ReadError(site / REGISTRY, str(exc)))
        previous = Registry()
    markdown = begin_markdown(stages.markdown, [a.body for a in articles], workers)  # meanwhile
    grouping = stages.group(articles, config, notes, previous, workers)
    bodies = markdown()
    gc.freeze()
    index = build_index(articles, grouping, previous.addresses, left_out)
    listed = workers.start("index files", partial(index_files, config=config), [index])
    digests = stages.digest(index, workers)
    pictures = stages.pictures_of(index)
    stages.save()
    del stages  # what it kept is on disk now
    plan = plan_site(index, config, digests, pictures)
    gc.freeze()
    env = make_env(site, themes, bodies)
    sources, refused = static_sources(site, themes)
    static = {ASSET_PREFIX + rel: src.read_bytes() for rel, src in sources.items()}
    errors += [ReadError(path, problem) for path, problem in refused]
    files = {**listed.get()[0], **plan.files, **asset_outputs(static, config)}
    look = look_digest(config, [site / "templates", site / "static", *themes])
    memory = PageMemory(StageCache(site, "pages", PAGES_VERSION, warn=say), build, look)
    listing = listed_outputs.get()[0]
    same = memory.unchanged(plan.pages, listing.current)  # (after --clean, none: no cache)
    changed = Plan(tuple(p for p in plan.pages if p.path not in same), plan.files)
    pages = render_parts(changed, env, site_context(config, asset_names(static)), workers)
    result = write_parts(chain([files], pages), build, clean, keep=same, listing=listing)
    memory.remember(result.files)
    save_registry(site, grouping, index.addresses)
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
        record(stamps, with_registry(site, inputs), build, counts, result.files)
    return report
