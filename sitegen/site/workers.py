"""Work dealt out to forked processes, with exactly the results of one process.

A forked worker inherits the parent's memory, so the function and everything it
reads are there already and are never sent through a pipe; workers send back only
results (pickled by ``multiprocessing``: plain values), and results always come
back in the items' order.

* :func:`fork_map` waits for its results, and the calling process computes one
  share itself (share ``k`` of ``n`` is items ``k``, ``k + n``, ...: cheap and
  costly items spread evenly).
* :func:`start` returns at once, so that the caller goes on with other work while
  the workers compute (a build renders Markdown while it groups, and plans pages
  while the event digests are made); items go out in chunks to whichever worker
  is free.
* :func:`fork_chunks` hands back the results chunk by chunk as they are done (a
  build writes pages while the next ones are rendered).

With no workers to spare, few items, or a platform without ``fork``, the work is
done in-process.  Each worker freezes what it inherited (``gc.freeze``), so its
garbage collections never walk, and so never copy, the memory it shares.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.pool import AsyncResult, Pool
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_job: tuple[Callable[[Any], Any], Sequence[Any], int] | None = None
"""What the workers compute: the function, the items, and the number of shares (or, for
:func:`fork_chunks`, the chunk size); set just before they fork."""


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


class Pending(Generic[R]):
    """Results being computed by forked workers (or computed already); :meth:`get` waits."""

    def __init__(
        self,
        done: list[R] | None = None,
        pool: Pool | None = None,
        result: AsyncResult[list[R]] | None = None,
    ) -> None:
        self._done = done
        self._pool = pool
        self._result = result

    def get(self) -> list[R]:
        """The results in the items' order (waits for the workers; their errors are raised)."""
        if self._done is None:
            assert self._pool is not None and self._result is not None
            try:
                self._done = self._result.get()
            finally:
                self._pool.terminate()
        return self._done


CHUNKS_PER_WORKER = 8
""":func:`start` hands items out in about this many chunks per worker: a worker that is
done early takes the next chunk, so unequal items still keep every worker busy."""


def start(func: Callable[[T], R], items: Sequence[T], workers: int) -> Pending[R]:
    """``[func(x) for x in items]``, begun on ``workers`` forked processes that work while the
    caller goes on; with no workers (or no ``fork``), computed here and now."""
    if workers < 1 or not items or not can_fork():
        return Pending([func(x) for x in items])
    pool = _fork(func, items, 1, workers)
    chunk = max(1, len(items) // (workers * CHUNKS_PER_WORKER))
    return Pending(pool=pool, result=pool.map_async(_one, range(len(items)), chunk))


def fork_map(
    func: Callable[[T], R], items: Sequence[T], jobs: int, min_per_job: int = 1
) -> list[R]:
    """``[func(x) for x in items]`` on up to ``jobs`` processes (this one among them), each
    with at least ``min_per_job`` items: below that, starting a worker costs more than it
    saves."""
    shares = min(jobs, len(items) // max(1, min_per_job))
    if shares <= 1 or not can_fork():
        return [func(x) for x in items]
    pool = _fork(func, items, shares, shares - 1)
    try:
        others = pool.map_async(_share, range(1, shares))
        parts: list[list[Any]] = [[func(x) for x in items[0::shares]], *others.get()]
    finally:
        pool.terminate()
    out: list[Any] = [None] * len(items)
    for share, part in enumerate(parts):
        out[share::shares] = part
    return out


def fork_chunks(
    func: Callable[[T], R], items: Sequence[T], workers: int, size: int
) -> Iterator[list[R]]:
    """``[func(x) for x in items]`` in consecutive chunks of ``size`` items, in order:
    computed by ``workers`` forked processes while the caller uses the chunks that are
    done (with no workers, or no ``fork``, each chunk is computed when it is asked for)."""
    starts = range(0, len(items), max(1, size))
    if workers < 1 or not can_fork():
        for first in starts:
            yield [func(x) for x in items[first : first + size]]
        return
    pool = _fork(func, items, size, workers)
    try:
        yield from pool.imap(_chunk, starts)
    finally:
        pool.terminate()


def _fork(func: Callable[[Any], Any], items: Sequence[Any], step: int, workers: int) -> Pool:
    """A pool of ``workers`` forked processes that know the job (set only while they fork)."""
    global _job
    _job = (func, items, step)
    try:
        # gc.freeze in each worker: its collections never walk (and so never copy) the
        # memory it shares with this process
        return multiprocessing.get_context("fork").Pool(workers, initializer=gc.freeze)
    finally:
        _job = None


def _one(index: int) -> Any:
    """In a worker: ``func`` of item ``index``."""
    assert _job is not None, "the job is set before the workers fork"
    func, items, _step = _job
    return func(items[index])


def _chunk(first: int) -> list[Any]:
    """In a worker: ``func`` of the chunk of items that starts at ``first``."""
    assert _job is not None, "the job is set before the workers fork"
    func, items, size = _job
    return [func(x) for x in items[first : first + size]]


def _share(share: int) -> list[Any]:
    """In a worker: ``func`` of every item of share ``share``."""
    assert _job is not None, "the job is set before the workers fork"
    func, items, shares = _job
    return [func(x) for x in items[share::shares]]
