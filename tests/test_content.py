"""The content store: writing imported articles without clobbering edits, loading them back."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

import sitegen.content
from sitegen import frontmatter
from sitegen.cli import main
from sitegen.content import ARTICLES, hand_edited, write_content
from sitegen.loader import article_from_file, load_content
from sitegen.model import Article, EventNote, RawDocument

T1 = datetime(2024, 5, 2, 9, 30, tzinfo=UTC)
T2 = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)


def pair(site: Path, ident: str, body: str, raw_hash: str = "h1") -> tuple[RawDocument, Article]:
    raw = RawDocument(site / "raw" / f"{ident}.txt", ident, body, {}, "text", raw_hash)
    article = Article(ident, f"Title of {ident}", body, source="Coast Herald", date="2024-05-02")
    return raw, article


def only(paths: tuple[Path, ...]) -> Path:
    assert len(paths) == 1
    return paths[0]


def test_first_write_creates_a_file_with_provenance(tmp_path: Path) -> None:
    result = write_content(tmp_path, [pair(tmp_path, "harbour-fees", "Fees rise.")], T1)
    path = only(result.written)
    assert path == tmp_path / ARTICLES / "harbour-fees.md"
    assert result.updated == result.unchanged == result.kept == ()
    meta, body = frontmatter.split(path.read_text(encoding="utf-8"))
    assert meta["id"] == "harbour-fees"
    assert meta["imported"]["file"] == "raw/harbour-fees.txt"
    assert meta["imported"]["at"] == "2024-05-02T09:30:00+00:00"
    assert meta["imported"]["sha256"] == "h1"
    assert body.strip() == "Fees rise."
    assert not hand_edited(path.read_text(encoding="utf-8"))


def test_same_input_again_is_unchanged_and_bytes_stay(tmp_path: Path) -> None:
    path = only(write_content(tmp_path, [pair(tmp_path, "a", "Body.")], T1).written)
    before = path.read_bytes()
    result = write_content(tmp_path, [pair(tmp_path, "a", "Body.")], T2)
    assert result.unchanged == (path,)
    assert result.written == result.updated == result.kept == ()
    assert path.read_bytes() == before


def test_hand_edit_is_kept_even_when_the_input_changes(tmp_path: Path) -> None:
    path = only(write_content(tmp_path, [pair(tmp_path, "a", "Body.")], T1).written)
    edited = path.read_text(encoding="utf-8").replace("Body.", "Body, fixed by an editor.")
    path.write_text(edited, encoding="utf-8")
    before = path.read_bytes()
    assert hand_edited(edited)
    for raw_hash in ("h1", "h2"):
        result = write_content(tmp_path, [pair(tmp_path, "a", "New body.", raw_hash)], T2)
        assert result.kept == (path,)
        assert result.written == result.updated == result.unchanged == ()
        assert path.read_bytes() == before


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("title: Title of a", "title: A better headline"),
        lambda t: t.replace("output_sha256: ", "output_sha256: 0"),
        lambda t: "---\nid: a\ntitle: Written by hand\n---\n\nNo provenance block.\n",
    ],
    ids=["front-matter", "provenance", "no-provenance"],
)
def test_any_kind_of_edit_counts_as_hand_edited(tmp_path: Path, edit: Callable[[str], str]) -> None:
    path = only(write_content(tmp_path, [pair(tmp_path, "a", "Body.")], T1).written)
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    before = path.read_bytes()
    assert write_content(tmp_path, [pair(tmp_path, "a", "Body.", "h2")], T2).kept == (path,)
    assert path.read_bytes() == before


def test_changed_input_updates_the_file(tmp_path: Path) -> None:
    path = only(write_content(tmp_path, [pair(tmp_path, "a", "Old body.")], T1).written)
    result = write_content(tmp_path, [pair(tmp_path, "a", "New body.", "h2")], T2)
    assert result.updated == (path,)
    meta, body = frontmatter.split(path.read_text(encoding="utf-8"))
    assert body.strip() == "New body."
    assert meta["imported"]["sha256"] == "h2"
    assert meta["imported"]["at"] == "2024-06-01T12:00:00+00:00"
    assert not hand_edited(path.read_text(encoding="utf-8"))


def test_new_normalizer_version_updates_unedited_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = only(write_content(tmp_path, [pair(tmp_path, "a", "Body.")], T1).written)
    monkeypatch.setattr(
        sitegen.content, "NORMALIZER_VERSION", sitegen.content.NORMALIZER_VERSION + 1
    )
    assert write_content(tmp_path, [pair(tmp_path, "a", "Body.")], T2).updated == (path,)


def test_ids_that_slugify_alike_get_distinct_files(tmp_path: Path) -> None:
    pairs = [pair(tmp_path, "Harbour Fees", "One."), pair(tmp_path, "harbour-fees", "Two.")]
    first = write_content(tmp_path, pairs, T1)
    names = sorted(p.name for p in first.written)
    assert names == ["harbour-fees-2.md", "harbour-fees.md"]
    again = write_content(tmp_path, pairs, T2)
    assert sorted(again.unchanged) == sorted(first.written)
    loaded, _, errors = load_content(tmp_path)
    assert errors == []
    assert {a.id: a.body for a in loaded} == {"Harbour Fees": "One.", "harbour-fees": "Two."}


def test_load_content_round_trips_every_article_field(tmp_path: Path) -> None:
    article = Article(
        id="zurich-trams",
        title="Zürich tram drivers: “enough”",
        body="First paragraph.\n\nSecond: with a colon — and “quotes”.",
        title_generated=True,
        source="Le Courrier",
        author="Seán O'Brien",
        date="2024-03-05T09:30:00+01:00",
        url="https://example.org/trams?x=1",
        summary="Drivers walked out.",
        credits=("Reporting by Zoë Ng",),
        captions=("A tram at the depot. (Photo: A. Keller/Le Courrier)",),
        event="zurich-tram-strike",
        extra={"tags": ["transport", "strike"], "priority": 2},
    )
    raw = RawDocument(tmp_path / "raw" / "z.txt", article.id, "x", {}, "text", "h")
    write_content(tmp_path, [(raw, article)], T1)
    loaded, notes, errors = load_content(tmp_path)
    assert errors == [] and notes == []
    assert loaded == [article]


def test_article_from_a_hand_written_file(tmp_path: Path) -> None:
    path = tmp_path / "by-hand.md"
    path.write_text("---\ntitle: By hand\ndate: 2024-05-02\ncredits: Photo desk\n---\nText.\n")
    article = article_from_file(path)
    assert (article.id, article.title, article.body) == ("by-hand", "By hand", "Text.")
    assert article.date == "2024-05-02"
    assert article.credits == ("Photo desk",)
    assert article.source is None and article.event is None


def test_a_broken_file_is_an_error_and_the_others_load(tmp_path: Path) -> None:
    folder = tmp_path / ARTICLES
    folder.mkdir(parents=True)
    (folder / "a-good.md").write_text("---\ntitle: Good\n---\nFine.\n", encoding="utf-8")
    (folder / "b-open.md").write_text("---\ntitle: Never closed\nText\n", encoding="utf-8")
    (folder / "c-untitled.md").write_text("---\nsource: X\n---\nText\n", encoding="utf-8")
    (folder / "d-latin1.md").write_bytes(b"---\ntitle: Caf\xe9\n---\nText\n")
    (folder / "e-no-front-matter.md").write_text(
        "Plain text without front matter.\n", encoding="utf-8"
    )
    articles, _, errors = load_content(tmp_path)
    assert [a.id for a in articles] == ["a-good"]
    problems = {e.origin.name: e.message for e in errors}
    assert set(problems) == {"b-open.md", "c-untitled.md", "d-latin1.md", "e-no-front-matter.md"}
    assert "never ends" in problems["b-open.md"]
    assert "no title" in problems["c-untitled.md"]
    assert "UTF-8" in problems["d-latin1.md"]


def test_duplicate_ids_across_files_are_an_error(tmp_path: Path) -> None:
    folder = tmp_path / ARTICLES
    folder.mkdir(parents=True)
    (folder / "first.md").write_text("---\nid: same\ntitle: One\n---\nA.\n", encoding="utf-8")
    (folder / "second.md").write_text("---\nid: same\ntitle: Two\n---\nB.\n", encoding="utf-8")
    articles, _, errors = load_content(tmp_path)
    assert [(a.id, a.title) for a in articles] == [("same", "One")]
    assert len(errors) == 1
    assert errors[0].origin == folder / "second.md"
    assert "duplicate id 'same'" in errors[0].message
    assert "first.md" in errors[0].message


def test_event_notes_load(tmp_path: Path) -> None:
    events = tmp_path / "content" / "events"
    events.mkdir(parents=True)
    (events / "port-strike.md").write_text("---\ntitle: The port strike\n---\nOur notes.\n")
    (events / "bare.md").write_text("Just notes.\n")
    _, notes, errors = load_content(tmp_path)
    assert errors == []
    assert notes == [
        EventNote("bare", None, "Just notes."),
        EventNote("port-strike", "The port strike", "Our notes."),
    ]


def test_writes_reach_the_disk_and_leftovers_of_a_killed_import_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Robustness point 12: an article is synced before its rename (and its folder after);
    a temporary file a killed import left is removed by the next import, and git ignores it."""
    site = tmp_path / "site"
    assert main(["-q", "init", str(site)]) == 0
    articles = site / "content" / "articles"
    stale = articles / ".old.md.x1y2z3.tmp"
    stale.write_text("half an article")
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    dump = tmp_path / "story.txt"
    dump.write_text(
        "Tram line opens\n\nThe new tram line opened on Monday with trams every six minutes "
        "at peak times, the city said, after three years of building work.\n"
    )
    assert main(["-q", "--site", str(site), "import", str(dump)]) == 0
    assert not stale.exists()
    assert [p.name for p in articles.iterdir()] == ["story.md"]
    assert len(synced) >= 2  # the file, then its folder
    stale.write_text("half an article")
    subprocess.run(["git", "init", "-q", str(site)], check=True)
    ignored = subprocess.run(
        ["git", "-C", str(site), "check-ignore", "-q", str(stale.relative_to(site))], check=False
    )
    assert ignored.returncode == 0


def test_an_edit_saved_while_the_import_runs_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Robustness point 12: a person's save that lands after the hand-edit check (while the
    import renders the new version) is not replaced: the file is checked again at the last
    moment and counted as kept."""
    site = tmp_path / "site"
    assert main(["-q", "init", str(site)]) == 0
    dump = tmp_path / "story.txt"
    dump.write_text("Tram line opens\n\nThe new tram line opened on Monday with trams.\n")
    assert main(["-q", "--site", str(site), "import", str(dump)]) == 0
    (path,) = (site / ARTICLES).glob("*.md")
    dump.write_text("Tram line opens\n\nThe new tram line opened on Monday, a day late.\n")
    mine = "---\ntitle: Tram line opens\n---\n\nMy own words, saved just now.\n"
    real = sitegen.content.render_document

    def render_while_a_person_saves(*args: object, **kwargs: object) -> str:
        path.write_text(mine, encoding="utf-8")  # the editor's save lands here
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sitegen.content, "render_document", render_while_a_person_saves)
    assert main(["--site", str(site), "import", str(dump)]) == 0
    assert path.read_text(encoding="utf-8") == mine
    assert [p.name for p in (site / ARTICLES).iterdir()] == [path.name]
