"""The demo digest in a real headless Chromium driven by Playwright, served under /news/.

A reader's walk through the links, the search page by keyboard, the layout at phone and desktop
widths (with screenshots in test-artifacts/screenshots/ for review), axe-core accessibility
checks in light and dark color schemes, and the weight of the theme's CSS and JavaScript.
"""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pytest

from sitegen.cli import main
from sitegen.slug import slugify
from tests.chromium import needs_chromium, page_tools, playwright_chromium
from tests.conftest import ROOT

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

sync_api, axe_sync = page_tools()
expect = sync_api.expect

pytestmark = needs_chromium

BASE_URL = "https://example.org/news/"
PREFIX = "/news/"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
VIEWPORTS = {"phone": (360, 740), "desktop": (1280, 800)}


class _PrefixedBuild(SimpleHTTPRequestHandler):
    """Serves build/ under /news/ only, as a host with a path prefix would; 404 elsewhere."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "not-under-the-prefix" / "missing")
        return super().translate_path(path[len(PREFIX) - 1 :])

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def build(demo_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site, copied and rebuilt for a base URL with a path prefix."""
    site = tmp_path_factory.mktemp("pages") / "site"
    shutil.copytree(demo_site, site)
    assert main(["--site", str(site), "-q", "build", "--base-url", BASE_URL]) == 0
    return site / "build"


@pytest.fixture(scope="module")
def server(build: Path) -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_PrefixedBuild, directory=str(build)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with playwright_chromium() as chromium:
        yield chromium


def new_page(browser: Browser, viewport: str = "desktop") -> Page:
    width, height = VIEWPORTS[viewport]
    phone = viewport == "phone"
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture(scope="module")
def events(build: Path) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = json.loads((build / "events.json").read_text())["events"]
    return events


@pytest.fixture(scope="module")
def story(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The event with the most coverage from two outlets or more, part of a storyline."""
    covered = [
        e
        for e in events
        if e["storyline"] and len({a["source"] for a in e["articles"] if a["source"]}) >= 2
    ]
    assert covered, "the demo needs an event reported by two outlets, in a storyline"
    return max(covered, key=lambda e: len(e["articles"]))


@pytest.fixture(scope="module")
def pages(server: str, story: dict[str, Any]) -> dict[str, str]:
    """One URL of each kind of page, by name."""
    article = next(a for a in story["articles"] if a["source"])
    return {
        "home": url_of(server, "/"),
        "event": url_of(server, story["page"]),
        "article": url_of(server, article["page"]),
        "source": url_of(server, f"/sources/{slugify(article['source'])}/"),
        "storyline": url_of(server, f"/storylines/{story['storyline']}/"),
        "search": url_of(server, "/search/?q=zelensky"),
    }


def url_of(server: str, page: str) -> str:
    """The served URL of a root-relative `page` from events.json."""
    return server + PREFIX + page.lstrip("/")


def test_server_serves_only_under_the_prefix(server: str, page: Page) -> None:
    for url, status in ((f"{server}{PREFIX}", 200), (f"{server}/index.html", 404)):
        response = page.goto(url)
        assert response and response.status == status, url


def test_walk_from_home_to_the_storyline_by_clicking(
    server: str, page: Page, story: dict[str, Any]
) -> None:
    first = next(a for a in story["articles"] if a["source"])
    other = next(a for a in story["articles"] if a["source"] not in (None, first["source"]))

    page.goto(f"{server}{PREFIX}")
    expect(page.locator("main h1")).to_be_visible()

    latest = page.get_by_role("region", name="Top events", exact=True)
    latest.get_by_role("link", name=story["title"], exact=True).click()
    expect(page).to_have_url(url_of(server, story["page"]))
    expect(page.locator("main h1")).to_have_text(story["title"])

    page.get_by_role("region", name="Coverage", exact=True).get_by_role(
        "link", name=first["title"], exact=True
    ).click()
    expect(page).to_have_url(url_of(server, first["page"]))
    expect(page.locator("main h1")).to_have_text(first["title"])

    coverage = page.get_by_role("complementary", name="All coverage of this event", exact=True)
    expect(coverage.get_by_text(other["source"], exact=True)).to_be_visible()
    coverage.get_by_role("link", name=other["title"], exact=True).click()
    expect(page).to_have_url(url_of(server, other["page"]))
    expect(page.locator("main h1")).to_have_text(other["title"])

    page.locator("main .kicker").get_by_role("link", name=story["title"], exact=True).click()
    expect(page).to_have_url(url_of(server, story["page"]))

    storyline = page.locator("main .kicker").get_by_role("link")
    storyline_title = storyline.inner_text()
    storyline.click()
    expect(page).to_have_url(f"{server}{PREFIX}storylines/{story['storyline']}/")
    expect(page.locator("main h1")).to_have_text(storyline_title)
    timeline = page.locator("main .story-timeline")
    expect(timeline.get_by_role("link", name=story["title"], exact=True)).to_be_visible()


def test_search_by_keyboard(server: str, page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}{PREFIX}")
    page.get_by_role("navigation", name="Site", exact=True).get_by_role(
        "link", name="Search", exact=True
    ).click()
    expect(page).to_have_url(f"{server}{PREFIX}search/")

    box = page.get_by_role("searchbox", name="Words to find", exact=True)
    expect(box).to_be_focused()  # autofocus: the reader can type at once
    page.keyboard.type("bloomberg", delay=20)
    results = page.locator("#search-results li a")
    expect(results.first).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("for “bloomberg”")
    assert page.url.endswith("?q=bloomberg")

    for _ in range(5):  # past the Search button, onto the first result
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('#search-results') !== null"):
            break
    focused = page.locator("#search-results a:focus")
    expect(focused).to_have_count(1)
    title, href = focused.inner_text(), focused.get_attribute("href")
    assert href and href.startswith(PREFIX)
    page.keyboard.press("Enter")
    expect(page).to_have_url(server + href)
    expect(page.locator("main h1")).to_have_text(title)
    assert not errors


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_layout_fits_and_screenshots(
    browser: Browser, viewport: str, pages: dict[str, str]
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = new_page(browser, viewport)
    try:
        for name in ("home", "event", "article"):
            page.goto(pages[name])
            width = page.evaluate("window.innerWidth")
            assert width == VIEWPORTS[viewport][0], "the viewport meta tag is not honoured"
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, f"{viewport} {name}: scrolls sideways ({scroll} > {width})"

            heading = page.locator("main h1")
            expect(heading).to_be_in_viewport()
            text = page.locator("main .body p, main .summary").first
            expect(text).to_be_visible()
            box = text.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
            size = float(text.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
            assert size >= 16, f"{viewport} {name}: main text is {size}px"

            for link in (
                page.get_by_role("navigation", name="Site", exact=True).get_by_role("link").all()
            ):
                expect(link).to_be_in_viewport()
                box = link.bounding_box()
                assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
                assert box["height"] >= 24 and box["width"] >= 24, f"small target: {box}"
                on_top = link.evaluate(
                    "e => { const r = e.getBoundingClientRect();"
                    " return e.contains(document.elementFromPoint("
                    "r.x + r.width / 2, r.y + r.height / 2)); }"
                )
                assert on_top, f"{viewport} {name}: nav link {link.inner_text()} is covered"

            page.screenshot(path=SCREENSHOTS / f"{viewport}-{name}.png", full_page=True)

        nav = page.get_by_role("navigation", name="Site", exact=True)
        nav.get_by_role("link", name="Sources", exact=True).click()
        expect(page.locator("main h1")).to_have_text("Sources")
        nav.get_by_role("link", name="Events", exact=True).click()
        expect(page).to_have_url(pages["home"])
    finally:
        page.context.close()
    for name in ("home", "event", "article"):
        assert (SCREENSHOTS / f"{viewport}-{name}.png").read_bytes().startswith(b"\x89PNG")


def test_the_first_story_is_above_the_fold_on_a_phone(
    browser: Browser, pages: dict[str, str]
) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    try:
        page.goto(pages["home"])
        first = page.locator(".event-item").first
        box = first.locator("h3").bounding_box()
        assert box is not None and box["y"] + box["height"] <= 844, box
        summary = first.locator(".summary").bounding_box()
        assert summary is not None and summary["y"] < 844  # and its summary begins there too
        page.screenshot(path=SCREENSHOTS / "390x844-home.png")
    finally:
        context.close()


def test_a_wide_screen_puts_the_coverage_beside_the_story(
    browser: Browser, pages: dict[str, str]
) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        for name, side in (("event", "#coverage-h"), ("article", "#coverage-h")):
            page.goto(pages[name])
            story = page.locator("main h1").bounding_box()
            beside = page.locator(side).bounding_box()
            assert story and beside, name
            assert beside["x"] >= story["x"] + 600, f"{name}: coverage not in a second column"
            assert beside["y"] < 450, f"{name}: coverage starts below the first screen"
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= 1440
            page.screenshot(path=SCREENSHOTS / f"1440-{name}.png")
    finally:
        context.close()


@pytest.fixture(scope="module")
def axe() -> Any:
    return axe_sync.Axe()


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['impact']}: {v['id']}: {v['help']}")
        for node in v["nodes"][:5]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '')}")
    return "\n".join(lines)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["home", "event", "article", "source", "storyline", "search"])
def test_no_serious_accessibility_violations(
    page: Page, axe: Any, pages: dict[str, str], name: str, scheme: Literal["light", "dark"]
) -> None:
    page.emulate_media(color_scheme=scheme)
    response = page.goto(pages[name])
    assert response and response.status == 200, pages[name]
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
    if name == "search":  # check the results too, not just the empty form
        expect(page.locator("#search-results li").first).to_be_visible()
    violations = axe.run(page).response["violations"]
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not bad, f"{name} ({scheme}):\n{describe(bad)}"


FOCUS_RING = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  if (e === document.body) return null;
  return [e.outerHTML.slice(0, 80), s.outlineStyle, parseFloat(s.outlineWidth)];
}"""


@pytest.mark.parametrize("name", ["article", "event", "search"])
def test_keyboard_focus_is_always_visible(page: Page, pages: dict[str, str], name: str) -> None:
    page.goto(pages[name])
    if name != "search":
        page.keyboard.press("Tab")
        skip = page.get_by_role("link", name="Skip to content", exact=True)
        expect(skip).to_be_focused()
        expect(skip).to_be_in_viewport()
    else:
        expect(page.locator("#search-results li").first).to_be_visible()
    seen = 0
    while (ring := page.evaluate(FOCUS_RING)) and seen < 150:
        # Chromium's own ring ("auto") is visible; a custom outline must be 2px or more.
        visible = ring[1] == "auto" or (ring[1] != "none" and ring[2] >= 2)
        assert visible, f"no visible focus on {ring[0]}"
        seen += 1
        page.keyboard.press("Tab")
    assert seen >= 8, "too few focusable elements reached by Tab"


def test_theme_css_and_js_stay_small() -> None:
    static = ROOT / "themes" / "default" / "static"
    files = [p for p in static.iterdir() if p.suffix in (".css", ".js")]
    total = sum(p.stat().st_size for p in files)
    assert files and total < 60 * 1024, f"{total} bytes of CSS and JS"
