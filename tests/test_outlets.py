"""One source page per outlet, however its articles spell it.

The names are unit-tested on their own (:mod:`sitegen.outlets`); then a small hand-made site
whose articles spell two outlets five ways each, beside two different outlets whose names
slug alike, is built for real and its source pages are read back.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.build import build_site
from sitegen.config import load_config
from sitegen.model import Article
from sitegen.outlets import display_name, one_name_per_outlet, outlet_key, plain_name


@pytest.mark.parametrize(
    "spellings",
    [
        ["PolitiFact", "Politifact", "politifact.com", "POLITIFACT", "www.politifact.com"],
        ["https://www.politifact.com/truth-o-meter/", "Politi-Fact", "Politi Fact"],
        ["The Harbour Post", "Harbour Post", "harbourpost.com", "The  Harbour-Post"],
        ["NJ.com", "Nj", "nj.com"],
        ["Aktuálně.cz", "aktualne.cz", "Aktualne"],
        ["Courier.co.uk", "courier.co.uk", "The Courier"],
    ],
)
def test_spellings_of_one_outlet_share_a_key(spellings: list[str]) -> None:
    assert len({outlet_key(s) for s in spellings}) == 1


@pytest.mark.parametrize(
    "a, b",
    [
        ("Harbour Post", "Harbour Times"),
        ("Łódź News", "Lodz News"),  # they slug alike (lodz-news); ł is a letter of its own
        ("The Courier", "Courier Mail"),
        ("news.example.com", "example.com"),
    ],
)
def test_different_outlets_keep_different_keys(a: str, b: str) -> None:
    assert outlet_key(a) != outlet_key(b)


def test_plain_name_reads_a_host_or_url_as_its_name() -> None:
    assert plain_name("politifact.com") == "politifact"
    assert plain_name("https://www.politifact.com/x/") == "politifact"
    assert plain_name("NJ.com") == "NJ"
    assert plain_name("bbc.co.uk") == "bbc"
    assert plain_name("U.S.News") == "U.S.News"  # no host: its last label is not lower case
    assert plain_name("St. Louis  Post-Dispatch") == "St. Louis Post-Dispatch"


def test_display_name_is_the_most_common_spelling_then_the_best_capitalised() -> None:
    assert display_name(["politifact.com", "politifact.com", "PolitiFact"]) == "politifact.com"
    assert display_name(["politifact.com", "Politifact", "PolitiFact"]) == "PolitiFact"
    assert display_name(["POLITIFACT", "Politifact"]) == "Politifact"
    assert display_name(["npr", "NPR"]) == "NPR"
    assert display_name(["Harbour Post", "harbour post"]) == "Harbour Post"
    assert display_name(["https://www.politifact.com/x"]) == "politifact"


def test_display_name_does_not_depend_on_the_order_of_the_articles() -> None:
    names = ["Politifact", "PolitiFact", "politifact", "Politi Fact"]
    assert (
        display_name(names) == display_name(list(reversed(names))) == "Politi Fact"
    )  # ties: sorted


def test_one_name_per_outlet_renames_only_what_it_must() -> None:
    articles = [
        Article("a", "A", "Text.", source="PolitiFact"),
        Article("b", "B", "Text.", source="politifact.com"),
        Article("c", "C", "Text.", source="PolitiFact"),
        Article("d", "D", "Text.", source="Copyright 2014"),
        Article("e", "E", "Text.", source=None),
        Article("f", "F", "Text.", source="Harbour Post"),
    ]
    out = one_name_per_outlet(articles)
    assert [a.source for a in out] == [
        "PolitiFact",
        "PolitiFact",
        "PolitiFact",
        None,  # a copyright line names no outlet
        None,
        "Harbour Post",
    ]
    assert out[0] is articles[0] and out[5] is articles[5]


# --- a real build ---------------------------------------------------------------------------

SPELLINGS = {
    "PolitiFact": ["PolitiFact", "PolitiFact", "Politifact", "politifact.com", "POLITIFACT"],
    "The Harbour Post": ["The Harbour Post", "The Harbour Post", "Harbour Post", "harbourpost.com"],
}
ALIKE = ["Łódź News", "Lodz News"]
_ROW = re.compile(r'<tr><td><a href="(/sources/[^/"]+/)">([^<]+)</a></td><td>(\d+)</td>')


def _article(site: Path, name: str, source: str, day: int, topic: str) -> None:
    folder = site / "content" / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    meta = f"id: {name}\ntitle: '{topic} report {day}'\nsource: '{source}'\n"
    meta += f"date: '2024-05-{day:02d}'\n"
    body = (
        f"The {topic} committee met on day {day} to discuss the {topic} budget and the "
        f"schedule of the {topic} works.\n\nMembers said the {topic} plan would be published "
        "after the vote.\n"
    )
    (folder / f"{name}.md").write_text(f"---\n{meta}---\n\n{body}", encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("outlets") / "site"
    site.mkdir()
    (site / "sitegen.yaml").write_text(
        "title: Outlet Digest\nbase_url: https://example.org/\n", encoding="utf-8"
    )
    n = 0
    topics = ["harbour", "ferry", "bridge", "school", "library", "stadium", "tramway"]
    for spellings in SPELLINGS.values():
        for source in spellings:
            n += 1
            _article(site, f"story-{n}", source, n, topics[n % len(topics)])
    for source in ALIKE:
        n += 1
        _article(site, f"story-{n}", source, n, "museum")
    report = build_site(site, load_config(site), clean=True)
    assert report.errors == ()
    return site / "build"


def _rows(build: Path) -> list[tuple[str, str, int]]:
    html = (build / "sources" / "index.html").read_text(encoding="utf-8")
    return [(href, name, int(n)) for href, name, n in _ROW.findall(html)]


def test_one_source_page_per_outlet_under_its_most_common_spelling(built: Path) -> None:
    rows = {name: (href, count) for href, name, count in _rows(built)}
    assert rows["PolitiFact"] == ("/sources/politifact/", 5)
    assert rows["The Harbour Post"] == ("/sources/the-harbour-post/", 4)
    pages = sorted(p.parent.name for p in (built / "sources").glob("*/index.html"))
    assert not any(p.endswith("-2") and p.startswith(("politifact", "the-harbour")) for p in pages)
    assert "politifact-com" not in pages and "harbour-post" not in pages
    outlet = (built / "sources" / "politifact" / "index.html").read_text(encoding="utf-8")
    assert outlet.count('class="article-item"') == 5


def test_different_outlets_that_slug_alike_keep_their_own_pages(built: Path) -> None:
    rows = {name: (href, count) for href, name, count in _rows(built)}
    assert rows["Łódź News"][1] == rows["Lodz News"][1] == 1
    assert {rows["Łódź News"][0], rows["Lodz News"][0]} == {
        "/sources/lodz-news/",
        "/sources/lodz-news-2/",
    }
    assert len(rows) == 4


def test_articles_show_their_outlet_under_the_one_name(built: Path) -> None:
    for path in (built / "articles").glob("*/index.html"):
        html = path.read_text(encoding="utf-8")
        assert "politifact.com" not in html.replace("/sources/politifact/", "")
        assert "POLITIFACT" not in html
