"""The build loop: recorded paths in, published snapshots out.

Two threads own the work.  The *loop* takes recorded paths off a queue, waits
until they stop coming (a burst of saves is one rebuild), classifies them,
re-reads what they touched, imports raw inbox files, publishes a quick preview
when the edit allows one, and asks the *worker* for a full build of the latest
snapshot.  The worker builds (reusing what did not change), then publishes if no
newer snapshot has arrived meanwhile; else it drops the result and builds the
newer one.  Changes saved during a build are thus queued and applied, never
lost, and a failed build leaves the last good site up with the error shown.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from sitegen.build import BUILD_DIR
from sitegen.config import ConfigError
from sitegen.fsutil import atomic_write
from sitegen.importer import import_paths
from sitegen.lock import site_lock
from sitegen.pipeline.stages import Stages
from sitegen.registry import REGISTRY, registry_bytes
from sitegen.serve.changes import Change, Kind, classify
from sitegen.serve.inputs import Inputs, load_inputs, refresh
from sitegen.serve.problems import Problem, from_exception, from_read_error
from sitegen.serve.publish import Channel
from sitegen.serve.state import SiteState, build_state, quick_state
from sitegen.serve.watch import Watcher, watched_folders
from sitegen.site.output import write_site
from sitegen.site.template_errors import shown_path
from sitegen.site.theme import ThemeError

log = logging.getLogger("sitegen.serve")

DEBOUNCE = 0.05
"""Seconds without a new change before a burst of changes is built."""
MAX_DELAY = 1.0
"""Longest a steady stream of changes can hold back a rebuild."""

Say = Callable[[str], None]


def _quiet(line: str) -> None:
    del line


class Rebuilder:
    """Keeps a site built and published while its files change."""

    def __init__(
        self,
        site: Path,
        channel: Channel,
        strict: bool = False,
        say: Say = _quiet,
        warn: Say = _quiet,
    ) -> None:
        self.site = site.absolute()
        self.channel = channel
        self.strict = strict
        self.say = say
        """Where progress lines go."""
        self.warn = warn
        """Where errors and warnings go."""
        self.batches: deque[tuple[Change, ...]] = deque(maxlen=100)
        """The last batches of changes the loop applied (newest last)."""
        self._queue: queue.Queue[Path | None] = queue.Queue()
        self._cv = threading.Condition()
        self._unprocessed = 0
        self._request: Inputs | None = None
        self._working = False
        self._stopping = False
        self._latest = 0
        self._inputs: Inputs | None = None
        self._state: SiteState | None = None
        self._pending: set[Change] = set()
        self._problems: dict[str, tuple[Problem, ...]] = {}
        self._inbox_problems: dict[Path, tuple[Problem, ...]] = {}
        self._told: set[Problem] = set()  # the problems the terminal has been told of
        self._stages = Stages(site, warn=warn, keep=True)
        self._written: Mapping[str, bytes] = {}
        self._written_as: tuple[int, int] | None = None
        self._watcher: Watcher | None = None
        self._threads: list[threading.Thread] = []

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        """Watch, build the site once (raises ``ConfigError``/``ThemeError`` like ``build``),
        then keep rebuilding in the background."""
        self._watcher = Watcher(self.record)
        self._watcher.watch(watched_folders(self.site, ()))
        inputs = load_inputs(self.site, self.strict)
        self._watcher.watch(watched_folders(self.site, inputs.chain))
        with self._cv:
            self._latest = 1
            self._inputs = dataclasses.replace(inputs, version=1)
        self._build(self._inputs)
        self._report()
        for target in (self._loop, self._work):
            thread = threading.Thread(target=target, name=f"sitegen-{target.__name__}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self) -> None:
        """Stop watching and building."""
        with self._cv:
            self._stopping = True
            self._cv.notify_all()
        self._queue.put(None)
        if self._watcher:
            self._watcher.stop()
        for thread in self._threads:
            thread.join(timeout=30)

    def record(self, path: Path) -> None:
        """Note that ``path`` changed (the watch callback; cheap, never blocks)."""
        with self._cv:
            self._unprocessed += 1
        self._queue.put(path)

    def wait_idle(self, timeout: float) -> bool:
        """Wait until every recorded change is built (or failed); False on timeout."""
        with self._cv:
            return self._cv.wait_for(self._idle, timeout)

    def _idle(self) -> bool:
        return self._unprocessed == 0 and self._request is None and not self._working

    # -- the loop: collect, classify, re-read, quick preview, hand over ---------------------

    def _classify(self, path: Path) -> Change | None:
        themes = self._inputs.chain if self._inputs else ()
        return classify(path, self.site, themes)

    def _collect(self) -> tuple[set[Change], int, float, bool]:
        """Wait for a change, then for a quiet moment.

        Returns the changes, how many recorded paths were taken, when the first change
        arrived, and whether to stop.
        """
        changes: set[Change] = set()
        taken = 0
        first = deadline = 0.0
        while True:
            timeout = None if not changes else min(DEBOUNCE, deadline - time.monotonic())
            if timeout is not None and timeout <= 0:
                return changes, taken, first, False
            try:
                path = self._queue.get(timeout=timeout)
            except queue.Empty:
                return changes, taken, first, False
            if path is None:
                return changes, taken, first, True
            taken += 1
            change = self._classify(path)
            if change is not None:
                if not changes:
                    first = time.monotonic()
                    deadline = first + MAX_DELAY
                changes.add(change)
            elif not changes:  # an ignored path alone: nothing to wait for
                self._report(processed=taken)
                taken = 0

    def _loop(self) -> None:
        while True:
            changes, taken, first, stop = self._collect()
            try:
                if changes and not stop:
                    self._apply(changes, first)
            except Exception as exc:  # a bug must not end the preview: show it, keep serving
                log.exception("rebuild failed")
                self._set_problems("refresh", (from_exception(self.site, exc),))
            finally:
                self._report(processed=taken)
            if stop:
                return

    def _apply(self, changes: set[Change], first: float) -> None:
        changes = changes | self._pending
        self.batches.append(tuple(sorted(changes, key=lambda c: (c.kind.value, str(c.path)))))
        assert self._inputs is not None
        inbox = {c for c in changes if c.kind is Kind.INBOX}
        if inbox:
            changes |= self._import(c.path for c in inbox)
        try:
            inputs = refresh(self.site, self._inputs, changes, self.strict)
        except (ConfigError, ThemeError, OSError) as exc:
            self._pending = changes - inbox
            self._set_problems("refresh", (from_exception(self.site, exc),))
            return
        self._pending = set()
        self._set_problems("refresh", ())
        if self._watcher:
            self._watcher.watch(watched_folders(self.site, inputs.chain))
        if inputs == self._inputs:
            return
        with self._cv:
            self._latest += 1
            inputs = dataclasses.replace(inputs, version=self._latest)
            self._inputs = inputs
            base = self._state
        kinds = ", ".join(sorted({c.kind.value for c in changes}))
        quick = self._quick(base, inputs) if base is not None else None
        if quick is not None:
            took = (time.monotonic() - first) * 1000
            self._publish(quick, f"{kinds} changed: preview {took:.0f} ms after the save")
        with self._cv:  # after the preview, so the full build does not slow it down
            self._request = inputs
            self._cv.notify_all()

    def _quick(self, base: SiteState, inputs: Inputs) -> SiteState | None:
        started = time.perf_counter()
        try:
            state = quick_state(self.site, base, inputs)
        except Exception:  # the full build reports it properly
            log.debug("quick preview failed", exc_info=True)
            return None
        if state is not None:
            log.debug("quick preview in %.0f ms", (time.perf_counter() - started) * 1000)
        return state

    def _import(self, paths: Iterable[Path]) -> set[Change]:
        """Import raw files dropped into ``inbox/``; returns the content files written."""
        wanted = sorted({p for p in paths if p.exists()})
        with self._cv:
            self._inbox_problems = {p: v for p, v in self._inbox_problems.items() if p.exists()}
        if not wanted:
            return set()
        assert self._inputs is not None
        rules = self._inputs.config["normalize.disabled_rules"]
        report = import_paths(self.site, wanted, rules)
        problems = {
            old: found
            for old, found in self._inbox_problems.items()
            if not any(old == p or p in old.parents for p in wanted)
        }
        for err in report.errors:
            origin = Path(err.origin)
            problems[origin] = (*problems.get(origin, ()), from_read_error(self.site, err))
        with self._cv:
            self._inbox_problems = problems
        for path in report.result.kept:
            self.warn(f"kept: {shown_path(self.site, path)}: edited by hand, not overwritten")
        for input_name, path in report.result.same:
            shown = shown_path(self.site, path)
            self.warn(f"same: {input_name}: same page as {shown}, not imported again")
        r = report.result
        self.say(
            f"inbox: imported {len(r.written)}, updated {len(r.updated)}, "
            f"unchanged {len(r.unchanged)}, same {len(r.same)}, failed {len(report.errors)}"
        )
        return {Change(Kind.ARTICLE, p) for p in (*r.written, *r.updated)}

    # -- the worker: full builds --------------------------------------------------------------

    def _work(self) -> None:
        while True:
            with self._cv:
                self._cv.wait_for(lambda: self._stopping or self._request is not None)
                if self._stopping:
                    return
                inputs, self._request = self._request, None
                self._working = True
            try:
                assert inputs is not None
                self._build(inputs)
            except Exception as exc:
                log.exception("rebuild failed")
                self._set_problems("build", (from_exception(self.site, exc),))
            finally:
                self._report(worker_done=True)

    def _build(self, inputs: Inputs) -> None:
        with self._cv:
            base = self._state
        started = time.perf_counter()
        try:
            state = build_state(self.site, inputs, base, self._stages)
        except Exception as exc:  # a broken template, a URL collision: keep the last good site
            if inputs.version == self._latest:
                self._set_problems("build", (from_exception(self.site, exc),))
            return
        if inputs.version != self._latest:
            return  # a newer snapshot is waiting; it reuses this one's grouping
        self._set_problems("build", ())
        took = (time.perf_counter() - started) * 1000
        self._publish(state, f"built in {took:.0f} ms")
        self._write(state)
        _tidy_memory()

    # -- publishing and writing ----------------------------------------------------------------

    def _publish(self, state: SiteState, what: str) -> None:
        with self._cv:
            if state.inputs.version != self._latest:
                return
            before = self.channel.current().epoch
            self._state = state
            snap = self.channel.publish(
                state.outputs,
                base_path=state.inputs.config.base_path,
                problems=self._all_problems(),
                settled=self._settled(),
            )
        changed = len(self.channel.changed_since(before) or ()) if snap.epoch != before else 0
        self.say(f"{what}: {changed} file(s) changed")

    def _write(self, state: SiteState) -> None:
        """Bring ``build/`` and the registry up to date with a full build (worker only).

        Under the site lock, like ``sitegen build``; what this process last wrote
        spares re-reading build/ unless someone else has replaced it since."""
        with site_lock(self.site, "serve", say=self.say):
            self._write_locked(state)

    def _write_locked(self, state: SiteState) -> None:
        build = self.site / BUILD_DIR
        known = self._written if self._written_as == _identity(build) else None
        write_site(state.outputs, build, known=known)
        self._written = state.outputs
        self._written_as = _identity(build)
        path = self.site / REGISTRY
        data = registry_bytes(state.grouping, state.index.addresses, state.index.seen)
        if not path.is_file() or path.read_bytes() != data:
            atomic_write(path, data)
            self.record(path)  # the next build reads it, as the next `sitegen build` would

    # -- problems and status -----------------------------------------------------------------

    def _set_problems(self, key: str, problems: tuple[Problem, ...]) -> None:
        with self._cv:
            if problems:
                self._problems[key] = problems
            else:
                self._problems.pop(key, None)

    def _all_problems(self) -> tuple[Problem, ...]:
        found: list[Problem] = []
        for key in ("refresh", "build"):
            found.extend(self._problems.get(key, ()))
        for problems in self._inbox_problems.values():
            found.extend(problems)
        if self._state is not None:
            found.extend(from_read_error(self.site, e) for e in self._state.errors)
        return tuple(dict.fromkeys(found))

    def _settled(self) -> bool:
        state = self._state
        return (
            state is not None
            and state.settled
            and state.inputs.version == self._latest
            and self._idle()
        ) or (self._idle() and bool(self._problems))

    def _report(self, processed: int = 0, worker_done: bool = False) -> None:
        """Count finished work, then publish the problems and whether everything is built
        (in one step, so whoever waits for idle sees the final status)."""
        with self._cv:
            self._unprocessed -= processed
            self._working = self._working and not worker_done
            snap = self.channel.publish(problems=self._all_problems(), settled=self._settled())
            told, self._told = self._told, set(snap.problems)
            self._cv.notify_all()
        for problem in snap.problems:  # the same lines the page's overlay shows
            if problem not in told:
                self.warn(f"error: {problem}")
        if told and not snap.problems:
            self.say("fixed: the site builds again")


def _tidy_memory() -> None:
    """Collect the last build's garbage now, then exempt the live site from later collections.

    A big site is millions of objects; a full collection that starts during a quick
    preview would otherwise add a fifth of a second to it.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _identity(folder: Path) -> tuple[int, int] | None:
    """Device and inode of ``folder``: they change when a build swaps a new one in."""
    try:
        st = folder.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)
