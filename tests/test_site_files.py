"""Every file sitegen reads inside a site is a regular file inside it, or one error line
(robustness issue, point 8): FIFOs, devices and symbolic links out of the site in
``content/``, ``static/`` and ``templates/``, and an import into a ``content/articles`` that
leads out of the site.  Real files, through the real command line, each run bounded."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from sitegen.errors import EXIT_NOTHING, EXIT_PARTIAL
from tests.test_cli_errors import ARTICLE, one_error, run


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    assert run("init", str(folder)).returncode == 0
    (folder / "content" / "articles" / "budget.md").write_text(
        ARTICLE.format(title="Budget", what="the budget")
    )
    return folder


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.md").write_text(ARTICLE.format(title="Secret", what="a secret"))
    (folder / "secret.txt").write_text("private notes\n")
    return folder


def _built_titles(site: Path) -> set[str]:
    built = json.loads((site / "build" / "events.json").read_text())
    return {a["title"] for e in built["events"] for a in e["articles"]}


def test_a_fifo_among_the_articles_is_one_error_and_the_rest_is_built(site: Path) -> None:
    os.mkfifo(site / "content" / "articles" / "pipe.md")  # reading it would wait forever
    done = run("--site", str(site), "build")
    assert done.returncode == EXIT_PARTIAL
    one_error(done, "pipe.md", "not a regular file")
    assert _built_titles(site) == {"Budget"}


def test_an_article_linked_from_outside_is_not_published(site: Path, outside: Path) -> None:
    (site / "content" / "articles" / "leak.md").symlink_to(outside / "secret.md")
    done = run("--site", str(site), "build")
    assert done.returncode == EXIT_PARTIAL
    one_error(done, "leak.md", "outside the site")
    assert _built_titles(site) == {"Budget"}


def test_a_static_folder_linked_out_of_the_site_is_not_published(site: Path, outside: Path) -> None:
    (site / "static").symlink_to(outside, target_is_directory=True)
    done = run("--site", str(site), "build")
    assert done.returncode == EXIT_PARTIAL
    assert "outside the site" in done.stderr and "secret.txt" in done.stderr
    assert not list((site / "build").rglob("secret*"))


def test_a_templates_folder_linked_out_of_the_site_stops_the_build(
    site: Path, outside: Path
) -> None:
    (outside / "index.html").write_text("{{ 7 * 6 }} from outside\n")
    (site / "templates").rmdir()
    (site / "templates").symlink_to(outside, target_is_directory=True)
    done = run("--site", str(site), "build")
    assert done.returncode == EXIT_NOTHING
    one_error(done, "index.html", "outside the site")
    assert not (site / "build").exists()


def test_no_import_writes_through_a_link_out_of_the_site(
    site: Path, outside: Path, tmp_path: Path
) -> None:
    articles = site / "content" / "articles"
    for path in articles.iterdir():
        path.unlink()
    articles.rmdir()
    articles.symlink_to(outside, target_is_directory=True)
    dump = tmp_path / "story.txt"
    dump.write_text("Tram line opens\n\nThe new tram line opened on Monday with trams.\n")
    before = sorted(p.name for p in outside.iterdir())
    done = run("--site", str(site), "import", str(dump))
    assert done.returncode == EXIT_NOTHING
    one_error(done, "outside")
    assert sorted(p.name for p in outside.iterdir()) == before
