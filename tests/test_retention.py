"""``retention.days``: old articles leave the built site, stay in content/, keep their URLs."""

from __future__ import annotations

import json
from pathlib import Path

from sitegen.check import check_site
from sitegen.cli import main
from sitegen.model import Article
from sitegen.retention import retained


def _a(aid: str, date: str | None, event: str | None = None) -> Article:
    return Article(aid, aid, "Body.", date=date, event=event)


def test_the_newest_article_is_the_reference() -> None:
    articles = [
        _a("new", "2024-06-30T10:00:00+00:00"),
        _a("edge", "2024-06-20"),
        _a("old", "2024-06-19"),
        _a("undated", None),
        _a("pinned", "2020-01-01", event="kept-story"),
    ]
    assert [a.id for a in retained(articles, 10)] == ["new", "edge", "undated", "pinned"]
    assert retained(articles, 0) == articles
    assert retained([_a("x", None)], 3) == [_a("x", None)]


def _article(site: Path, stem: str, title: str, date: str, words: str) -> None:
    text = f"---\ntitle: {title}\nsource: Coast News\ndate: {date}\n---\n\n"
    (site / "content" / "articles" / f"{stem}.md").write_text(
        text + f"{words.capitalize()} filled the morning. " * 6 + "\n", "utf-8"
    )


def test_old_articles_leave_the_site_and_come_back_at_their_urls(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["init", str(site)]) == 0
    for old in (site / "content" / "articles").glob("*.md"):
        old.unlink()
    _article(site, "quay", "Quay reopens", "2024-06-30", "harbour tables and coffee")
    _article(site, "pass", "Mountain pass closes", "2024-03-01", "snow drifts on the pass")
    config = site / "sitegen.yaml"
    config.write_text(config.read_text("utf-8") + "retention:\n  days: 30\n", "utf-8")
    assert main(["--site", str(site), "build"]) == 0
    events = json.loads((site / "build" / "events.json").read_text("utf-8"))["events"]
    assert [a["title"] for e in events for a in e["articles"]] == ["Quay reopens"]
    assert not (site / "build" / "articles" / "pass").exists()
    assert (site / "content" / "articles" / "pass.md").is_file()
    assert check_site(site, "/") == []
    registry = json.loads((site / "content" / "events" / "registry.json").read_text("utf-8"))
    assert registry["addresses"]["article"]["pass"] == "pass"  # its URL stays its own
    config.write_text(config.read_text("utf-8").replace("days: 30", "days: 365"), "utf-8")
    assert main(["--site", str(site), "build"]) == 0
    assert (site / "build" / "articles" / "pass" / "index.html").is_file()
