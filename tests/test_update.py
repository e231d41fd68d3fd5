"""``sitegen update`` against a news site on 127.0.0.1: every feed dialect, feeds that fail,
item pages that are real saved pages, conditional requests, and only new items imported."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from sitegen import frontmatter
from sitegen.cli import main
from sitegen.errors import EXIT_PARTIAL
from tests.news_support import Item, NewsSite, gold_text, page_stems, serving

GOOD = (
    "/feeds/rss2.xml",
    "/feeds/rss1.rdf",
    "/feeds/atom.xml",
    "/feeds/entities.xml",
    "/feeds/news.gz.xml",
    "/feeds/old.xml",
)
BAD = ("/feeds/fail.xml", "/feeds/hang.xml", "/feeds/notxml.xml")
STEMS = page_stems(9)


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.casefold()))


def recall(gold: str, got: str) -> float:
    g, h = _words(gold), _words(got)
    return sum((g & h).values()) / max(sum(g.values()), 1)


@pytest.fixture
def news() -> Iterator[NewsSite]:
    p = STEMS
    full = gold_text(p[3])
    site = NewsSite(
        feeds={
            "/feeds/rss2.xml": (
                "rss2",
                [
                    Item("wire-1", "Council backs harbour plan", p[0], categories=("Politics",)),
                    Item("wire-2", "Storm closes coast road", p[1]),
                ],
            ),
            "/feeds/rss1.rdf": ("rss1", [Item("valley-1", "Valley school reopens", p[2])]),
            "/feeds/atom.xml": (
                "atom",
                [
                    Item("tag:coast,2023:1", "A long read carried whole", content=full),
                    Item("tag:coast,2023:2", "Ferry timetable changes", p[4]),
                ],
            ),
            "/feeds/entities.xml": ("entities", [Item("ent-1", "Harbour's new quay", p[5])]),
            "/feeds/news.gz.xml": ("rss2", [Item("gz-1", "Bridge repairs start", p[6])]),
            "/feeds/moved.xml": ("rss2", [Item("moved-1", "Lighthouse restored", p[7])]),
        }
    )
    with serving(site) as served:
        yield served


def _site(tmp_path: Path, news: NewsSite) -> Path:
    site = tmp_path / "site"
    assert main(["init", str(site)]) == 0
    for old in (site / "content" / "articles").glob("*.md"):
        old.unlink()
    config = yaml.safe_load((site / "sitegen.yaml").read_text("utf-8"))
    config["feeds"] = [news.url(p) for p in GOOD + BAD]
    config["feeds"][0] = {"url": news.url(GOOD[0]), "name": "Harbour Wire"}
    config["update"] = {"delay": 0, "timeout": 2, "retries": 1}
    (site / "sitegen.yaml").write_text(yaml.safe_dump(config), "utf-8")
    return site


def _articles(site: Path) -> dict[str, tuple[dict[str, object], str]]:
    out = {}
    for path in sorted((site / "content" / "articles").glob("*.md")):
        meta, body = frontmatter.split(path.read_text("utf-8"))
        out[str(meta["title"])] = (meta, body)
    return out


def _snapshot(site: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (site / "content" / "articles").iterdir()}


def test_update_imports_full_text_names_failures_and_then_asks_conditionally(
    tmp_path: Path, news: NewsSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _site(tmp_path, news)
    assert main(["--site", str(site), "update"]) == EXIT_PARTIAL
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    for bad in BAD:
        assert sum(bad in line for line in errors) == 1, (bad, errors)
    assert len(errors) == len(BAD), errors
    articles = _articles(site)
    assert len(articles) == 8, sorted(articles)
    by_url = {str(m.get("url")): (m, b) for m, b in articles.values()}
    for stem in (s for i, s in enumerate(STEMS[:8]) if i != 3):  # the pages behind teasers
        found = [b for u, (m, b) in by_url.items() if stem in u]
        page_meta = [m for u, (m, b) in by_url.items() if stem in u]
        assert found, (stem, sorted(by_url))
        assert recall(gold_text(stem), found[0]) >= 0.75, stem  # the page's text, not a teaser
        assert page_meta[0]["imported"]["file"].startswith(news.base)  # type: ignore[index]
    carried = articles["A long read carried whole"][1]
    assert recall(gold_text(STEMS[3]), carried) >= 0.9  # the feed's own full text, no page
    assert news.hits[f"/pages/{STEMS[3]}.html"] == 0
    wire = articles["Council backs harbour plan"][0]
    assert wire["source"] == "Harbour Wire" and wire["tags"] == ["Politics"]
    assert "Harbour\u2019s n\u00e9w quay" in articles  # HTML entities inside the XML, decoded

    pages_before = {k: v for k, v in news.hits.items() if k.startswith("/pages/")}
    before = _snapshot(site)
    assert main(["--site", str(site), "update"]) == EXIT_PARTIAL
    out = capsys.readouterr().out
    assert "articles 0 new, 0 updated" in out, out
    assert _snapshot(site) == before  # nothing written
    for path in ("/feeds/rss2.xml", "/feeds/atom.xml", "/feeds/news.gz.xml", "/feeds/moved.xml"):
        assert news.conditional[path] >= 1 and news.not_modified[path] >= 1, path
    assert {k: v for k, v in news.hits.items() if k.startswith("/pages/")} == pages_before

    news.feeds["/feeds/rss2.xml"][1].append(Item("wire-3", "Market hall sold", STEMS[8]))
    assert main(["--site", str(site), "update"]) == EXIT_PARTIAL
    out = capsys.readouterr().out
    assert "articles 1 new, 0 updated" in out, out
    after = _snapshot(site)
    assert set(before) < set(after) and len(after) == len(before) + 1
    assert all(after[name] == data for name, data in before.items())
    assert news.hits[f"/pages/{STEMS[8]}.html"] == 1
    assert {
        k: v for k, v in news.hits.items() if k.startswith("/pages/") and STEMS[8] not in k
    } == (pages_before)


def test_robots_txt_is_obeyed_and_an_unreadable_one_is_tried_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items = [Item("r-1", "Quay reopens after a long year of repairs", STEMS[0])]
    news = NewsSite(feeds={"/feeds/rss2.xml": ("rss2", items)}, robots=500)
    with serving(news):
        site = tmp_path / "site"
        assert main(["init", str(site)]) == 0
        for old in (site / "content" / "articles").glob("*.md"):
            old.unlink()
        config = yaml.safe_load((site / "sitegen.yaml").read_text("utf-8"))
        config["feeds"] = [news.url("/feeds/rss2.xml")]
        config["update"] = {"delay": 0, "timeout": 2, "retries": 0}
        (site / "sitegen.yaml").write_text(yaml.safe_dump(config), "utf-8")
        assert main(["--site", str(site), "update"]) == EXIT_PARTIAL
        assert "robots.txt of 127.0.0.1 cannot be read" in capsys.readouterr().err
        assert _articles(site) == {}  # not the teaser: the page is tried again next time
        news.robots = b"User-agent: *\nDisallow: /pages/\n"
        assert main(["--site", str(site), "update"]) == 0
        err = capsys.readouterr().err
        assert "robots.txt keeps out its page" in err  # the feed's text, with a warning
        assert news.hits[f"/pages/{STEMS[0]}.html"] == 0
        assert list(_articles(site)) == ["Quay reopens after a long year of repairs"]
