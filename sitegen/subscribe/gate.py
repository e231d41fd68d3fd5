"""Per-host politeness: how many requests may be in flight to one host, and how far apart
their starts must be."""

from __future__ import annotations

import threading
import time


class Gate:
    """The way into one host, shared by every thread that fetches from it.

    ``with gate:`` waits until fewer than ``per_host`` requests are inside and at least
    ``delay`` seconds have passed since the last one went in, then holds a place until the
    block ends.  Hosts have gates of their own, so a slow host never holds up another.
    """

    def __init__(self, per_host: int, delay: float) -> None:
        self._per_host = max(1, per_host)
        self._delay = max(0.0, delay)
        self._changed = threading.Condition()
        self._inside = 0
        self._next_start = 0.0
        self._peak = 0

    @property
    def peak(self) -> int:
        """The most requests that were ever inside at once."""
        with self._changed:
            return self._peak

    def __enter__(self) -> None:
        with self._changed:
            while True:
                if self._inside >= self._per_host:
                    self._changed.wait()
                    continue
                wait = self._next_start - time.monotonic()
                if wait <= 0:
                    break
                self._changed.wait(wait)
            self._inside += 1
            self._peak = max(self._peak, self._inside)
            self._next_start = time.monotonic() + self._delay

    def __exit__(self, *exc: object) -> None:
        with self._changed:
            self._inside -= 1
            self._changed.notify_all()
