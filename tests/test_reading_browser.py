"""The reading features in a real headless Chromium (Playwright), with screenshots in
test-artifacts/reading/ for review: an opinion piece badged as one, a section's page with its
events, the articles of the latest update under "new", readable addresses for headlines in
Cyrillic and Chinese, lead images that move nothing when they arrive and hostile ones never
requested."""

from __future__ import annotations

import functools
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

import pytest

from tests.chromium import needs_chromium, page_tools, playwright_chromium
from tests.conftest import ROOT
from tests.reading_support import (
    CHINESE,
    RUSSIAN,
    _write,
    images_site,
    labelled_site,
    other_scripts,
    png,
    sectioned,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

sync_api, axe_sync = page_tools()
expect = sync_api.expect

pytestmark = needs_chromium

SHOTS = ROOT / "test-artifacts" / "reading"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return labelled_site(tmp_path_factory.mktemp("reading"))


@contextmanager
def serving(build: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(build))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    with serving(site / "build") as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with playwright_chromium() as chromium:
        yield chromium


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


def test_a_section_page_lists_its_events(
    tmp_path_factory: pytest.TempPathFactory, browser: Browser
) -> None:
    site = sectioned(tmp_path_factory.mktemp("sections"))
    events = json.loads((site / "build" / "events.json").read_text())["events"]
    bridge = next(e for e in events if len(e["articles"]) == 2)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with serving(site / "build") as server:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        try:
            page.goto(server + "/")
            page.locator("nav.sections").get_by_role("link", name="Politics").click()
            expect(page.locator("h1")).to_have_text("Politics")
            expect(page.locator("nav.sections [aria-current=page]")).to_have_text("Politics")
            listed = page.locator(".event-item h3 a")
            expect(listed).to_have_count(1)
            expect(listed).to_have_text(bridge["title"])
            page.screenshot(path=SHOTS / "section-page.png", full_page=True)
            listed.click()
            expect(page.locator(".kicker").get_by_role("link", name="Politics")).to_be_visible()
        finally:
            page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_badges_and_section_pages_have_no_serious_accessibility_violations(
    site: Path,
    server: str,
    browser: Browser,
    tmp_path_factory: pytest.TempPathFactory,
    scheme: Literal["light", "dark"],
) -> None:
    event = json.loads((site / "build" / "events.json").read_text())["events"][0]
    opinion = next(a["page"] for a in event["articles"] if "too late" in a["title"])
    sectioned_site = sectioned(tmp_path_factory.mktemp("axe"))
    checker = axe_sync.Axe()
    with serving(sectioned_site / "build") as other:
        urls = [
            server + opinion,
            server + event["page"],
            other + "/",
            other + "/sections/",
            other + "/sections/politics/",
        ]
        page = browser.new_page()
        SHOTS.mkdir(parents=True, exist_ok=True)
        try:
            page.emulate_media(color_scheme=scheme)
            for number, url in enumerate(urls, 1):
                response = page.goto(url)
                assert response and response.status == 200, url
                page.screenshot(path=SHOTS / f"axe-{scheme}-{number}.png", full_page=True)
                violations = checker.run(page).response["violations"]
                bad = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
                assert not bad, f"{url} ({scheme}): {bad}"
        finally:
            page.close()


def test_the_three_articles_of_a_second_build_are_under_new(
    tmp_path_factory: pytest.TempPathFactory, browser: Browser, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sitegen.cli import main
    from tests.test_updates import NEW, START

    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(START))
    site = sectioned(tmp_path_factory.mktemp("new"))
    for name, (title, body) in NEW.items():
        _write(site, name, title, body, source="Courier")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(START + 3600))
    assert main(["--site", str(site), "-q", "build"]) == 0
    SHOTS.mkdir(parents=True, exist_ok=True)
    with serving(site / "build") as server:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        try:
            page.goto(server + "/")
            page.get_by_role("link", name="3 new articles").click()
            expect(page.locator("h1")).to_have_text("New since the last update")
            marked = page.locator(".article-item:has(.badge.new) > a")
            expect(marked).to_have_count(3)
            assert set(marked.all_inner_texts()) == {title for title, _ in NEW.values()}
            page.screenshot(path=SHOTS / "new-since-last-update.png", full_page=True)
        finally:
            page.close()


def test_cyrillic_and_chinese_headlines_have_readable_addresses(
    tmp_path_factory: pytest.TempPathFactory, browser: Browser
) -> None:
    site = other_scripts(tmp_path_factory.mktemp("scripts"))
    SHOTS.mkdir(parents=True, exist_ok=True)
    with serving(site / "build") as server:
        page = browser.new_page(viewport={"width": 1000, "height": 800})
        try:
            for headline, path, shot in (
                (RUSSIAN, "/events/putin-vstretilsya-s-si-tszin-pinom/", "cyrillic"),
                (CHINESE, "/events/xi-jin-ping-yu-ze-lian-si-ji/", "chinese"),
            ):
                page.goto(server + "/")
                page.get_by_role("link", name=headline, exact=True).click()
                expect(page.locator("h1")).to_have_text(headline)
                assert page.url == server + path
                page.screenshot(path=SHOTS / f"slug-{shot}.png")
        finally:
            page.close()


class _Images(SimpleHTTPRequestHandler):
    """Serves two PNGs, slowly (so that a page that reserved no room for them would move when
    they arrive), and counts every path asked for."""

    asked: ClassVar[list[str]] = []
    files: ClassVar[dict[str, bytes]] = {
        "/bridge.png": png(1200, 675),
        "/river.png": png(800, 800),
    }

    def do_GET(self) -> None:
        type(self).asked.append(self.path)
        data = self.files.get(self.path)
        time.sleep(0.4)
        if data is None:
            self.send_error(404)
            return
        try:
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page moved on before its image arrived

    def log_message(self, format: str, *args: object) -> None:
        pass


ARRIVED = (
    "[...document.querySelectorAll('figure.lead img')].every(i => i.complete && i.naturalWidth > 0)"
)
"""Every lead image of the page has arrived."""
CLS = """
window.__shift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shift += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


def test_lead_images_move_nothing_and_hostile_ones_are_never_requested(
    tmp_path_factory: pytest.TempPathFactory, browser: Browser
) -> None:
    images = ThreadingHTTPServer(("127.0.0.1", 0), _Images)
    threading.Thread(target=images.serve_forever, daemon=True).start()
    _Images.asked = []
    base = f"http://127.0.0.1:{images.server_address[1]}"
    try:
        site = images_site(tmp_path_factory.mktemp("images"), base)
        events = json.loads((site / "build" / "events.json").read_text())["events"]
        SHOTS.mkdir(parents=True, exist_ok=True)
        requested: list[str] = []
        with serving(site / "build") as server:
            for width, height in ((390, 844), (1280, 800)):
                page = browser.new_page(viewport={"width": width, "height": height})
                page.on("request", lambda r: requested.append(r.url))
                page.add_init_script(CLS)
                try:
                    for event in events:
                        for url in [event["page"], *(a["page"] for a in event["articles"])]:
                            page.goto(server + url, wait_until="load")
                            page.wait_for_function(ARRIVED)
                            shift = page.evaluate("window.__shift")
                            assert shift == 0, f"{url} at {width}px: layout shift {shift}"
                    bridge = next(e for e in events if "sized" in {a["id"] for a in e["articles"]})
                    page.goto(server + bridge["page"], wait_until="load")
                    lead = page.locator("figure.lead img")
                    expect(lead).to_have_count(1)
                    page.wait_for_function(ARRIVED)
                    assert lead.evaluate("i => i.naturalWidth") > 0  # it did arrive
                    page.screenshot(path=SHOTS / f"lead-image-{width}.png")
                finally:
                    page.close()
        assert any(u.endswith("/bridge.png") for u in requested)
        hostile = [
            u
            for u in requested
            if not u.startswith((server, base + "/bridge.png", base + "/river.png"))
        ]
        assert hostile == [], hostile
        assert set(_Images.asked) <= {"/bridge.png", "/river.png"}, _Images.asked
    finally:
        images.shutdown()
        images.server_close()
