"""``render_parts``: the pages of a plan rendered on several cores, byte-identical to one.

Rendering is pure (view model + templates -> bytes), so the pages are dealt out
to forked worker processes (:mod:`sitegen.site.workers`), which inherit the plan
and the Jinja environment rather than receiving them through a pipe; each sends
back only its pages' bytes.  The pages come back part by part as the workers
finish them, so that the build writes while they render.  One job, or a platform
without ``fork``, renders in-process.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from jinja2 import Environment

from sitegen.site.plan import Page, Plan
from sitegen.site.render import render_page
from sitegen.site.workers import default_jobs as default_jobs
from sitegen.site.workers import fork_chunks

MIN_PAGES_PER_JOB = 400
"""Below this many pages per process, starting a worker costs more than it saves."""
PAGES_PER_PART = 64
"""Pages a worker renders and sends back at a time."""


def render_parts(
    plan: Plan, env: Environment, site_context: Mapping[str, Any], jobs: int = 1
) -> Iterator[dict[str, bytes]]:
    """The plan's pages rendered (not its files), part after part in the plan's order: on up
    to ``jobs`` forked workers while the caller writes the parts already done."""
    pages = plan.pages
    workers = min(jobs, max(1, len(pages) // MIN_PAGES_PER_JOB)) if jobs > 1 else 0

    def one(page: Page) -> bytes:
        return render_page(page, env, site_context)

    start = 0
    for rendered in fork_chunks(one, pages, workers, PAGES_PER_PART):
        done = pages[start : start + len(rendered)]
        yield {p.path: data for p, data in zip(done, rendered, strict=True)}
        start += len(rendered)
