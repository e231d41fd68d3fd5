"""``Workers``: the one interface for work that can be done in parallel.

A stage says *what* (a function and its items, and the kind of work they are); a
``Workers`` says *how*: in this process (:class:`InProcess`) or on forked processes
(:class:`Forked`), with the same results either way.  Three ways of handing work out:

* :meth:`Workers.map` waits for the results;
* :meth:`Workers.start` returns at once, and its result's ``get()`` waits (a build
  renders Markdown while it groups, and writes the feeds while it plans);
* :meth:`Workers.chunks` hands back consecutive chunks of results as they are done (a
  build writes pages while the next ones are rendered).

Results always come back in the items' order.  How many processes a piece of work is
worth depends on its kind: every threshold is in :data:`SIZES`, so that callers name
the kind (``workers.map("terms", article_terms, articles)``) and never pass numbers.
Pure stages take a ``Workers`` (in-process by default) and never start processes
themselves; only the commands (``build_site``, ``sitegen update``) choose one, with
:func:`workers_for`.

**For other backends** (a distributed engine): the forked implementation's workers inherit
the caller's memory, so nothing is sent to them; a backend without ``fork`` has to send
``func`` and the items (``func`` is a module-level function or a ``functools.partial`` of
one wherever that is reasonable; the grouping's pieces are closures over the grouping's
state, which a cloudpickle-based engine can send, at the cost of sending what they
capture) and send back the results, which are plain picklable values.  Functions must not
rely on running in the caller's process (no writes to shared state: each is pure), and
errors raised by ``func`` must reach the caller from ``map``, ``get()`` and ``chunks``.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, Final, Generic, Literal, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")

Kind = Literal[
    "files",
    "terms",
    "markdown",
    "neighbours",
    "spans",
    "topics",
    "names",
    "copies",
    "events",
    "index files",
    "listing",
    "pages",
    "normalize",
    "feed pages",
]
"""The kinds of parallel work, each sized by its row of :data:`SIZES`."""


@dataclass(frozen=True, slots=True)
class Sizes:
    """How many processes one kind of work is worth."""

    per_worker: int
    """Items each process should have at least: with fewer, starting a worker costs more
    than it saves."""
    most: int = 0
    """At most this many workers (0: as many as the jobs allow)."""
    least: int = 0
    """Background work (``start``, ``chunks``) gets this many workers, however few its
    items, when there are workers at all: the caller goes on meanwhile."""
    chunk: int = 1
    """``chunks``: the items in each chunk handed back."""
    least_items: int = 0
    """``least`` applies from this many items on (a build that renders a handful of pages
    again does not start a worker for them)."""


SIZES: Final[dict[Kind, Sizes]] = {
    "files": Sizes(500),  # content files read and parsed
    "terms": Sizes(500),  # grouping terms of the articles the cache did not have
    # rendered by one worker while grouping runs on the others
    "markdown": Sizes(200, most=1),
    # grouping's pieces: one item's nearest neighbours, one topic's split, 20 articles'
    # names (as 20-article pieces, 50 of them a process), one event's copies
    "neighbours": Sizes(50),
    "spans": Sizes(1),  # partitions (then seams) of time, grouped each on its own
    "topics": Sizes(50),
    "names": Sizes(1000),
    "copies": Sizes(50),
    "events": Sizes(50),  # event digests
    "index files": Sizes(1, least=1),  # events.json, search.json, feeds, while planning
    "listing": Sizes(1, least=1),  # the output folder and its spare, while grouping
    # pages rendered, 64 sent back at a time
    "pages": Sizes(400, least=1, chunk=64, least_items=64),
    "normalize": Sizes(100),  # documents normalized on import or update
    "feed pages": Sizes(32),  # teasers' pages read by ``sitegen update``
}
"""Every threshold of parallel work, by kind."""

CHUNKS_PER_WORKER = 8
""":meth:`Forked.start` hands items out in about this many chunks per worker: a worker that
is done early takes the next chunk, so unequal items still keep every worker busy."""


class Pending(Protocol[R]):
    """Results being computed elsewhere (or computed already)."""

    def get(self) -> list[R]:
        """The results in the items' order (waits for them; their errors are raised)."""
        ...


class Workers(Protocol):
    """Where ``[func(x) for x in items]`` is computed: the result is the same anywhere."""

    def map(self, kind: Kind, func: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """The results, in order, once all are done."""
        ...

    def start(self, kind: Kind, func: Callable[[T], R], items: Sequence[T]) -> Pending[R]:
        """Begun in the background; ``get()`` on the result waits for them."""
        ...

    def chunks(self, kind: Kind, func: Callable[[T], R], items: Sequence[T]) -> Iterator[list[R]]:
        """The results in consecutive chunks of ``SIZES[kind].chunk`` items, in order, each
        as soon as it is done."""
        ...


class Done(Generic[R]):
    """Results computed already."""

    def __init__(self, results: list[R]) -> None:
        self._results = results

    def get(self) -> list[R]:
        return self._results


class InProcess:
    """Every item here and now, in this process."""

    def map(self, kind: Kind, func: Callable[[T], R], items: Sequence[T]) -> list[R]:
        return [func(x) for x in items]

    def start(self, kind: Kind, func: Callable[[T], R], items: Sequence[T]) -> Pending[R]:
        return Done([func(x) for x in items])

    def chunks(self, kind: Kind, func: Callable[[T], R], items: Sequence[T]) -> Iterator[list[R]]:
        size = SIZES[kind].chunk
        for first in range(0, len(items), size):
            yield [func(x) for x in items[first : first + size]]


IN_PROCESS: Final[Workers] = InProcess()
"""The default of every stage that takes workers."""


class Forked:
    """Up to ``jobs`` processes, forked for each piece of work: they inherit the caller's
    memory, so the function and everything it reads are there already and are never sent
    through a pipe; they send back only results (pickled by ``multiprocessing``).

    ``map`` computes one share in the calling process (share ``k`` of ``n`` is items
    ``k``, ``k + n``, ...: cheap and costly items spread evenly); ``start`` hands items
    out in chunks to whichever worker is free; ``chunks`` has the workers compute chunks
    in order while the caller uses those that are done.  Each worker freezes what it
    inherited (``gc.freeze``), so its garbage collections never walk, and so never copy,
    the memory it shares.  Too few items for a worker, or no ``fork`` on this platform,
    and the work is done in-process.
    """

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        """The most processes a piece of work uses."""

    def _workers(self, kind: Kind, count: int, background: bool) -> int:
        """How many processes ``count`` items of ``kind`` are worth (for ``map``, the
        calling process among them; in the background, workers besides it)."""
        sizes = SIZES[kind]
        n = min(self.jobs, count // max(1, sizes.per_worker))
        if background and count and count >= sizes.least_items:
            n = max(n, min(self.jobs, sizes.least))
        if sizes.most:
            n = min(n, sizes.most)
        return n if can_fork() else 0

    def map(self, kind: Kind, func: Callable[[T], R], items: Sequence[T]) -> list[R]:
        shares = self._workers(kind, len(items), background=False)
        if shares <= 1:
            return [func(x) for x in items]
        pool = _fork(_Job(func, items, shares), shares - 1)
        try:
            others = pool.map_async(_share, range(1, shares))
            parts: list[list[Any]] = [[func(x) for x in items[0::shares]], *others.get()]
        finally:
            pool.terminate()
        out: list[Any] = [None] * len(items)
        for share, part in enumerate(parts):
            out[share::shares] = part
        return out

    def start(self, kind: Kind, func: Callable[[T], R], items: Sequence[T]) -> Pending[R]:
        workers = self._workers(kind, len(items), background=True)
        if workers < 1:
            return Done([func(x) for x in items])
        pool = _fork(_Job(func, items, 1), workers)
        chunk = max(1, len(items) // (workers * CHUNKS_PER_WORKER))
        return _Running(pool, pool.map_async(_one, range(len(items)), chunk))

    def chunks(self, kind: Kind, func: Callable[[T], R], items: Sequence[T]) -> Iterator[list[R]]:
        size = SIZES[kind].chunk
        workers = self._workers(kind, len(items), background=True)
        if workers < 1:
            yield from InProcess().chunks(kind, func, items)
            return
        pool = _fork(_Job(func, items, size), workers)
        try:
            yield from pool.imap(_chunk, range(0, len(items), size))
        finally:
            pool.terminate()


def workers_for(jobs: int) -> Workers:
    """The workers a command uses for ``--jobs``: forked ones above 1 (where the platform
    forks), else this process."""
    return Forked(jobs) if jobs > 1 and can_fork() else IN_PROCESS


def default_jobs() -> int:
    """Processes a build uses unless told (``--jobs``): the usable cores, up to 8."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def can_fork() -> bool:
    """Whether this platform can start workers by ``fork`` (Linux, the BSDs, macOS)."""
    return "fork" in multiprocessing.get_all_start_methods()


class _Running(Generic[R]):
    """Results being computed by forked workers; ``get`` waits, then ends the workers."""

    def __init__(self, pool: Pool, result: AsyncResult[list[R]]) -> None:
        self._pool = pool
        self._result = result
        self._done: list[R] | None = None

    def get(self) -> list[R]:
        if self._done is None:
            try:
                self._done = self._result.get()
            finally:
                self._pool.terminate()
        return self._done


@dataclass(frozen=True, slots=True)
class _Job:
    """What a pool's workers compute: ``func`` over ``items``, by ``step`` (the number of
    shares, or the size of a chunk)."""

    func: Callable[[Any], Any]
    items: Sequence[Any]
    step: int


_job: _Job | None = None
"""In a worker only: its pool's job, set as it starts (the parent's stays None)."""


def _fork(job: _Job, workers: int) -> Pool:
    """A pool of ``workers`` forked processes that know ``job``: a forked process inherits
    its start arguments with the rest of the memory, so the job is never pickled."""
    return multiprocessing.get_context("fork").Pool(workers, initializer=_adopt, initargs=(job,))


def _adopt(job: _Job) -> None:
    """In a new worker: take the job, and freeze what it inherited (its collections then
    never walk, and so never copy, the memory it shares with the parent)."""
    global _job
    _job = job
    gc.freeze()


def _current() -> _Job:
    assert _job is not None, "a worker adopts its job as it starts"
    return _job


def _one(index: int) -> Any:
    """In a worker: ``func`` of item ``index``."""
    job = _current()
    return job.func(job.items[index])


def _chunk(first: int) -> list[Any]:
    """In a worker: ``func`` of the chunk of items that starts at ``first``."""
    job = _current()
    return [job.func(x) for x in job.items[first : first + job.step]]


def _share(share: int) -> list[Any]:
    """In a worker: ``func`` of every item of share ``share``."""
    job = _current()
    return [job.func(x) for x in job.items[share :: job.step]]
