"""Watching the site's folders with watchdog: the callback only records paths.

Everything a build reads is watched: ``sitegen.yaml`` (the site folder, not
recursively), ``content/``, ``templates/``, ``static/``, ``themes/``, ``inbox/``
and the theme folders outside the site.  ``build/`` is never watched.  Folders
that appear later are picked up by calling :meth:`Watcher.watch` again.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from watchdog.events import (
    EVENT_TYPE_CLOSED_NO_WRITE,
    EVENT_TYPE_OPENED,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch

from sitegen.serve.changes import INBOX
from sitegen.site.theme import LOCALE_FOLDER

SITE_FOLDERS = ("content", "templates", "static", LOCALE_FOLDER, "themes", INBOX)
"""Folders of a site watched recursively, when they exist."""
_READS = frozenset({EVENT_TYPE_OPENED, EVENT_TYPE_CLOSED_NO_WRITE})


def watched_folders(site: Path, themes: Iterable[Path]) -> dict[Path, bool]:
    """Folder -> recursive?, for the folders that exist now."""
    folders = {site: False}
    for name in SITE_FOLDERS:
        folders[site / name] = True
    for theme in themes:
        if site / "themes" not in theme.parents:
            folders[theme] = True
    return {f: rec for f, rec in folders.items() if f.is_dir()}


class _Recorder(FileSystemEventHandler):
    def __init__(self, record: Callable[[Path], None]) -> None:
        self.record = record

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in _READS or (event.is_directory and event.event_type == "modified"):
            return
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if raw:
                self.record(Path(os.fsdecode(raw)))


class Watcher:
    """A watchdog observer over a set of folders that can change while it runs."""

    def __init__(self, record: Callable[[Path], None]) -> None:
        self._handler = _Recorder(record)
        self._observer: BaseObserver = Observer()
        self._watches: dict[tuple[Path, bool, int], ObservedWatch] = {}
        self._observer.start()

    def watch(self, folders: dict[Path, bool]) -> None:
        """Watch exactly ``folders`` (folder -> recursive?) from now on.

        A folder deleted and made again is a new folder (its inode differs) and is
        watched afresh.
        """
        wanted = set()
        for folder, rec in folders.items():
            try:
                wanted.add((folder, rec, folder.stat().st_ino))
            except OSError:
                continue
        for key in list(self._watches):
            if key not in wanted:
                with contextlib.suppress(KeyError, OSError):
                    self._observer.unschedule(self._watches[key])
                del self._watches[key]
        for key in sorted(wanted - self._watches.keys()):
            folder, rec, _ = key
            try:
                self._watches[key] = self._observer.schedule(
                    self._handler, str(folder), recursive=rec
                )
            except OSError:  # gone again already; the next call retries
                continue

    def stop(self) -> None:
        """Stop watching and wait for the observer thread."""
        self._observer.stop()
        self._observer.join(timeout=5)
