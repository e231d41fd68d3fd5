"""The pure parts of ``sitegen serve``: change classification, reload decisions, the channel."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment, FileSystemLoader, StrictUndefined

from sitegen.serve.changes import Kind, classify, ignored_name
from sitegen.serve.problems import Problem, from_exception
from sitegen.serve.publish import Channel
from sitegen.serve.reload import action, inject
from sitegen.serve.server import content_type, unsafe

SITE = Path("/s")
THEME = Path("/themes/plain")


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("sitegen.yaml", Kind.CONFIG),
        ("content/articles/a.md", Kind.ARTICLE),
        ("content/articles", Kind.CONTENT),
        ("content/events/ev.md", Kind.NOTE),
        ("content/events/registry.json", Kind.REGISTRY),
        ("templates/base.html", Kind.TEMPLATE),
        ("templates/partials/x.html", Kind.TEMPLATE),
        ("static/style.css", Kind.ASSET),
        ("themes/dark/templates/base.html", Kind.TEMPLATE),
        ("themes/dark/static/img/logo.svg", Kind.ASSET),
        ("themes/dark/theme.yaml", Kind.THEME),
        ("inbox/dump.txt", Kind.INBOX),
        ("inbox/export.jsonl", Kind.INBOX),
        ("inbox", Kind.INBOX),
    ],
)
def test_classify(path: str, kind: Kind) -> None:
    change = classify(SITE / path, SITE)
    assert change is not None and change.kind is kind


@pytest.mark.parametrize(
    "path",
    [
        "build/index.html",
        "build",
        "content/articles/.#a.md",
        "content/articles/a.md~",
        "content/articles/.a.md.swp",
        "content/articles/a.md.swx",
        "content/articles/4913",
        "content/articles/a.md.tmp",
        "content/articles/#a.md#",
        "content/articles/notes.txt",
        "templates/.DS_Store",
        ".git/index",
        "content/.hidden/a.md",
        "content/README.md",
        "inbox/picture.png",
        "README.md",
        "elsewhere/a.md",
    ],
)
def test_ignored(path: str) -> None:
    assert classify(SITE / path, SITE) is None


def test_theme_folders_outside_the_site() -> None:
    def kind(path: str, themes: list[Path]) -> Kind | None:
        change = classify(THEME / path, SITE, themes)
        return change.kind if change else None

    assert kind("templates/x.html", [THEME]) is Kind.TEMPLATE
    assert kind("static/x.css", [THEME]) is Kind.ASSET
    assert kind("theme.yaml", [THEME]) is Kind.THEME
    assert kind("templates/.x.html.swp", [THEME]) is None
    assert kind("templates/x.html", []) is None


def test_ignored_names() -> None:
    assert all(map(ignored_name, [".#a.md", "a~", ".a.swp", "4913", "x.tmp", "#a#", ".x"]))
    assert not any(map(ignored_name, ["a.md", "style.css", "4914", "index.html"]))


def test_reload_actions() -> None:
    page = "articles/a/index.html"
    assert action({page}, page) == "reload"
    assert action(None, page) == "reload"
    assert action({"articles/b/index.html", "events.json"}, page) == "none"
    assert action({"assets/style.css"}, page) == "css"
    assert action({"assets/style.css", "articles/b/index.html"}, page) == "css"
    assert action({"assets/style.css", "assets/logo.png"}, page) == "reload"
    assert action(set(), page) == "none"


def test_inject_before_the_last_body_end() -> None:
    html = b"<html><body><p>x</p><pre>&lt;/body&gt;</pre></BODY >\n</html>"
    out = inject(html, 'a"b/index.html', 7)
    assert out.index(b"<script") < out.index(b"</BODY >")
    assert b'data-page="a&quot;b/index.html"' in out and b'data-epoch="7"' in out
    assert inject(b"<p>no body</p>", "x", 1).startswith(b"<p>no body</p><script")


def test_refused_paths_and_content_types() -> None:
    assert unsafe("/../x") and unsafe("/a/../../x") and unsafe("/a\\b") and unsafe("/a\0")
    assert unsafe("/./a")
    assert not unsafe("/articles/a..b/") and not unsafe("/")
    assert content_type("a/index.html") == "text/html; charset=utf-8"
    assert content_type("assets/style.css") == "text/css; charset=utf-8"
    assert content_type("assets/logo.png") == "image/png"
    assert content_type("_headers") == "application/octet-stream"


def test_channel_epochs_and_history() -> None:
    channel = Channel()
    start = channel.current().epoch
    first = channel.publish({"a": b"1", "b": b"1"})
    assert first.epoch == start + 1
    same = channel.publish({"a": b"1", "b": b"1"})
    assert same is first  # equal bytes: nothing new
    second = channel.publish({"a": b"2", "c": b"1"})
    assert channel.changed_since(first.epoch) == frozenset("abc")
    assert channel.changed_since(start) == frozenset("abc")
    assert channel.changed_since(second.epoch) == frozenset()
    assert channel.changed_since(second.epoch + 5) is None
    assert channel.changed_since(start - 1) is None
    problem = Problem("x.md", 2, "bad")
    third = channel.publish(problems=(problem,))
    assert third.epoch == second.epoch and third.serial == second.serial + 1
    assert third.outputs is second.outputs
    channel.close()
    assert channel.wait(third.serial, 1) is None


def test_problem_from_a_template_syntax_error(tmp_path: Path) -> None:
    env = Environment(loader=DictLoader({"page.html": "line one\n{% if %}\n"}))
    with pytest.raises(Exception) as info:
        env.get_template("page.html")
    problem = from_exception(tmp_path, info.value)
    assert (problem.file, problem.line) == ("page.html", 2)
    assert str(problem).startswith("page.html:2: ")


def test_problem_from_a_template_runtime_error(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "t.html").write_text("one\ntwo {{ nothing.here }}\n")
    loader = FileSystemLoader(str(tmp_path / "templates"))
    env = Environment(loader=loader, undefined=StrictUndefined)
    with pytest.raises(Exception) as info:
        env.get_template("t.html").render()
    problem = from_exception(tmp_path, info.value)
    assert problem.file == "templates/t.html" and problem.line == 2
    assert problem.message.startswith("UndefinedError: ") and "nothing" in problem.message
