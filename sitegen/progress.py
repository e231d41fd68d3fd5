"""Progress on a terminal, silence in CI and in pipes."""

from __future__ import annotations

import os
import sys
from typing import TextIO


class Progress:
    """A single self-overwriting status line on stderr, shown only on an interactive terminal."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() and not os.environ.get("CI")
        self._last = -1

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        pct = done * 100 // total
        if pct != self._last or done == total:
            self._last = pct
            self.stream.write(f"\r{self.label}: {done}/{total} ({pct}%)")
            self.stream.flush()

    def close(self) -> None:
        """End the status line."""
        if self.enabled and self._last >= 0:
            self.stream.write("\n")
            self.stream.flush()


class StatusLine:
    """Per-item messages: one line overwritten in place on a terminal, one line each in a
    pipe, nothing in CI (``CI`` set) or when quiet."""

    def __init__(self, quiet: bool = False, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stdout
        self.silent = quiet or bool(os.environ.get("CI"))
        self.tty = self.stream.isatty()
        self._width = 0

    def __call__(self, line: str) -> None:
        if self.silent:
            return
        if self.tty:
            self.stream.write("\r" + line.ljust(self._width))
            self._width = len(line)
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def close(self) -> None:
        """End the overwritten line, if any."""
        if self.tty and self._width and not self.silent:
            self.stream.write("\n")
            self.stream.flush()
