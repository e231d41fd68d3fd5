"""The site being served: one immutable snapshot, swapped whole, that readers can wait on.

A request reads ``current()`` once and answers from that snapshot only, so it can
never see half of one build and half of the next.  Each snapshot whose files
differ from the last gets a new *epoch*; the paths that changed are kept for a
while, so a browser that shows epoch N can ask what changed since.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from sitegen.serve.problems import Problem
from sitegen.site.assets import without_fingerprints

HISTORY = 256
"""How many epochs of changed paths are remembered; an older page just reloads."""


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What is served right now."""

    epoch: int
    """Increases whenever any output's bytes change."""
    serial: int
    """Increases on every change, including errors appearing or clearing."""
    outputs: Mapping[str, bytes] = field(default_factory=dict)
    """Every file of the site by output path."""
    base_path: str = "/"
    """The site's path prefix (from ``base_url``), ending in ``/``."""
    problems: tuple[Problem, ...] = ()
    """Errors of the last rebuild; the outputs are then the last good ones."""
    settled: bool = False
    """True when every change seen so far is built: the outputs are then what a clean build
    of the files gives (unless ``problems`` says otherwise).  False while changes wait, or
    while a quick preview is being checked by a full rebuild."""


def changed_paths(old: Mapping[str, bytes], new: Mapping[str, bytes]) -> frozenset[str]:
    """Paths added, removed, or whose bytes differ."""
    changed = {p for p, data in new.items() if (prev := old.get(p)) is not data and prev != data}
    return frozenset(changed | (old.keys() - new.keys()))


def restyled_paths(
    old: Mapping[str, bytes], new: Mapping[str, bytes], changed: frozenset[str]
) -> frozenset[str]:
    """The changed pages that differ from their old bytes only in the fingerprints of the
    assets they name (a stylesheet changed, so its name did): an open page can swap its
    stylesheets rather than reload."""
    if all(p.endswith((".html", ".json")) for p in changed):
        return frozenset()  # no asset changed, so no page was only restyled
    return frozenset(
        p
        for p in changed
        if p.endswith(".html")
        and p in old
        and p in new
        and without_fingerprints(old[p]) == without_fingerprints(new[p])
    )


class Channel:
    """Holds the current snapshot; ``publish`` swaps it and wakes every waiter."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        # Epochs start at the clock so a page from an earlier run never matches this one.
        self._snapshot = Snapshot(epoch=time.time_ns() // 1_000_000, serial=0)
        self._changes: dict[int, frozenset[str]] = {}
        self._restyled: dict[int, frozenset[str]] = {}
        self._closed = False

    def current(self) -> Snapshot:
        """The snapshot to answer from."""
        with self._cond:
            return self._snapshot

    def publish(
        self,
        outputs: Mapping[str, bytes] | None = None,
        *,
        base_path: str | None = None,
        problems: tuple[Problem, ...] | None = None,
        settled: bool | None = None,
    ) -> Snapshot:
        """Swap in new outputs and/or status (None keeps a field); returns the new snapshot."""
        with self._cond:
            old = self._snapshot
            status = (
                old.base_path if base_path is None else base_path,
                old.problems if problems is None else problems,
                old.settled if settled is None else settled,
            )
            changed: frozenset[str] = frozenset()
            if outputs is not None and outputs is not old.outputs:
                changed = changed_paths(old.outputs, outputs)
            if not changed and status == (old.base_path, old.problems, old.settled):
                return old
            epoch = old.epoch
            if changed:
                epoch += 1
                self._changes[epoch] = changed
                self._restyled[epoch] = restyled_paths(old.outputs, outputs or {}, changed)
                self._changes.pop(epoch - HISTORY, None)
                self._restyled.pop(epoch - HISTORY, None)
            kept = outputs if changed and outputs is not None else old.outputs
            self._snapshot = Snapshot(epoch, old.serial + 1, kept, *status)
            self._cond.notify_all()
            return self._snapshot

    def changed_since(self, epoch: int) -> frozenset[str] | None:
        """Every path changed after ``epoch``; None when that is too long ago to know."""
        with self._cond:
            now = self._snapshot.epoch
            if epoch > now:
                return None
            out: set[str] = set()
            for e in range(epoch + 1, now + 1):
                if e not in self._changes:
                    return None
                out |= self._changes[e]
            return frozenset(out)

    def restyled_since(self, epoch: int) -> frozenset[str]:
        """The pages changed after ``epoch`` only in the asset fingerprints they name (see
        :func:`restyled_paths`), in every epoch that changed them."""
        with self._cond:
            restyled: set[str] = set()
            other: set[str] = set()
            for e, changed in self._changes.items():  # the last HISTORY epochs at most
                if e > epoch:
                    only = self._restyled.get(e, frozenset())
                    restyled |= only
                    other |= changed - only
            return frozenset(restyled - other)

    def wait(self, serial: int, timeout: float) -> Snapshot | None:
        """The first snapshot whose serial is not ``serial`` (or the same one after ``timeout``
        seconds); None once the channel is closed."""
        with self._cond:
            self._cond.wait_for(lambda: self._closed or self._snapshot.serial != serial, timeout)
            return None if self._closed else self._snapshot

    def close(self) -> None:
        """Wake and end every waiter (the server is stopping)."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
