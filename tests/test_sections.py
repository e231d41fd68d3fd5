"""Sections: what publishers file a piece under (stated sections, feed categories, URL
folders), mapped onto the site's own small set; a page and a feed per section, and an event
in every section of its coverage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.config import ConfigError, load_config
from sitegen.ingest import read_file
from sitegen.model import Article
from sitegen.normalize import normalize
from sitegen.sections import STANDARD, Sections, sections_from
from tests.reading_support import sectioned

STANDARD_SECTIONS = Sections(STANDARD)


@pytest.mark.parametrize(
    ("stated", "section"),
    [
        ("Politics", "Politics"),
        ("News > Politics", "Politics"),
        ("uk-politics", "Politics"),
        ("Business > Markets", "Business"),
        ("Science & Technology", "Technology"),
        ("Football", "Sport"),
        ("Opinion", None),
        ("Opinion polls", None),
        ("", None),
    ],
)
def test_a_stated_section_is_mapped_onto_the_sites(stated: str, section: str | None) -> None:
    assert STANDARD_SECTIONS.named(stated) == section


@pytest.mark.parametrize(
    ("url", "section"),
    [
        ("https://example.com/world/europe/2026/11/03/vote", "World"),
        ("https://example.com/business/2026/markets-fall", "Business"),
        ("https://example.com/news/2026/11/03/sport", None),  # the slug is not a folder
        ("https://example.com/news/2026/11/03/vote", None),
        (None, None),
    ],
)
def test_a_url_folder_names_a_section(url: str | None, section: str | None) -> None:
    assert STANDARD_SECTIONS.of_url(url) == section


def _article(n: int, sections: object = None, url: str | None = None) -> Article:
    extra = {} if sections is None else {"sections": sections}
    return Article(id=f"a{n}", title=f"A {n}", body="Text.", url=url, extra=extra)


def test_stated_sections_come_before_the_url_and_an_event_takes_them_all() -> None:
    stated = _article(1, ["Local", "Politics"], "https://x.example/sport/a/b")
    assert STANDARD_SECTIONS.of_article(stated) == "Politics"
    by_url = _article(2, None, "https://x.example/sport/a/b")
    assert STANDARD_SECTIONS.of_article(by_url) == "Sport"
    hostile = _article(3, [{"x": 1}, 7, "Tech"])
    assert STANDARD_SECTIONS.of_article(hostile) == "Technology"
    event = [stated, by_url, _article(4, "Sport"), _article(5)]
    assert STANDARD_SECTIONS.of_event(event) == ("Sport", "Politics")


def test_the_config_chooses_the_sections(tmp_path: Path) -> None:
    assert sections_from("standard").names == tuple(STANDARD)
    assert sections_from("none").names == ()
    custom = sections_from({"Local": ["harwick", "valley"], "Arts": None})
    assert custom.names == ("Local", "Arts")
    assert custom.named("Harwick") == "Local" and custom.named("arts") == "Arts"
    site = tmp_path / "site"
    assert main(["-q", "init", str(site)]) == 0
    config = site / "sitegen.yaml"
    config.write_text(config.read_text() + "sections:\n  Local: local news\n")
    with pytest.raises(ConfigError, match="sections"):
        load_config(site)


def test_feed_categories_are_kept_as_the_stated_sections(tmp_path: Path) -> None:
    feed = tmp_path / "feed.rss"
    feed.write_text(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Times</title>
<item><title>Council votes on the bridge</title><link>https://valley.example/a/b</link>
<guid>a</guid><category>Politics</category><category>Harwick</category><description>The
council voted on Tuesday to close the bridge next month after engineers found corrosion.
</description></item></channel></rss>""",
        encoding="utf-8",
    )
    docs, errors = read_file(feed)
    assert not errors
    assert normalize(docs[0]).extra["sections"] == ["Politics", "Harwick"]


@pytest.fixture
def sectioned_site(tmp_path: Path) -> Path:
    return sectioned(tmp_path)


def test_each_section_gets_a_page_and_a_feed(sectioned_site: Path) -> None:
    build = sectioned_site / "build"
    events = json.loads((build / "events.json").read_text())["events"]
    by_title = {e["title"]: e for e in events}
    assert len(events) == 2
    politics = (build / "sections" / "politics" / "index.html").read_text()
    sport = (build / "sections" / "sport" / "index.html").read_text()
    bridge = next(e for e in events if len(e["articles"]) == 2)
    match = by_title["Rovers beat United"]
    assert f'href="{bridge["page"]}"' in politics and f'href="{match["page"]}"' not in politics
    assert f'href="{match["page"]}"' in sport and f'href="{bridge["page"]}"' not in sport
    assert not (build / "sections" / "business").exists()  # no events, no page
    listing = (build / "sections" / "index.html").read_text()
    assert 'href="/sections/politics/"' in listing and 'href="/sections/sport/"' in listing
    feed = (build / "sections" / "politics" / "feed.xml").read_text()
    assert "Harwick votes to close bridge" in feed and "Rovers" not in feed
    home = (build / "index.html").read_text()
    assert 'aria-label="Sections"' in home and 'href="/sections/sport/"' in home
    event_page = (build / bridge["page"].strip("/") / "index.html").read_text()
    assert 'Event in <a href="/sections/politics/">Politics</a>' in event_page


def test_a_site_without_sections_has_no_section_pages(sectioned_site: Path) -> None:
    config = sectioned_site / "sitegen.yaml"
    config.write_text(config.read_text() + "sections: none\n")
    assert main(["--site", str(sectioned_site), "-q", "build"]) == 0
    build = sectioned_site / "build"
    assert not (build / "sections").exists()
    assert 'aria-label="Sections"' not in (build / "index.html").read_text()
