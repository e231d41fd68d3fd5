"""``run_stages``: a build's stages wired together, I/O only at the two ends (content and
caches read first, ``build/`` and the registry written last)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from itertools import chain
from pathlib import Path

from jinja2 import TemplateError

from sitegen.build import BUILD_DIR, BuildReport, Started, site_context
from sitegen.cache import StageCache, content_key
from sitegen.cluster import Registry
from sitegen.config import Config
from sitegen.loader import load_content
from sitegen.model import ReadError
from sitegen.pipeline.articles import cached_reader
from sitegen.pipeline.pages import PAGES_VERSION, PageMemory
from sitegen.pipeline.stages import Stages
from sitegen.registry import REGISTRY, RegistryError, load_registry, save_registry
from sitegen.retention import retained
from sitegen.site.assets import ASSET_PREFIX, asset_names, asset_outputs
from sitegen.site.index import build_index
from sitegen.site.index_files import index_files
from sitegen.site.output import list_outputs, write_parts
from sitegen.site.parallel import render_parts
from sitegen.site.plan import Plan, plan_site
from sitegen.site.render import make_env, markdown_html
from sitegen.site.template_errors import failure
from sitegen.site.theme import static_sources
from sitegen.uptodate import look_digest, record, with_registry
from sitegen.workers import IN_PROCESS, Workers, workers_for


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
