"""``render_pages``: the pages of a plan rendered on several cores, byte-identical to one.

Rendering is pure (view model + templates -> bytes), so the pages are dealt out
to forked worker processes, which inherit the plan and the Jinja environment
rather than receiving them through a pipe; each sends back only its pages'
bytes.  ``map_texts`` does the same for any text -> text function (Markdown).
Small plans, one job, or a platform without ``fork`` render in-process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from jinja2 import Environment

from sitegen.site.plan import Plan
from sitegen.site.render import render

MIN_PAGES_PER_JOB = 400
"""Below this many pages per worker, starting workers costs more than it saves."""

_job: tuple[Plan, Environment, Mapping[str, Any], int] | None = None
"""What the forked workers render: set just before the fork, cleared after."""
_map_job: tuple[Callable[[str], str], Sequence[str], int] | None = None


def default_jobs() -> int:
    """Worker processes a build uses unless told (``--jobs``): the usable cores, up to 8."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def map_texts(
    func: Callable[[str], str], texts: Sequence[str], jobs: int, min_per_job: int = 200
) -> list[str]:
    """``[func(t) for t in texts]``, on up to ``jobs`` forked processes when there are many."""
    jobs = min(jobs, len(texts) // min_per_job)
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [func(t) for t in texts]
    global _map_job
    _map_job = (func, texts, jobs)
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            parts = pool.map(_map_share, range(jobs))
    finally:
        _map_job = None
    out: list[str] = [""] * len(texts)
    for share, part in enumerate(parts):
        out[share::jobs] = part
    return out


def _map_share(share: int) -> list[str]:
    """In a worker: ``func`` of every ``jobs``-th text, starting at ``share``."""
    assert _map_job is not None, "map_texts sets the job before forking"
    func, texts, jobs = _map_job
    return [func(t) for t in texts[share::jobs]]


def render_pages(
    plan: Plan, env: Environment, site_context: Mapping[str, Any], jobs: int = 1
) -> dict[str, bytes]:
    """Render every page of ``plan`` with up to ``jobs`` processes; output as :func:`render`."""
    jobs = min(jobs, len(plan.pages) // MIN_PAGES_PER_JOB)
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return render(plan, env, site_context)
    global _job
    _job = (plan, env, site_context, jobs)
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            parts = pool.map(_render_share, range(jobs))
    finally:
        _job = None
    out: dict[str, bytes] = dict(plan.files)
    by_path = {path: data for part in parts for path, data in part}
    for page in plan.pages:  # the serial order, so that the mapping is identical too
        out[page.path] = by_path[page.path]
    return out


def _render_share(share: int) -> list[tuple[str, bytes]]:
    """In a worker: render every ``jobs``-th page, starting at ``share``."""
    assert _job is not None, "render_pages sets the job before forking"
    plan, env, site_context, jobs = _job
    mine = Plan(plan.pages[share::jobs], {})
    return list(render(mine, env, site_context).items())
