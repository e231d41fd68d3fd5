"""The demo digest in a real headless Chromium, served from 127.0.0.1."""

from __future__ import annotations

import functools
import json
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.chromium import CHROMIUM, FLAGS, needs_chromium
from tests.htmlutil import article_url, without_own_scripts

pytestmark = needs_chromium


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(demo_site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(demo_site / "build"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


def test_home_page_renders_events(server: str, demo_site: Path) -> None:
    dom = chromium("--dump-dom", server + "/").stdout
    events = json.loads((demo_site / "build" / "events.json").read_text())["events"]
    assert "<h1" in dom
    for event in events:
        assert f'href="{event["page"]}"' in dom


def test_article_page_shows_text_and_coverage(server: str, demo_site: Path) -> None:
    events = json.loads((demo_site / "build" / "events.json").read_text())["events"]
    event = max(events, key=lambda e: len(e["articles"]))
    first, *others = event["articles"]
    dom = chromium("--dump-dom", server + first["page"]).stdout
    assert "All coverage of" in dom
    for other in others:
        assert f'href="{other["page"]}"' in dom
    assert "<script" not in without_own_scripts(dom)


def test_screenshot_is_a_real_picture(server: str, tmp_path: Path) -> None:
    shot = tmp_path / "home.png"
    chromium(f"--screenshot={shot}", "--window-size=1200,900", server + "/")
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 10_000


def test_search_finds_articles_from_the_static_index(server: str, demo_site: Path) -> None:
    dom = chromium(
        "--virtual-time-budget=5000", "--dump-dom", server + "/search/?q=bloomberg"
    ).stdout
    assert 'id="search-results"' in dom
    results = dom.split('id="search-results"', 1)[1].split("</ol>", 1)[0]
    bloomberg = article_url(demo_site, "003_234a2aec75f49146")
    assert results.count("<li>") >= 1 and bloomberg in results
    assert "1 result" in dom or "results for" in dom


def test_search_for_nothing_says_so(server: str) -> None:
    dom = chromium("--virtual-time-budget=5000", "--dump-dom", server + "/search/?q=zzzqqq").stdout
    assert "Nothing found" in dom
