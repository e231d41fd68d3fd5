"""End to end through the CLI: import the raw samples, build, check, re-import."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sitegen.check import check_site
from sitegen.cli import main
from tests.conftest import RAW_SAMPLES
from tests.htmlutil import article_page, page_links, within_clicks, without_own_scripts


def _events(site: Path) -> list[dict]:
    return json.loads((site / "build" / "events.json").read_text(encoding="utf-8"))["events"]


def test_events_json_shape(demo_site: Path) -> None:
    for event in _events(demo_site):
        assert set(event) >= {"id", "title", "page", "articles"}
        assert (demo_site / "build" / event["page"].strip("/") / "index.html").is_file()
        for a in event["articles"]:
            assert set(a) >= {"id", "title", "source", "date", "page", "url"}
            assert (demo_site / "build" / a["page"].strip("/") / "index.html").is_file()


def test_no_broken_internal_links(demo_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_site(demo_site, "/") == []
    assert main(["--site", str(demo_site), "check"]) == 0
    assert "no problems" in capsys.readouterr().out


def test_every_article_page_links_all_others_of_its_event(demo_site: Path) -> None:
    build = demo_site / "build"
    multi = [e for e in _events(demo_site) if len(e["articles"]) > 1]
    assert multi, "the samples have an event with several articles"
    for event in multi:
        pages = {a["page"] for a in event["articles"]}
        for page in pages:
            links = page_links(build, page)
            assert pages - {page} <= links, f"{page} misses coverage links"
            assert event["page"] in links


def test_storyline_reaches_every_sample_within_two_clicks(demo_site: Path) -> None:
    build = demo_site / "build"
    pages = {a["page"] for e in _events(demo_site) for a in e["articles"]}
    for page in pages:
        assert pages <= within_clicks(build, page, 2), f"from {page}"


def test_reimport_changes_nothing(demo_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    before = {p: p.read_bytes() for p in (site / "content").rglob("*.md")}
    assert main(["--site", str(site), "import", str(site / "raw")]) == 0
    after = {p: p.read_bytes() for p in (site / "content").rglob("*.md")}
    assert before == after


def test_hand_edit_is_never_overwritten(
    demo_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    target = next((site / "content" / "articles").glob("001*.md"))
    edited = target.read_text(encoding="utf-8").replace(
        "Zelensky Sends Offer", "Zelensky Renews Offer"
    )
    target.write_text(edited, encoding="utf-8")
    (site / "raw" / "001_0b83c80ce35eb4fc.txt").write_text(
        "Changed\n\nA new first paragraph here.\n"
    )
    assert main(["--site", str(site), "import", str(site / "raw")]) == 0
    out = capsys.readouterr()
    assert target.read_text(encoding="utf-8") == edited
    assert "kept" in out.err and target.name in out.err
    assert "kept 1" in out.out


def test_one_bad_file_does_not_stop_the_batch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site, raw = tmp_path / "site", tmp_path / "raw"
    main(["init", str(site)])
    shutil.copytree(RAW_SAMPLES, raw)
    (raw / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    (raw / "empty.txt").write_text("   \n")
    assert main(["--site", str(site), "import", str(raw)]) == 1  # some failed, the rest went in
    out = capsys.readouterr()
    errors = [line for line in out.err.splitlines() if line.startswith("error:")]
    assert len(errors) == 2
    assert any("broken.txt" in e for e in errors) and any("empty.txt" in e for e in errors)
    assert "Traceback" not in out.err
    assert "imported 5" in out.out and "failed 2" in out.out
    assert len(list((site / "content" / "articles").glob("*.md"))) == 5


def test_jsonl_and_markdown_inputs(tmp_path: Path) -> None:
    site = tmp_path / "site"
    main(["init", str(site)])
    feed = tmp_path / "batch.jsonl"
    feed.write_text(
        json.dumps(
            {
                "id": "a1",
                "title": "Dam bursts in the valley",
                "text": "A dam burst on Monday "
                "after days of heavy rain, officials said.\n\nShare this article",
                "source": "Valley Times",
                "url": "https://example.org/a1",
                "date": "2024-03-04",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    md = tmp_path / "note.md"
    md.write_text(
        "---\ntitle: Council meets\nsource: Town Crier\n---\n\nThe council met on Tuesday.\n"
    )
    assert main(["--site", str(site), "import", str(feed), str(md)]) == 0
    a1 = (site / "content" / "articles" / "a1.md").read_text(encoding="utf-8")
    assert "url: https://example.org/a1" in a1 and "date: '2024-03-04'" in a1
    assert "Share this article" not in a1
    assert (site / "content" / "articles" / "note.md").is_file()
    assert main(["--site", str(site), "build"]) == 0
    assert check_site(site, "/") == []


def test_empty_new_site_builds(tmp_path: Path) -> None:
    site = tmp_path / "fresh"
    assert main(["init", str(site)]) == 0
    assert main(["--site", str(site), "build"]) == 0
    assert "No articles yet" in (site / "build" / "index.html").read_text(encoding="utf-8")
    assert main(["--site", str(site), "check"]) == 0


def test_check_fails_on_a_broken_link(demo_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    page = site / "build" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace("</main>", '<a href="/nowhere/">x</a></main>')
    )
    assert main(["--site", str(site), "check"]) == 1


def test_bad_config_reports_every_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = tmp_path / "site"
    main(["init", str(site)])
    (site / "sitegen.yaml").write_text(
        "base_url: nope\ngrouping:\n  event_threshold: 7\ncolour: red\n"
    )
    assert main(["--site", str(site), "build"]) == 2
    err = capsys.readouterr().err
    assert "base_url" in err and "grouping.event_threshold" in err and "colour" in err


def test_clean_build_gives_identical_output(demo_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    before = {
        p.relative_to(site): p.read_bytes() for p in (site / "build").rglob("*") if p.is_file()
    }
    assert main(["--site", str(site), "build", "--clean"]) == 0
    after = {
        p.relative_to(site): p.read_bytes() for p in (site / "build").rglob("*") if p.is_file()
    }
    assert before == after


@pytest.mark.parametrize("command", ["init", "import", "normalize", "build", "check"])
def test_every_command_has_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: sitegen" in capsys.readouterr().out


def test_top_level_help_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("init", "import", "normalize", "build", "check"):
        assert command in out


def test_normalize_prints_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["normalize", str(RAW_SAMPLES / "003_234a2aec75f49146.txt")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("---\nid: 003_234a2aec75f49146\n")
    assert "source: Bloomberg" in out and "©2023" not in out


def test_normalize_explains_each_line(capsys: pytest.CaptureFixture[str]) -> None:
    raw = RAW_SAMPLES / "003_234a2aec75f49146.txt"
    assert main(["normalize", "--explain", str(raw)]) == 0
    rows = [line.split(None, 3) for line in capsys.readouterr().out.splitlines()]
    fates = {row[3] if len(row) == 4 else row[2]: row[1:3] for row in rows}
    assert fates["©2023 Bloomberg L.P."] == ["junk", "copyright"]
    assert fates["More stories like this are available on bloomberg.com"] == ["junk", "promo"]
    lines = raw.read_text(encoding="utf-8").split("\n")
    assert [int(row[0]) for row in rows] == [n for n, t in enumerate(lines, 1) if t.strip()]


def test_not_a_site_is_one_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["build", "--site", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a sitegen site" in err
    assert not (tmp_path / "nowhere").exists()


def test_quiet_prints_nothing_on_success(
    demo_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "-q", "--site", str(demo_site)]) == 0
    assert capsys.readouterr().out == ""


def test_hand_written_content_cannot_inject(tmp_path: Path) -> None:
    site = tmp_path / "site"
    main(["init", str(site)])
    (site / "content" / "articles" / "x.md").write_text(
        "---\ntitle: <img src=x onerror=alert(1)>\nsource: <b>Evil</b>\n"
        "url: javascript:alert(1)\n---\n\nHello <script>alert(2)</script> {{ 7*7 }}\n",
        encoding="utf-8",
    )
    assert main(["--site", str(site), "build"]) == 0
    for page in (site / "build").rglob("*.html"):
        html = without_own_scripts(page.read_text(encoding="utf-8"))
        assert "<script" not in html and "<img" not in html and "<b>Evil" not in html
        assert "javascript:" not in html
    article = (site / "build" / article_page(site, "x")).read_text(encoding="utf-8")
    assert "{{ 7*7 }}" in article and "&lt;script&gt;" in article


def test_written_files_are_readable_by_a_web_server(demo_site: Path) -> None:
    for path in [*(demo_site / "build").rglob("*"), *(demo_site / "content").rglob("*.md")]:
        if path.is_file():
            assert path.stat().st_mode & 0o444 == 0o444, path
