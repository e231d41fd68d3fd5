"""Feeds, sitemap and page metadata of the demo site built for https://example.org/news/."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import feedparser
import pytest

from sitegen.check import check_site
from sitegen.cli import main

BASE = "https://example.org/news/"


@pytest.fixture(scope="module")
def built(demo_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("sub") / "site"
    shutil.copytree(demo_site, site)
    assert main(["--site", str(site), "-q", "build", "--base-url", BASE, "--clean"]) == 0
    return site


def test_no_broken_link_under_a_sub_path(built: Path) -> None:
    assert check_site(built, "/news/") == []


def test_every_feed_parses_and_links_absolutely(built: Path) -> None:
    feeds = sorted((built / "build").rglob("feed.xml"))
    assert len(feeds) >= 1 + 3 + 2  # site, each event, each source
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.entries, path
        for entry in parsed.entries:
            assert entry.link.startswith(BASE + "articles/")
            assert (built / "build" / entry.link[len(BASE) :] / "index.html").is_file()
    site_feed = feedparser.parse((built / "build" / "feed.xml").read_bytes())
    assert len(site_feed.entries) == 5


def test_sitemap_lists_every_page(built: Path) -> None:
    xml = (built / "build" / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"<loc>([^<]+)</loc>", xml))
    pages = set()
    for page in (built / "build").rglob("index.html"):
        if 'http-equiv="refresh"' in page.read_text(encoding="utf-8"):
            continue
        rel = page.relative_to(built / "build").as_posix().removesuffix("index.html")
        pages.add(BASE + rel)
    assert listed == pages
    assert f"Sitemap: {BASE}sitemap.xml" in (built / "build" / "robots.txt").read_text()


def test_every_page_has_the_basic_metadata(built: Path) -> None:
    for page in (built / "build").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue
        assert re.search(r'<html lang="en">', html), page
        assert '<meta name="viewport"' in html, page
        assert re.search(r"<title>[^<]+</title>", html), page
        assert re.search(r'<meta name="description" content="[^"]+">', html), page


def test_event_pages_name_every_article_and_outlet(built: Path) -> None:
    import json

    events = json.loads((built / "build" / "events.json").read_text(encoding="utf-8"))["events"]
    for event in events:
        html = (built / "build" / event["page"].strip("/") / "index.html").read_text()
        assert f'href="/news{event["page"]}feed.xml"' in html
        for article in event["articles"]:
            assert f'href="/news{article["page"]}"' in html
            if article["source"]:
                assert article["source"] in html
