"""``render_parts``: the pages of a plan rendered on workers, byte-identical to one process.

Rendering is pure (view model + templates -> bytes), so the pages are dealt out to
workers (:mod:`sitegen.workers`; forked ones inherit the plan and the Jinja environment
rather than receiving them through a pipe), and each sends back only its pages' bytes.
The pages come back part by part as the workers finish them, so that the build writes
while they render.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any

from jinja2 import Environment

from sitegen.site.plan import Plan
from sitegen.site.render import render_page
from sitegen.workers import IN_PROCESS, Workers


def render_parts(
    plan: Plan, env: Environment, site_context: Mapping[str, Any], workers: Workers = IN_PROCESS
) -> Iterator[dict[str, bytes]]:
    """The plan's pages rendered (not its files), part after part in the plan's order: on
    ``workers`` while the caller writes the parts already done."""
    pages = plan.pages
    one = partial(render_page, env=env, site_context=site_context)
    start = 0
    for rendered in workers.chunks("pages", one, pages):
        done = pages[start : start + len(rendered)]
        yield {p.path: data for p, data in zip(done, rendered, strict=True)}
        start += len(rendered)
