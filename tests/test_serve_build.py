"""``sitegen serve`` rebuilds: every incremental result equals a clean build, byte for byte.

Real files, a real watcher, a real build loop; each test waits for the change to
be served and built, then compares with ``sitegen build --clean`` of a copy.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from jinja2 import Environment

from sitegen.cli import main
from sitegen.cluster import cluster
from sitegen.config import Config
from sitegen.serve import Preview
from sitegen.serve import state as state_module
from sitegen.serve.changes import Kind
from sitegen.serve.publish import Snapshot
from sitegen.site.plan import Page
from tests.serve_support import (
    TIMEOUT,
    article_path,
    clean_build,
    copy_site,
    running,
    save,
    settle,
    tree,
    wait_for,
)

A = "000_5f3b1df48785fd76"
B = "002_8daa5051fca2e6bb"
PAGE_A = f"articles/{A}/index.html"
PAGE_B = f"articles/{B}/index.html"


@pytest.fixture
def site(demo_site: Path, tmp_path: Path) -> Path:
    return copy_site(demo_site, tmp_path / "site")


def shows(page: str, text: str) -> Callable[[Snapshot], bool]:
    return lambda snap: text.encode() in snap.outputs.get(page, b"")


def assert_clean(site: Path, snap: Snapshot, scratch: Path) -> None:
    """Served files, build/ and a clean build of the same files are identical."""
    expected = clean_build(site, scratch)
    assert snap.settled
    assert sorted(snap.outputs) == sorted(expected)
    for path, data in expected.items():
        assert snap.outputs[path] == data, path
    assert tree(site / "build") == expected


def test_initial_build_equals_a_clean_build(site: Path, tmp_path: Path) -> None:
    with running(site) as preview:
        assert_clean(site, preview.channel.current(), tmp_path)


def test_text_edit_is_previewed_then_equals_a_clean_build(site: Path, tmp_path: Path) -> None:
    path = article_path(site, A)
    with running(site) as preview:
        before = preview.channel.current()
        save(path, path.read_text().rstrip() + "\n\nA sentence added while serving.\n")
        snap = settle(preview, shows(PAGE_A, "A sentence added while serving."), "the edit")
        assert_clean(site, snap, tmp_path)
        assert snap.epoch > before.epoch
        assert preview.channel.changed_since(before.epoch) == frozenset(
            p for p in snap.outputs if snap.outputs[p] != before.outputs.get(p)
        )


def test_quick_preview_page_equals_the_settled_page(site: Path) -> None:
    """A text edit that cannot move grouping: the preview page is already the final page."""
    path = article_path(site, A)
    text = path.read_text()
    previews: list[bytes] = []
    with running(site) as preview:
        publish = preview.channel.publish

        def spy(*args: object, **kwargs: object) -> Snapshot:
            snap = publish(*args, **kwargs)  # type: ignore[arg-type]
            if not snap.settled and b"directly.  I had" in snap.outputs.get(PAGE_A, b""):
                previews.append(snap.outputs[PAGE_A])
            return snap

        preview.channel.publish = spy  # type: ignore[method-assign]
        save(path, text.replace("directly. I had", "directly.  I had", 1))
        snap = settle(preview, shows(PAGE_A, "directly.  I had"), "the edit")
    assert previews, "no quick preview was published"
    assert previews[0] == snap.outputs[PAGE_A]


def test_retitled_article_updates_every_page_that_lists_it(site: Path, tmp_path: Path) -> None:
    path = article_path(site, B)
    text = path.read_text()
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    with running(site) as preview:
        save(path, text.replace(title, "title: A Brand New Headline", 1))
        snap = settle(preview, shows(PAGE_B, "A Brand New Headline"), "the new title")
        assert_clean(site, snap, tmp_path)
        listing = [p for p, d in snap.outputs.items() if b"A Brand New Headline" in d]
        assert len(listing) > 3  # its event, the other coverage, home, source, feeds...


def test_new_deleted_and_renamed_articles(site: Path, tmp_path: Path) -> None:
    a, b = article_path(site, A), article_path(site, B)
    with running(site) as preview:
        (site / "content" / "articles" / "fresh.md").write_text(
            "---\nid: fresh\ntitle: A Fresh Report\nsource: Test Wire\ndate: 2023-04-27\n---\n\n"
            "Something new happened today in a small town.\n"
        )
        fresh = "articles/a-fresh-report/index.html"  # a new article: its headline's slug
        snap = settle(preview, lambda s: fresh in s.outputs, "new article")
        assert_clean(site, snap, tmp_path)
        a.unlink()
        snap = settle(preview, lambda s: PAGE_A not in s.outputs, "the deletion")
        assert_clean(site, snap, tmp_path)
        assert not (site / "build" / PAGE_A).exists()
        b.rename(b.with_name("renamed.md"))  # same id, new file name: same page
        wait_for(
            lambda: (
                preview.rebuilder.batches
                and any(c.path.name == "renamed.md" for c in preview.rebuilder.batches[-1])
            ),
            "the rename",
        )
        assert preview.rebuilder.wait_idle(60)
        assert_clean(site, preview.channel.current(), tmp_path)
        assert PAGE_B in preview.channel.current().outputs


def test_event_note_template_asset_and_config(site: Path, tmp_path: Path) -> None:
    with running(site) as preview:
        event = next(p for p in preview.channel.current().outputs if p.startswith("events/"))
        event_id = event.split("/")[1]
        note = site / "content" / "events" / f"{event_id}.md"
        note.write_text("---\ntitle: Headline Chosen By A Person\n---\n\nEditor's notes.\n")
        snap = settle(preview, shows(event, "Headline Chosen By A Person"), "the event note")
        assert_clean(site, snap, tmp_path)

        (site / "templates" / "404.html").write_text(
            '{% extends "!theme/404.html" %}{% block title %}Lost here{% endblock %}\n'
        )
        snap = settle(preview, shows("404.html", "Lost here"), "the template")
        assert_clean(site, snap, tmp_path)

        (site / "static").mkdir()
        (site / "static" / "style.css").write_text("body { color: rgb(1, 2, 3); }\n")
        snap = settle(preview, shows("assets/style.css", "rgb(1, 2, 3)"), "the stylesheet")
        assert_clean(site, snap, tmp_path)

        config = site / "sitegen.yaml"
        config.write_text(config.read_text().replace("title: News digest", "title: Other Title"))
        snap = settle(preview, shows("index.html", "Other Title"), "the config change")
        assert_clean(site, snap, tmp_path)

        config.write_text(config.read_text() + "language: fr\n")
        snap = settle(preview, shows("index.html", "Événements à la une"), "the language")
        assert_clean(site, snap, tmp_path)

        (site / "locale").mkdir()
        (site / "locale" / "fr.po").write_text(
            'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
            'msgid "Top events"\nmsgstr "À la une"\n',
            encoding="utf-8",
        )
        snap = settle(preview, shows("index.html", "À la une"), "the site's own catalogue")
        assert_clean(site, snap, tmp_path)


def test_edits_saved_during_a_rebuild_are_applied(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = article_path(site, A), article_path(site, B)
    text_a, text_b = a.read_text(), b.read_text()
    inside, release = threading.Event(), threading.Event()
    real = cluster

    def held(*args: object, **kwargs: object) -> object:
        if not inside.is_set():
            inside.set()
            assert release.wait(60)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    with running(site) as preview:
        monkeypatch.setattr("sitegen.pipeline.stages.cluster", held)
        save(a, text_a.rstrip() + "\n\nFirst edit.\n")
        assert inside.wait(30), "the rebuild did not start"
        save(a, text_a.rstrip() + "\n\nSecond edit, saved during the rebuild.\n")
        save(b, text_b.rstrip() + "\n\nAnother file, saved during the rebuild.\n")
        release.set()
        snap = settle(
            preview,
            lambda s: shows(PAGE_A, "Second edit")(s) and shows(PAGE_B, "Another file")(s),
            "both edits",
        )
        assert b"First edit." not in snap.outputs[PAGE_A]
        assert_clean(site, snap, tmp_path)


def test_editor_temp_files_are_ignored(site: Path, tmp_path: Path) -> None:
    folder = site / "content" / "articles"
    with running(site) as preview:
        for name in (".#a.md", "a.md~", ".a.md.swp", "4913", "a.md.tmp", ".DS_Store", "#a.md#"):
            (folder / name).write_text("junk")
        (site / "templates" / ".base.html.swp").write_text("junk")
        (site / "build" / "stray.html").write_text("junk")
        path = article_path(site, A)
        save(path, path.read_text().rstrip() + "\n\nSentinel edit.\n")
        snap = settle(preview, shows(PAGE_A, "Sentinel edit."), "the sentinel edit")
        batches = preview.rebuilder.batches
        seen = {c.path.name for b in batches for c in b if c.kind is not Kind.REGISTRY}
        assert seen == {f"{A}.md"}
        assert not snap.problems
        for name in (".#a.md", "a.md~", ".a.md.swp", "4913", "a.md.tmp", ".DS_Store", "#a.md#"):
            (folder / name).unlink()
        (site / "build" / "stray.html").unlink(missing_ok=True)  # not watched; a write drops it
        assert_clean(site, snap, tmp_path)


def test_broken_article_keeps_its_last_good_version(site: Path, tmp_path: Path) -> None:
    path = article_path(site, A)
    text = path.read_text()
    with running(site) as preview:
        good = preview.channel.current().outputs[PAGE_A]
        save(path, text.replace("title: ", "title: [unclosed\n", 1))
        snap = settle(preview, lambda s: s.problems, "the error")
        (problem,) = snap.problems
        assert problem.file == f"content/articles/{A}.md"
        assert problem.line is not None and f"line {problem.line}" in problem.message
        assert "YAML" in problem.message
        assert snap.outputs[PAGE_A] == good
        save(path, text.rstrip() + "\n\nFixed and extended.\n")
        snap = settle(preview, shows(PAGE_A, "Fixed and extended."), "the fix")
        assert not snap.problems
        assert_clean(site, snap, tmp_path)


def test_broken_template_and_config_keep_the_last_good_site(site: Path, tmp_path: Path) -> None:
    template = site / "templates" / "article.html"
    config = site / "sitegen.yaml"
    original = config.read_text()
    with running(site) as preview:
        good = preview.channel.current().outputs
        template.write_text('{% extends "!theme/article.html" %}\n{% block main %}\n{{ x }\n')
        snap = settle(preview, lambda s: s.problems, "the template error")
        (problem,) = snap.problems
        assert (problem.file, problem.line) == ("templates/article.html", 3)
        assert snap.outputs is good
        template.unlink()
        snap = settle(preview, lambda s: not s.problems, "the template fix")

        config.write_text(original + "theme: [\n")
        snap = settle(preview, lambda s: s.problems, "the config error")
        assert snap.problems[0].file == "sitegen.yaml"
        assert snap.problems[0].line is not None
        path = article_path(site, A)
        save(path, path.read_text().rstrip() + "\n\nEdited while the config is broken.\n")
        wait_for(
            lambda: any(c.path == path for c in preview.rebuilder.batches[-1]),
            "the edit to be seen",
        )
        config.write_text(original)
        snap = settle(preview, shows(PAGE_A, "Edited while the config is broken."), "the fix")
        assert not snap.problems
        assert_clean(site, snap, tmp_path)


def test_raw_files_dropped_into_inbox_are_imported(site: Path, tmp_path: Path) -> None:
    inbox = site / "inbox"
    with running(site) as preview:
        inbox.mkdir()
        (inbox / "dropped.md").write_text(
            "---\ntitle: Dropped Into The Inbox\nsource: Inbox Wire\ndate: 2023-04-28\n---\n\n"
            "A report that arrived as a raw file.\n"
        )
        snap = settle(
            preview,
            lambda s: any(
                b"Dropped Into The Inbox" in d
                for p, d in s.outputs.items()
                if p.startswith("articles/")
            ),
            "the imported article",
        )
        assert (site / "content" / "articles" / "dropped.md").is_file()
        (inbox / "bad.jsonl").write_text('{"id": "x", "title": "T", "text": "ok"}\nnot json\n')
        snap = settle(preview, lambda s: s.problems, "the import error")
        assert snap.problems[0].file == "inbox/bad.jsonl"
        (inbox / "bad.jsonl").unlink()
        (inbox / "dropped.md").unlink()
        snap = settle(preview, lambda s: not s.problems, "the error to clear")
        assert_clean(site, snap, tmp_path)


def test_a_site_that_fails_at_startup_is_served_once_fixed(site: Path, tmp_path: Path) -> None:
    template = site / "templates" / "base.html"
    template.write_text("{% if %}\n")
    with running(site) as preview:
        snap = preview.channel.current()
        assert snap.outputs == {} and snap.problems[0].file == "templates/base.html"
        template.unlink()
        snap = settle(preview, lambda s: "index.html" in s.outputs, "the first good build")
        assert not snap.problems
        assert_clean(site, snap, tmp_path)


def test_only_pages_that_show_an_edit_are_rendered_again(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rendered: list[str] = []
    real = state_module._render_one

    def counting(page: Page, env: Environment, config: Config) -> bytes:
        rendered.append(page.path)
        return real(page, env, config)

    a, b = article_path(site, A), article_path(site, B)
    with running(site) as preview:
        monkeypatch.setattr("sitegen.serve.state._render_one", counting)
        save(a, a.read_text().replace("directly. I had", "directly.  I had", 1))
        settle(preview, shows(PAGE_A, "directly.  I had"), "the text edit")
        assert rendered == [PAGE_A]  # the preview's; the full build reused it

        rendered.clear()
        text = b.read_text()
        title = next(line for line in text.splitlines() if line.startswith("title: "))
        save(b, text.replace(title, "title: Retitled For The Test", 1))
        snap = settle(preview, shows(PAGE_B, "Retitled For The Test"), "the new title")
        pages = [p for p in snap.outputs if p.endswith(".html")]
        assert PAGE_B in rendered and "index.html" in rendered
        assert len(set(rendered)) < len(pages)
        assert set(rendered) >= {p for p in pages if b"Retitled For The Test" in snap.outputs[p]}
        assert_clean(site, snap, tmp_path)


def test_the_terminal_hears_of_broken_front_matter_as_the_page_does(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["-q", "init", str(site)]) == 0
    articles = site / "content" / "articles"
    (articles / "fine.md").write_text("---\ntitle: Fine\n---\nThe council met on Monday.\n")
    (articles / "broken.md").write_text("---\ntitle: [unclosed\n---\nText.\n")
    told: list[str] = []
    preview = Preview(site, port=0, say=lambda line: None, warn=told.append)
    with preview:
        assert preview.rebuilder.wait_idle(TIMEOUT)
        shown = [str(p) for p in preview.channel.current().problems]
        assert shown == ["content/articles/broken.md:2: front matter is not valid YAML (line 2)"]
        assert told == [f"error: {shown[0]}"]
        save(articles / "broken.md", "---\ntitle: Mended\n---\nText.\n")
        settle(preview, lambda snap: not snap.problems, "the mend")
    assert told == [f"error: {shown[0]}"]  # told once, not again at every rebuild
