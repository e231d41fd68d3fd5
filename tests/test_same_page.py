"""Articles are never replaced by other pages that share their id, and one page arriving twice
(saved HTML and a text dump, two URLs with one canonical) is recognised and reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sitegen import samepage
from sitegen.cli import main
from sitegen.frontmatter import split

READERS = Path(__file__).resolve().parent / "fixtures" / "readers"


def articles(site: Path) -> dict[str, dict[str, object]]:
    """id -> front matter of every article in the site."""
    found = {}
    for path in (site / "content" / "articles").glob("*.md"):
        meta, _ = split(path.read_text(encoding="utf-8"))
        found[str(meta["id"])] = meta
    return found


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    assert main(["-q", "init", str(folder)]) == 0
    return folder


def test_same_names_in_two_folders_are_two_articles_and_a_dump_is_the_same_page(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mirror = tmp_path / "mirror"
    for folder, page in (("a", "page.html"), ("b", "page-with-posts.html")):
        (mirror / folder).mkdir(parents=True)
        shutil.copy(READERS / page, mirror / folder / "index.html")
    shutil.copy(READERS / "page-dump.txt", mirror / "a" / "index.txt")

    assert main(["--site", str(site), "import", str(mirror / "a" / "index.html")]) == 0
    assert main(["--site", str(site), "import", str(mirror / "b" / "index.html")]) == 0
    capsys.readouterr()
    assert main(["--site", str(site), "import", str(mirror / "a" / "index.txt")]) == 0
    out = capsys.readouterr()

    found = articles(site)
    assert len(found) == 2
    first = found["index"]
    assert first["title"] == "Harbour bridge reopens after repairs"
    assert str(first["imported"]["file"]).endswith("a/index.html")  # type: ignore[index]
    (second_id,) = set(found) - {"index"}
    assert second_id.startswith("index-")
    assert str(found[second_id]["imported"]["file"]).endswith("b/index.html")  # type: ignore[index]
    same = [line for line in out.err.splitlines() if line.startswith("same: ")]
    assert len(same) == 1 and "a/index.txt: same page as" in same[0] and "index.md" in same[0]
    assert "same 1" in out.out

    # again, all three in one import: nothing changes, and the dump is the same page again
    assert main(["--site", str(site), "import", str(mirror)]) == 0
    out = capsys.readouterr()
    assert "imported 0, updated 0, unchanged 2" in out.out and "same 1" in out.out
    assert articles(site) == found

    assert main(["--site", str(site), "build"]) == 0
    events = json.loads((site / "build" / "events.json").read_text())
    assert {a["id"] for e in events["events"] for a in e["articles"]} == set(found)


def test_one_batch_with_both_folders(site: Path, tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    for folder, page in (("a", "page.html"), ("b", "page-with-posts.html")):
        (mirror / folder).mkdir(parents=True)
        shutil.copy(READERS / page, mirror / folder / "index.html")
    assert main(["--site", str(site), "import", str(mirror)]) == 0
    assert len(articles(site)) == 2


def test_two_feeds_numbering_their_entries_alike_keep_both(site: Path, tmp_path: Path) -> None:
    for name, outlet in (("one.jsonl", "Gazette"), ("two.jsonl", "Courier")):
        with (tmp_path / name).open("w", encoding="utf-8") as out:
            for n, topic in enumerate(("the ferry fares", "the new library"), start=1):
                text = f"{outlet} reports that the council voted on {topic} on Monday evening."
                out.write(
                    json.dumps(
                        {
                            "id": str(n),
                            "title": f"{outlet}: {topic}",
                            "text": text,
                            "source": outlet,
                        }
                    )
                    + "\n"
                )
    assert main(["--site", str(site), "import", str(tmp_path / "one.jsonl")]) == 0
    assert main(["--site", str(site), "import", str(tmp_path / "two.jsonl")]) == 0
    titles = sorted(str(m["title"]) for m in articles(site).values())
    assert len(titles) == 4 and titles[0].startswith("Courier") and titles[-1].startswith("Gazette")


def test_one_canonical_url_from_two_inputs_is_one_page(site: Path, tmp_path: Path) -> None:
    record = {"title": "Harbour bridge reopens", "url": "https://courier.example/news/bridge"}
    texts = (
        "The bridge reopened on Thursday after eleven weeks of repairs.",
        "After repairs that took eleven weeks, the bridge is open again.",
    )
    for name, text in zip(("first.jsonl", "second.jsonl"), texts, strict=True):
        line = {**record, "id": name.split(".")[0], "text": text}
        (tmp_path / name).write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert main(["--site", str(site), "import", str(tmp_path / "first.jsonl")]) == 0
    assert main(["--site", str(site), "import", str(tmp_path / "second.jsonl")]) == 0
    assert list(articles(site)) == ["first"]


def test_page_urls_and_text_likeness() -> None:
    assert samepage.page_url("https://www.example.org/a/b/") == "example.org/a/b"
    assert samepage.page_url("https://example.org/") is None  # a home page names no article
    assert samepage.page_url("ftp://example.org/a") is None
    long = "The harbour bridge reopened to traffic on Thursday morning after eleven weeks " * 2
    assert samepage.same_text(samepage.shingles(long), samepage.shingles("Menu. " + long))
    assert not samepage.same_text(samepage.shingles(long), samepage.shingles("Other words " * 9))
    assert not samepage.same_text(samepage.shingles("Too short"), samepage.shingles("Too short"))
    assert samepage.other_id("index", "b/index.html") == samepage.other_id("index", "b/index.html")
    assert samepage.other_id("index", "b/index.html") != samepage.other_id("index", "c/index.html")
