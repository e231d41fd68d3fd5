"""``build_site``: the no-change check, then the build's stages (:mod:`sitegen.pipeline.run`)."""

from __future__ import annotations

import dataclasses
import gc
import math
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sitegen.cache import StageCache, clear_caches
from sitegen.config import Config, check_base_url
from sitegen.lock import site_lock
from sitegen.model import ReadError
from sitegen.site.assets import ASSET_PREFIX as ASSET_PREFIX
from sitegen.site.assets import AssetUrl
from sitegen.site.index import LISTS
from sitegen.site.output import WriteResult
from sitegen.site.theme import look_folders, theme_chain
from sitegen.uptodate import (
    ContentHashes,
    content_hashes,
    hashes_cache,
    inputs_digest,
    stamp_cache,
    up_to_date,
    with_registry,
)

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
        return _build(site, config, clean, jobs, say)


@dataclass(frozen=True, slots=True)
class Started:
    """What the no-change check of a build read, which the stages go on from."""

    stamps: StageCache
    """The stamp cache (the build records itself there)."""
    inputs: str
    """The digest of the build's inputs (:func:`~sitegen.uptodate.inputs_digest`)."""
    hashes: ContentHashes
    """The content files' hashes, which the article reader looks files up by."""
    themes: list[Path]
    """The theme chain, nearest first."""


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


def _build(
    site: Path, config: Config, clean: bool, jobs: int, say: Callable[[str], None] | None
) -> BuildReport:
    """The no-change check, then the stages when there is work (imported only then: a site
    that is up to date costs what the check reads, not what the stages import)."""
    build = site / BUILD_DIR
    themes = theme_chain(site, str(config["theme"]))
    if clean:
        clear_caches(site)
    stamps = stamp_cache(site, warn=say)
    hashes = content_hashes(site, hashes_cache(site, warn=say))
    inputs = inputs_digest(config, hashes, [*look_folders(site), *themes])
    last = None if clean else up_to_date(stamps, with_registry(site, inputs), build)
    if last is not None:
        a, e, s, d = (int(n) for n in last["report"])
        return BuildReport(a, e, s, d, (), WriteResult((), len(last["manifest"]), ()))
    from sitegen.pipeline.run import run_stages

    return run_stages(site, config, clean, jobs, say, Started(stamps, inputs, hashes, themes))
