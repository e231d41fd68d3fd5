"""``build_site``: the build stages wired together, I/O only at the two ends."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sitegen.cluster import Registry, cluster
from sitegen.config import Config
from sitegen.content import load_content
from sitegen.lock import site_lock
from sitegen.model import ReadError
from sitegen.registry import REGISTRY, RegistryError, load_registry, save_registry
from sitegen.site.index import build_index
from sitegen.site.output import WriteResult, write_site
from sitegen.site.plan import plan_site
from sitegen.site.render import make_env, render
from sitegen.site.theme import static_files, theme_chain

BUILD_DIR = "build"
ASSET_PREFIX = "assets/"


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


def site_context(config: Config) -> dict[str, object]:
    """The ``site`` variable every template sees (the same as ``build_site`` passes)."""
    return {
        "title": config["title"],
        "description": config["description"],
        "language": config["language"],
        "base_path": config.base_path,
        "base_url": config["base_url"],
        "assets": config.base_path + ASSET_PREFIX,
    }


def build_site(
    site: Path, config: Config, clean: bool = False, say: Callable[[str], None] | None = None
) -> BuildReport:
    """Load content, group it, render every page and write ``build/``.

    Holds the site's write lock throughout: a second build waits for the first
    (saying so through ``say``) instead of interleaving with it.
    """
    with site_lock(site, "build", say=say):
        return _build(site, config, clean)


def _build(site: Path, config: Config, clean: bool) -> BuildReport:
    articles, notes, errors = load_content(site)
    try:
        previous = load_registry(site)
    except RegistryError as exc:
        errors.append(ReadError(site / REGISTRY, str(exc)))
        previous = Registry()
    grouping = cluster(articles, config, notes, previous)
    index = build_index(articles, grouping)
    plan = plan_site(index, config)
    chain = theme_chain(site, str(config["theme"]))
    env = make_env(site, chain)
    outputs = render(plan, env, site_context(config))
    for rel, src in static_files(site, chain).items():
        outputs[ASSET_PREFIX + rel] = src.read_bytes()
    result = write_site(outputs, site / BUILD_DIR, clean=clean)
    save_registry(site, grouping)
    return BuildReport(
        len(articles),
        len(grouping.events),
        len(grouping.storylines),
        len(grouping.duplicates),
        tuple(errors),
        result,
    )
