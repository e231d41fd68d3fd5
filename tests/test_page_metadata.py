"""A saved page's title, source, author and date, chosen from everything the page states."""

from __future__ import annotations

from pathlib import Path

from sitegen.ingest import read_file
from sitegen.normalize import normalize

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "readers"


def _article(tmp_path: Path, page: str) -> dict[str, object]:
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    docs, errors = read_file(tmp_path / "page.html")
    assert errors == [] and docs
    a = normalize(docs[0])
    return {"title": a.title, "source": a.source, "author": a.author, "date": a.date}


def test_structured_data_and_site_name_beat_the_title_tag_and_the_publisher() -> None:
    docs, _ = read_file(FIXTURES / "page-metadata.html")
    a = normalize(docs[0])
    assert a.title == "Harbour bridge reopens after repairs"  # without "| Coastal Courier"
    assert a.source == "Coastal Courier"  # og:site_name, not the company behind it
    assert a.author == "Dana Whitlock"  # the Person, not the publisher in meta author
    assert a.date == "2024-03-14T08:30:00+01:00"  # with its time and zone


def test_a_title_affix_that_is_not_the_site_stays(tmp_path: Path) -> None:
    page = (FIXTURES / "page-metadata.html").read_text(encoding="utf-8")
    page = page.replace(
        "<title>Harbour bridge reopens after repairs | Coastal Courier</title>",
        "<title>Budget 2024 - what it means for you</title>",
    ).replace('"headline":"Harbour bridge reopens after repairs",', "")
    page = page.replace(
        "<h1>Harbour bridge reopens after repairs</h1>",
        "<h1>Budget 2024 - what it means for you</h1>",
    )
    assert _article(tmp_path, page)["title"] == "Budget 2024 - what it means for you"


def test_hostile_structured_data_is_passed_over(tmp_path: Path) -> None:
    page = (FIXTURES / "page-metadata.html").read_text(encoding="utf-8")
    start, end = page.index('<script type="application/ld+json">'), page.index("</script>") + 9
    deep = "[" * 5000 + "]" * 5000
    hostile = (
        f'<script type="application/ld+json">{{"@type":"NewsArticle","author":{deep}}}</script>'
        '<script type="application/ld+json">{not json</script>'
        '<script type="application/ld+json">{"@type":"NewsArticle","headline":12,'
        '"author":{"@type":"Person","name":"<script>alert(1)</script>"},'
        '"datePublished":"9999-99-99"}</script>'
    )
    found = _article(tmp_path, page[:start] + hostile + page[end:])
    assert found["title"] == "Harbour bridge reopens after repairs"
    assert found["source"] == "Coastal Courier"
    assert found["date"] is None or not str(found["date"]).startswith("9999")
