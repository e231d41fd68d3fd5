"""Feed entries are known by their feed and guid (robustness issue, point 1): entries whose
guids slug alike, and feeds that number their guids alike, are different articles, and
re-importing changes nothing.  Real feed files through the real command line."""

from __future__ import annotations

from pathlib import Path

from sitegen import frontmatter
from sitegen.cli import main

LONG = "https://example.org/archive/2024/05/" + "very-long-section-name-" * 4


def _feed(title: str, items: list[tuple[str, str, str]]) -> str:
    entries = "".join(
        f"<item><title>{t}</title><guid isPermaLink='false'>{g}</guid>"
        f"<description>{body}</description></item>"
        for g, t, body in items
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{title}</title><link>https://example.org/</link>{entries}</channel></rss>"
    )


def _bodies(site: Path) -> dict[str, str]:
    out = {}
    for path in sorted((site / "content" / "articles").glob("*.md")):
        meta, body = frontmatter.split(path.read_text(encoding="utf-8"))
        out[str(meta["title"])] = body
    return out


STORIES = [
    (
        "https://example.org/новости/1",
        "Tram line opens",
        "The new tram line opened on Monday with trams every six minutes at peak times.",
    ),
    (
        "https://example.org/статьи/1",
        "Library extends hours",
        "The central library will stay open until ten in the evening from next month.",
    ),
    (
        LONG + "first",
        "Harbour dredging starts",
        "Dredging of the old harbour starts in June and will take about four months.",
    ),
    (
        LONG + "second",
        "School meals go free",
        "Every primary school pupil in the city will get a free lunch from September.",
    ),
]


def test_entries_whose_guids_slug_alike_are_different_articles(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["init", str(site)]) == 0
    feed = tmp_path / "city.rss"
    feed.write_text(_feed("City News", STORIES), encoding="utf-8")
    assert main(["--site", str(site), "import", str(feed)]) == 0
    bodies = _bodies(site)
    assert sorted(bodies) == sorted(title for _, title, _ in STORIES)
    for _, title, text in STORIES:
        assert text in bodies[title]
    before = {p.name: p.read_bytes() for p in (site / "content" / "articles").glob("*.md")}
    assert main(["--site", str(site), "import", str(feed)]) == 0
    after = {p.name: p.read_bytes() for p in (site / "content" / "articles").glob("*.md")}
    assert after == before  # a re-import finds every entry as it was


def test_two_feeds_that_number_their_guids_alike(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["init", str(site)]) == 0
    one, two = tmp_path / "one.rss", tmp_path / "two.rss"
    one.write_text(_feed("One", [("1", *STORIES[0][1:])]), encoding="utf-8")
    two.write_text(_feed("Two", [("1", *STORIES[1][1:])]), encoding="utf-8")
    assert main(["--site", str(site), "import", str(one)]) == 0
    assert main(["--site", str(site), "import", str(two)]) == 0
    assert sorted(_bodies(site)) == sorted([STORIES[0][1], STORIES[1][1]])


def test_an_entry_imported_before_entries_were_recorded_is_updated_not_doubled(
    tmp_path: Path,
) -> None:
    site = tmp_path / "site"
    assert main(["init", str(site)]) == 0
    feed = tmp_path / "city.rss"
    feed.write_text(_feed("City News", STORIES[:1]), encoding="utf-8")
    assert main(["--site", str(site), "import", str(feed)]) == 0
    (path,) = (site / "content" / "articles").glob("*.md")
    text = path.read_text(encoding="utf-8")
    assert "  entry: " in text
    legacy = "\n".join(line for line in text.split("\n") if not line.startswith("  entry: "))
    path.write_text(legacy, encoding="utf-8")  # as an earlier sitegen wrote it
    changed = _feed("City News", [(STORIES[0][0], STORIES[0][1], STORIES[0][2] + " Fares stay.")])
    feed.write_text(changed, encoding="utf-8")
    assert main(["--site", str(site), "import", str(feed)]) == 0
    files = list((site / "content" / "articles").glob("*.md"))
    assert files == [path]
    updated = path.read_text(encoding="utf-8")
    assert "Fares stay." in updated and "  entry: " in updated
