"""``sitegen serve``: a live preview that rebuilds only what a change touches.

watch.py     watchdog events -> recorded paths (the callback does nothing else)
changes.py   path -> what changed (article, event note, template, asset, config, inbox)
inputs.py    everything a build reads, re-read file by file
state.py     the built site in memory; full builds that reuse what is unchanged, and a
             quick path for article text edits
rebuild.py   the build loop: debounce, classify, re-read, preview, build, publish
publish.py   the served snapshot, swapped whole; epochs and changed paths
server.py    HTTP from memory, read-only, plus the event stream
reload.py    the script injected into served pages, and the overlay for errors
"""

from __future__ import annotations

import sys
import threading
import webbrowser
from pathlib import Path
from types import TracebackType

from sitegen.serve.publish import Channel
from sitegen.serve.rebuild import Rebuilder, Say
from sitegen.serve.server import LOOPBACK, PreviewServer

__all__ = ["Preview", "exposed", "serve"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def _stdout(line: str) -> None:
    print(line, flush=True)


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def exposed(host: str) -> bool:
    """True when ``host`` makes the preview reachable from other machines."""
    return host not in LOOPBACK


class Preview:
    """A running preview of one site: the build loop and the HTTP server."""

    def __init__(
        self,
        site: Path,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        strict: bool = False,
        say: Say = _stdout,
        warn: Say = _stderr,
    ) -> None:
        self.channel = Channel()
        self.rebuilder = Rebuilder(site, self.channel, strict, say, warn)
        self.address = (host, port)
        self.server: PreviewServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """Where the site is served."""
        assert self.server is not None, "not started"
        return self.server.url

    def start(self) -> Preview:
        """Bind (raises ``OSError`` if the port is taken), build the site, start serving."""
        self.server = PreviewServer(self.address, self.channel)
        try:
            self.rebuilder.start()
        except BaseException:
            self.server.server_close()
            self.rebuilder.stop()
            raise
        self._thread = threading.Thread(
            target=self.server.serve_forever, name="sitegen-http", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and watching."""
        self.channel.close()
        if self.server is not None:
            if self._thread is not None:
                self.server.shutdown()
                self._thread.join(timeout=10)
            self.server.server_close()
        self.rebuilder.stop()

    def __enter__(self) -> Preview:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _silent(line: str) -> None:
    del line


def serve(
    site: Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    strict: bool = False,
    open_browser: bool = False,
    quiet: bool = False,
) -> int:
    """Serve ``site`` until interrupted (Ctrl+C); returns the exit status."""
    say = _silent if quiet else _stdout
    if exposed(host):
        for line in (
            f"WARNING: listening on {host!r}: anyone who can reach this machine can read this",
            "WARNING: preview, and it has no authentication. Use --host 127.0.0.1 (the default)",
            "WARNING: unless you mean to share it on your network.",
        ):
            _stderr(line)
    preview = Preview(site, host, port, strict, say, _stderr)
    try:
        try:
            preview.start()
        except OSError as exc:
            _stderr(f"error: cannot listen on {host}:{port}: {exc.strerror or exc}")
            return 2
        say(f"serving {site} at {preview.url} (Ctrl+C to stop)")
        if open_browser:
            webbrowser.open(preview.url)
        threading.Event().wait()
    except KeyboardInterrupt:
        say("stopped")
    finally:
        preview.stop()
    return 0
