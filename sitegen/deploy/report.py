"""What a deploy did, and how it tells the person running it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Say = Callable[[str], None]
"""Receives one progress line per action."""


@dataclass(frozen=True, slots=True)
class DeployReport:
    """The outcome of one deploy."""

    target: str
    """The target as the person named it."""
    uploaded: int
    """Files written or uploaded."""
    skipped: int
    """Files already up to date."""
    deleted: int
    """Stale files removed."""
    bytes: int
    """Bytes sent."""
    dry_run: bool = False
    """Nothing was changed: the counts say what would have been."""
    commit: str | None = None
    """For git targets, the commit made (None when nothing changed)."""

    def summary(self) -> str:
        """The one-line summary printed at the end."""
        sent, gone = ("would upload", "would delete") if self.dry_run else ("uploaded", "deleted")
        line = (
            f"deploy to {self.target}: {sent} {self.uploaded} ({self.bytes:,} bytes), "
            f"skipped {self.skipped}, {gone} {self.deleted}"
        )
        if self.commit:
            line += f", commit {self.commit[:12]}"
        return line
