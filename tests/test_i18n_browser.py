"""The theme's words switched by a second catalogue, in a real headless Chromium.

Two builds of one site (the demo's five articles and an event with an op-ed): one with a
pseudo-catalogue that wraps every message of the theme in ⟦ ⟧, read page by page for any
text that is neither wrapped nor the articles' own (their text, titles, outlets, names) nor
the language's CLDR data (month names, on charts' axes); and one in French, for a reader's
look (screenshots in test-artifacts/i18n/), with the search page's script speaking it too.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from babel import Locale

from sitegen.cli import main
from tests.chromium import needs_chromium, page_tools, playwright_chromium
from tests.conftest import ROOT
from tests.i18n_support import (
    OPEN,
    PSEUDO,
    site_in,
    without_marked,
    write_pseudo_catalogue,
)
from tests.reading_support import write_event_pages
from tests.test_reading_browser import serving

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

sync_api, axe_sync = page_tools()
expect = sync_api.expect

pytestmark = needs_chromium

SHOTS = ROOT / "test-artifacts" / "i18n"

_TIME = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d [A-Z][A-Za-z0-9+\-]*")

SHOWN = """
() => {
  const out = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => ["SCRIPT", "STYLE", "NOSCRIPT"].includes(n.parentElement.tagName)
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  while (walker.nextNode()) out.push(walker.currentNode.nodeValue);
  for (const el of document.querySelectorAll("[aria-label],[title],[alt],[placeholder]")) {
    for (const name of ["aria-label", "title", "alt", "placeholder"]) {
      if (el.hasAttribute(name)) out.push(el.getAttribute(name));
    }
  }
  const description = document.querySelector('meta[name="description"]');
  if (description) out.push(description.content);
  return out;
}
"""
"""Every text a reader meets on a page: its title, its text and the attributes read out."""


@pytest.fixture(scope="module")
def english(demo_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("i18n")
    site = root / "site"
    shutil.copytree(demo_site, site, ignore=shutil.ignore_patterns("build", ".sitegen-cache"))
    pages = write_event_pages(root / "pages")
    assert main(["--site", str(site), "-q", "import", *map(str, pages.values())]) == 0
    assert main(["--site", str(site), "-q", "build"]) == 0
    return site


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with playwright_chromium() as chromium:
        yield chromium


def _corpus(site: Path) -> str:
    """The site's own words: its articles (text and front matter), its config and the
    index of events (titles, outlets, names), whitespace made single."""
    parts = [p.read_text(encoding="utf-8") for p in (site / "content").rglob("*.md")]
    parts.append((site / "sitegen.yaml").read_text(encoding="utf-8"))
    for index in ("events.json", "search.json"):
        data = json.loads((site / "build" / index).read_text(encoding="utf-8"))
        parts.append(json.dumps(data, ensure_ascii=False))
    return _plain(" ".join(parts))


def _plain(text: str) -> str:
    """Only the words and numbers of ``text``, one space apart (Markdown's escapes, quotes
    and line breaks aside)."""
    return " " + " ".join(re.sub(r"[^\w]+", " ", text).split()) + " "


def _cldr_words(language: str) -> set[str]:
    """Month names of ``language`` as CLDR gives them (the charts' axes, the archive)."""
    locale = Locale.parse(language)
    names: set[str] = set()
    for width in ("abbreviated", "wide"):
        for context in ("format", "stand-alone"):
            names |= set(locale.months[context][width].values())
    return names


def _pages(build: Path) -> list[str]:
    return sorted(
        "/" + p.relative_to(build).as_posix().removesuffix("index.html")
        for p in build.rglob("*.html")
    )


def _search(page: Page, words: str) -> str:
    page.fill("#search-q", words)
    page.press("#search-q", "Enter")
    status = page.locator("#search-status")
    expect(status).not_to_have_text("")
    return status.inner_text()


def test_a_second_catalogue_switches_every_word_of_the_theme(
    english: Path, tmp_path_factory: pytest.TempPathFactory, browser: Browser
) -> None:
    site = site_in(english, tmp_path_factory.mktemp("pseudo"), PSEUDO, write_pseudo_catalogue)
    corpus = _corpus(site)
    cldr = _cldr_words("en")
    build = site / "build"
    paths = _pages(build)
    assert len(paths) > 20
    left: dict[str, set[str]] = {}
    marked = 0
    with serving(build) as server:
        page = browser.new_page(viewport={"width": 1000, "height": 800})
        try:
            for path in paths:
                page.goto(server + path)
                texts: list[str] = page.evaluate(SHOWN)
                if path == "/search/":
                    texts.append(_search(page, "Zelensky"))
                    texts.append(_search(page, "qqqzzz"))
                for text in texts:
                    marked += text.count(OPEN)
                    for piece in re.split(r"\s{2,}|\s·\s|\s–\s", without_marked(text)):
                        piece = " ".join(piece.split()).strip(" ,.;:()·–—!?←→")
                        if not any(c.isalpha() for c in piece) or _plain(piece) in corpus:
                            continue
                        if _TIME.fullmatch(piece):
                            continue  # a time and its zone's abbreviation (site/times.py)
                        if all(w.strip(".,") in cldr or not w.isalpha() for w in piece.split()):
                            continue  # "Nov 3": the language's month, not the theme's word
                        left.setdefault(piece, set()).add(path)
            page.goto(server + "/search/")
            shown = _search(page, "Zelensky")
            assert shown.startswith(OPEN) is False and f"{OPEN}result" in shown
            page.goto(server + "/")
            SHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=SHOTS / "pseudo-home.png", full_page=True)
        finally:
            page.close()
    assert marked > 500
    assert left == {}, "words no catalogue switched: " + repr(sorted(left.items())[:10])


def test_a_site_in_french_for_a_reader(
    english: Path, tmp_path_factory: pytest.TempPathFactory, browser: Browser
) -> None:
    site = site_in(english, tmp_path_factory.mktemp("fr"), "fr")
    build = site / "build"
    events = json.loads((build / "events.json").read_text())["events"]
    event = max(events, key=lambda e: len(e["articles"]))
    opinion = next(a for e in events for a in e["articles"] if "too late" in a["title"])
    SHOTS.mkdir(parents=True, exist_ok=True)
    with serving(build) as server:
        page = browser.new_page(viewport={"width": 1000, "height": 800})
        try:
            page.goto(server + "/")
            assert page.locator("html").get_attribute("lang") == "fr"
            nav = page.locator("header nav")
            expect(nav).to_contain_text("Événements")
            expect(nav).to_contain_text("Archives")
            expect(page.locator("#events-h")).to_have_text("Événements à la une")
            page.screenshot(path=SHOTS / "fr-home.png", full_page=True)
            page.goto(server + event["page"])
            expect(page.locator(".kicker")).to_contain_text("Événement")
            expect(page.locator("#coverage-h")).to_have_text("Couverture")
            # the articles are English: a screen reader reads their words as English
            assert page.locator("h1").get_attribute("lang") == "en"
            assert page.locator("#coverage-h").get_attribute("lang") is None
            page.screenshot(path=SHOTS / "fr-event.png", full_page=True)
            checker = axe_sync.Axe()
            for scheme in ("light", "dark"):
                page.emulate_media(color_scheme=scheme)
                violations = checker.run(page).response["violations"]
                bad = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
                assert not bad, f"{event['page']} in French ({scheme}): {bad}"
            page.goto(server + opinion["page"])
            expect(page.locator("article.article .label-line .badge")).to_have_text("Opinion")
            expect(page.locator("article.article p.meta")).to_contain_text("min de lecture")
            page.screenshot(path=SHOTS / "fr-article.png", full_page=True)
            page.goto(server + "/search/")
            assert _search(page, "qqqzzz") == "Aucun résultat pour « qqqzzz »."
            assert re.fullmatch(r"\d+ résultats? pour « Harwick »", _search(page, "Harwick"))
            expect(page.locator("#search-results .meta").first).to_contain_text("événement, ")
            page.screenshot(path=SHOTS / "fr-search.png", full_page=True)
            page.goto(server + "/archive/")
            expect(page.locator("h1")).to_have_text("Archives")
            expect(page.locator("main")).to_contain_text("novembre 2026")
            page.screenshot(path=SHOTS / "fr-archive.png", full_page=True)
        finally:
            page.close()
