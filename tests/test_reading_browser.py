"""The reading features in a real headless Chromium (Playwright), with screenshots in
test-artifacts/reading/ for review: an opinion piece badged as one."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.chromium import CHROMIUM, FLAGS, needs_chromium
from tests.conftest import ROOT
from tests.label_support import labelled_site

if TYPE_CHECKING:
    from playwright.sync_api import Browser

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright not installed (pip install -e '.[test]')"
)
expect = sync_api.expect

pytestmark = needs_chromium

SHOTS = ROOT / "test-artifacts" / "reading"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return labelled_site(tmp_path_factory.mktemp("reading"))


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site / "build"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM
    args = [flag for flag in FLAGS if flag != "--headless"]
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
        yield browser
        browser.close()


def test_an_opinion_news_article_wears_an_opinion_badge(
    site: Path, server: str, browser: Browser
) -> None:
    event = json.loads((site / "build" / "events.json").read_text())["events"][0]
    pages = {a["title"]: a["page"] for a in event["articles"]}
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    try:
        page.goto(server + pages["The Mill Street bridge vote came years too late"])
        badge = page.locator("article.article .label-line .badge")
        expect(badge).to_have_text("Opinion")
        expect(badge).to_be_visible()
        assert badge.bounding_box() is not None
        heading = page.locator("article.article h1").bounding_box()
        box = badge.bounding_box()
        assert heading is not None and box is not None and box["y"] < heading["y"]
        page.screenshot(path=SHOTS / "opinion-article.png")
        page.goto(server + event["page"])
        listed = page.locator(".article-item", has_text="years too late").locator(".label")
        expect(listed).to_have_text("Opinion")
        report = page.locator(".article-item", has_text="votes to close")
        expect(report.locator(".label")).to_have_count(0)
        page.screenshot(path=SHOTS / "opinion-in-coverage.png", full_page=True)
    finally:
        page.close()
