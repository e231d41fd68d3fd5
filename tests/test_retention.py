"""``retention.days`` and ``languages``: articles leave the built site, stay in content/, keep
their URLs."""

from __future__ import annotations

import json
from pathlib import Path

from sitegen.check import check_site
from sitegen.cli import main
from sitegen.model import Article
from sitegen.retention import in_languages, retained
from tests.reading_support import CHINESE, RUSSIAN, other_scripts


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


def test_only_the_sites_languages_are_kept() -> None:
    def lang(aid: str, tag: object) -> Article:
        return Article(aid, aid, "Body.", extra={} if tag is None else {"language": tag})

    articles = [lang("en", "en"), lang("br", "pt-BR"), lang("pt", "pt"), lang("ru", "ru")]
    articles += [lang("unknown", None), lang("odd", 7)]
    assert [a.id for a in in_languages(articles, ["pt"])] == ["br", "pt", "unknown", "odd"]
    assert [a.id for a in in_languages(articles, ["en", "RU"])] == ["en", "ru", "unknown", "odd"]
    assert in_languages(articles, []) == articles


def test_articles_in_other_languages_leave_the_site_and_keep_their_urls(tmp_path: Path) -> None:
    site = other_scripts(tmp_path)
    events = json.loads((site / "build" / "events.json").read_text())["events"]
    before = {e["title"]: e["page"] for e in events}
    config = site / "sitegen.yaml"
    text = config.read_text()
    config.write_text(text + "languages: [zh]\n")
    assert main(["--site", str(site), "-q", "build"]) == 0
    events = json.loads((site / "build" / "events.json").read_text())["events"]
    assert [e["title"] for e in events] == [CHINESE]
    assert (site / "content" / "articles" / "ru.md").is_file()
    assert not (site / "build" / before[RUSSIAN].strip("/")).exists()
    config.write_text(text + "languages: [ru, zh]\n")
    assert main(["--site", str(site), "-q", "build"]) == 0
    events = json.loads((site / "build" / "events.json").read_text())["events"]
    assert {e["title"]: e["page"] for e in events} == before  # back at the same addresses
    config.write_text(text + "languages: [Klingon!]\n")
    assert main(["--site", str(site), "-q", "build"]) == 2
