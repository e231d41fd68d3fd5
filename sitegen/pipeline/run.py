"""``run_stages``: a build's stages wired together, I/O only at the two ends (content and
caches read first, ``build/`` and the registry written last)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path

from jinja2 import TemplateError

from sitegen.build import BUILD_DIR, BuildReport, Started, site_context
from sitegen.cache import StageCache
from sitegen.cluster import Registry
from sitegen.config import Config
from sitegen.loader import load_content
from sitegen.model import ReadError
from sitegen.pipeline.articles import cached_reader
from sitegen.pipeline.pages import PAGES_VERSION, PageMemory, built_pages, remember_pages
from sitegen.pipeline.site import Sources, make_site
from sitegen.pipeline.stages import Stages
from sitegen.registry import REGISTRY, RegistryError, load_registry, save_registry
from sitegen.site.assets import ASSET_PREFIX, asset_names
from sitegen.site.catalogue import site_words
from sitegen.site.output import list_outputs, write_parts
from sitegen.site.parallel import render_parts
from sitegen.site.plan import Plan
from sitegen.site.render import make_env
from sitegen.site.template_errors import failure
from sitegen.site.theme import look_folders, static_sources
from sitegen.updates import update_stamp
from sitegen.uptodate import look_digest, record, with_registry
from sitegen.workers import workers_for


@contextmanager
def _template_failures(site: Path) -> Iterator[None]:
    """A broken template as its file and line (:class:`TemplateFailure`), no traceback."""
    try:
        yield
    except TemplateError as exc:
        raise failure(site, exc) from exc


def run_stages(
    site: Path,
    config: Config,
    clean: bool,
    jobs: int,
    say: Callable[[str], None] | None,
    started: Started,
) -> BuildReport:
    """Every stage of a build that the no-change check found work for (``started`` is what
    the check read).  A template that fails raises :class:`TemplateFailure` naming its file
    and line."""
    with _template_failures(site):
        build = site / BUILD_DIR
        stamps, inputs, hashes, themes = (
            started.stamps,
            started.inputs,
            started.hashes,
            started.themes,
        )
        workers = workers_for(jobs)
        listed_outputs = workers.start("listing", list_outputs, [build])  # meanwhile
        stages = Stages(site, warn=say)
        everything, notes, errors = load_content(
            site, workers, cached_reader(site, stages.articles, hashes)
        )
        gc.freeze()
        try:
            previous = load_registry(site)
        except RegistryError as exc:
            errors.append(ReadError(site / REGISTRY, str(exc)))
            previous = Registry()
        sources, refused = static_sources(site, themes)
        static = {ASSET_PREFIX + rel: src.read_bytes() for rel, src in sources.items()}
        errors += [ReadError(path, problem) for path, problem in refused]
        words, unreadable = site_words(site, themes, str(config["language"]), say)
        errors += unreadable
        made = make_site(
            Sources(config, everything, notes, previous, static, update_stamp(), words),
            stages,
            workers,
            gc.freeze,
        )
        env = make_env(site, themes, made.bodies, words)
        look = look_digest(config, [*look_folders(site), *themes])
        pages_cache = StageCache(site, "pages", PAGES_VERSION, warn=say)
        listing = listed_outputs.get()[0]
        memory = PageMemory(look, built_pages(pages_cache, listing.current))
        same = memory.unchanged(made.plan.pages)  # (after --clean, none: no cache)
        changed = Plan(tuple(p for p in made.plan.pages if p.path not in same), made.plan.files)
        pages = render_parts(changed, env, site_context(config, asset_names(static)), workers)
        result = write_parts(chain([made.files], pages), build, clean, keep=same, listing=listing)
        remember_pages(pages_cache, memory.prints, build, result.files)
        grouping = made.grouping
        save_registry(site, grouping, made.index.addresses, made.index.seen)
        report = BuildReport(
            len(made.articles),
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
