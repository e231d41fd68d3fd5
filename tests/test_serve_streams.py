"""The preview server's event streams are bounded (robustness issue, point 4): per client and
in total, each for a lifetime, so that page requests always find a slot.  Real HTTP on
127.0.0.1 (and other loopback addresses, as other clients)."""

from __future__ import annotations

import http.client
import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitegen.serve import Preview
from sitegen.serve.reload import EVENTS
from sitegen.serve.streams import MAX_STREAMS, MAX_STREAMS_PER_CLIENT
from tests.serve_support import copy_site, running


@pytest.fixture()
def served(demo_site: Path, tmp_path: Path) -> Iterator[Preview]:
    with running(copy_site(demo_site, tmp_path / "site")) as preview:
        yield preview


def _open(preview: Preview, client: str = "127.0.0.1") -> http.client.HTTPResponse:
    """An event stream from ``client``'s address, its headers read."""
    assert preview.server is not None
    host, port = preview.server.server_address[:2]
    conn = http.client.HTTPConnection(str(host), port, timeout=30, source_address=(client, 0))
    conn.request("GET", f"{EVENTS}?epoch=0&page=index.html")
    response = conn.getresponse()
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/event-stream"
    return response


def _first_message(response: http.client.HTTPResponse) -> dict[str, object] | None:
    """The stream's first ``data:`` message, or None when it ends without one."""
    while line := response.readline():
        if line.startswith(b"data: "):
            data: dict[str, object] = json.loads(line[6:])
            return data
    return None


def _page_answers(preview: Preview) -> bool:
    assert preview.server is not None
    host, port = preview.server.server_address[:2]
    conn = http.client.HTTPConnection(str(host), port, timeout=30)
    conn.request("GET", "/")
    ok = conn.getresponse().status == 200
    conn.close()
    return ok


def test_one_client_gets_a_few_streams_and_is_asked_to_retry_after(served: Preview) -> None:
    streams = [_open(served) for _ in range(MAX_STREAMS_PER_CLIENT)]
    assert all(_first_message(s) is not None for s in streams)
    extra = _open(served)
    assert extra.read() == b"retry: 10000\n\n"  # ends at once: the browser tries again later
    assert _page_answers(served)


def test_all_clients_together_get_at_most_the_total(served: Preview) -> None:
    clients = [f"127.0.0.{n}" for n in range(2, 2 + MAX_STREAMS // MAX_STREAMS_PER_CLIENT)]
    streams = [_open(served, c) for c in clients for _ in range(MAX_STREAMS_PER_CLIENT)]
    assert all(_first_message(s) is not None for s in streams)
    assert _open(served, "127.0.0.99").read() == b"retry: 10000\n\n"
    assert _page_answers(served)  # pages still find a slot


def test_a_stream_ends_when_its_lifetime_is_over_and_gives_its_slot_back(
    served: Preview,
) -> None:
    assert served.server is not None
    served.server.stream_lifetime = 0.5
    streams = [_open(served) for _ in range(MAX_STREAMS_PER_CLIENT)]
    for stream in streams:
        assert _first_message(stream) is not None
        started = time.monotonic()
        rest = stream.read()  # returns at the end of the stream, when the server closes it
        assert time.monotonic() - started < 10  # its lifetime, not the socket's 30 s timeout
        # what came before the end: keep-alives, or the news of a build that settled meanwhile
        blocks = [b for b in rest.split(b"\n\n") if b.strip(b"\n")]
        assert all(b.startswith((b": keep-alive", b"id: ")) for b in blocks), rest
    assert _first_message(_open(served)) is not None  # the slots are free again
