"""The preview's event stream (Server-Sent Events): one message per new snapshot, which
tells the page whether to reload, restyle or show problems; bounded in number, per
client and in lifetime."""

from __future__ import annotations

import contextlib
import json
import time
from http import HTTPStatus
from typing import TYPE_CHECKING

from sitegen.serve import reload
from sitegen.serve.publish import Snapshot
from sitegen.serve.reader import SEND_TIMEOUT, BoundedRequests

if TYPE_CHECKING:
    from sitegen.serve.server import PreviewServer

KEEPALIVE = 15.0
"""Seconds between comment lines on an idle event stream (finds closed connections)."""
MAX_STREAMS = 64
"""Event streams open at once, from all clients: the other connection slots stay free for
pages (a tab holds one stream, and each stream holds a slot while it is open)."""
MAX_STREAMS_PER_CLIENT = 8
"""Event streams open at once from one address."""
STREAM_LIFETIME = 600.0
"""Seconds a stream stays open; then it ends and the browser opens a new one (by itself)."""
RETRY_MS = 5000
"""What a stream asks its browser to wait before opening a new one (the ``retry:`` field)."""


class EventStreams(BoundedRequests):
    """Requests of the event stream (:data:`~sitegen.serve.reload.EVENTS`)."""

    server: PreviewServer

    def stream(self, query: dict[str, list[str]]) -> None:
        """Server-Sent Events: one message now, then one per new snapshot, for the server's
        stream lifetime at most; a client or a server with all the streams it may hold gets
        an answer that only asks it to try again later (a browser's EventSource gives up for
        good on an error status, but reconnects after a stream that ends).

        Nothing is read from the connection any more, so no read deadline applies; each
        write may block for :data:`SEND_TIMEOUT` at most.
        """
        client = str(self.client_address[0])
        if not self.server.open_stream(client):
            self._stream_head()
            with contextlib.suppress(OSError):
                self.wfile.write(f"retry: {RETRY_MS * 2}\n\n".encode())
            return
        try:
            self._stream_events(query)
        finally:
            self.server.close_stream(client)

    def _stream_head(self) -> None:
        self.close_connection = True
        self.connection.settimeout(SEND_TIMEOUT)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()

    def _stream_events(self, query: dict[str, list[str]]) -> None:
        page = (query.get("page") or [""])[0]
        try:
            epoch = int(self.headers.get("Last-Event-ID") or (query.get("epoch") or ["0"])[0])
        except ValueError:
            epoch = 0
        self._stream_head()
        channel = self.server.channel
        snap: Snapshot | None = channel.current()
        sent = -1
        ends = time.monotonic() + self.server.stream_lifetime
        try:
            self.wfile.write(f"retry: {RETRY_MS}\n\n".encode())
            while snap is not None and time.monotonic() < ends:
                if snap.serial != sent:
                    todo = (
                        "none"
                        if snap.epoch == epoch
                        else reload.action(
                            channel.changed_since(epoch), page, channel.restyled_since(epoch)
                        )
                    )
                    data = {
                        "epoch": snap.epoch,
                        "action": todo,
                        "problems": [p.as_json() for p in snap.problems],
                    }
                    self.wfile.write(f"id: {snap.epoch}\ndata: {json.dumps(data)}\n\n".encode())
                    epoch, sent = snap.epoch, snap.serial
                else:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
                snap = channel.wait(sent, min(KEEPALIVE, max(ends - time.monotonic(), 0.0)))
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            return
