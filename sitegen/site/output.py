"""``write_site``: put rendered outputs into ``build/``, touching only what changed."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sitegen.fsutil import atomic_write, inside


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What a build did to the output folder."""

    written: tuple[str, ...]
    """Paths whose bytes changed (or are new)."""
    unchanged: int
    """How many outputs already had the right bytes."""
    removed: tuple[str, ...]
    """Stale files from an earlier build, deleted."""


def write_site(outputs: Mapping[str, bytes], build: Path, clean: bool = False) -> WriteResult:
    """Write ``outputs`` under ``build`` atomically, compare bytes first, remove stale files."""
    if clean and build.exists():
        shutil.rmtree(build)
    build.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    unchanged = 0
    for rel, data in sorted(outputs.items()):
        target = inside(build, rel)
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            unchanged += 1
            continue
        atomic_write(target, data)
        written.append(rel)
    removed = []
    wanted = set(outputs)
    for path in sorted(build.rglob("*")):
        rel = path.relative_to(build).as_posix()
        if path.is_file() and rel not in wanted:
            path.unlink()
            removed.append(rel)
    for path in sorted(build.rglob("*"), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return WriteResult(tuple(written), unchanged, tuple(removed))
