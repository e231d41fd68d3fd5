"""Pages rendered again only when what they show changed: a kept page is the file the last
build wrote, and anything that may change its bytes renders it again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.build import build_site
from sitegen.config import load_config
from tests.serve_support import clean_build, copy_site, generated_site, tree


@pytest.fixture(scope="module")
def gen_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_site(tmp_path_factory.mktemp("pages"), 60, seed=5)


def test_an_edit_renders_only_the_pages_that_show_it(gen_site: Path, tmp_path: Path) -> None:
    site = copy_site(gen_site, tmp_path / "site")
    build_site(site, load_config(site))
    article = sorted((site / "content" / "articles").glob("*.md"))[7]
    article.write_text(article.read_text() + "\nA sentence added later.\n")
    report = build_site(site, load_config(site))
    pages = [p for p in report.write.written if p.endswith(".html")]
    assert 1 <= len(pages) <= 4, pages  # its page, its event's, perhaps a neighbour's
    assert any(p.startswith("articles/") for p in pages)
    assert tree(site / "build") == clean_build(site, tmp_path)


def test_a_page_touched_by_hand_is_rendered_again(gen_site: Path, tmp_path: Path) -> None:
    site = copy_site(gen_site, tmp_path / "site")
    build_site(site, load_config(site))
    page = site / "build" / "index.html"
    good = page.read_bytes()
    page.write_bytes(b"defaced")
    article = sorted((site / "content" / "articles").glob("*.md"))[3]
    article.write_text(article.read_text() + "\nAnd one more line.\n")  # a real build runs
    build_site(site, load_config(site))
    assert page.read_bytes() == good
    os.unlink(page)
    build_site(site, load_config(site))
    assert page.read_bytes() == good


def test_a_new_template_renders_every_page(gen_site: Path, tmp_path: Path) -> None:
    site = copy_site(gen_site, tmp_path / "site")
    build_site(site, load_config(site))
    (site / "templates").mkdir(exist_ok=True)
    (site / "templates" / "base.html").write_text(  # every page extends it
        "<!doctype html><title>Hand-made</title><main>{% block main %}{% endblock %}</main>\n"
    )
    report = build_site(site, load_config(site))
    assert len([p for p in report.write.written if p.endswith(".html")]) > 60
    assert tree(site / "build") == clean_build(site, tmp_path)
