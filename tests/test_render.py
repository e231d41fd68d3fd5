"""Rendering a tiny hand-made site: escaping, template overrides, link checking, base paths."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.build import build_site
from sitegen.check import broken_links, check_site
from sitegen.config import load_config
from tests.htmlutil import article_page, article_url, without_own_scripts

HOSTILE_BODY = """\
The harbour board voted <script>alert(1)</script> to raise mooring fees by 8 percent.

Board members said the template {{ 7*7 }} and {% raw %} tags were never evaluated.

See [the minutes](javascript:alert(1)) and <a href="javascript:alert(2)">the agenda</a>.

<img src=x onerror=alert(3)>
"""

CALM_BODY = """\
Ferry operators said on Tuesday that winter crossings to the islands would be suspended.

Island councils warned that about 3,000 residents would depend on a weekly supply flight.
"""


def article(site: Path, name: str, meta: str, body: str) -> None:
    folder = site / "content" / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.md").write_text(f"---\n{meta}---\n\n{body}", encoding="utf-8")


def make_site(root: Path, base_url: str = "https://example.org/") -> Path:
    site = root / "site"
    site.mkdir()
    (site / "sitegen.yaml").write_text(
        f"title: Harbour Digest\nbase_url: {base_url}\n", encoding="utf-8"
    )
    article(
        site,
        "harbour-fees",
        "id: harbour-fees\ntitle: 'Fees <b>rise</b> {{ 7*7 }}'\nsource: Coast <i>Herald</i>\n"
        "date: '2024-05-02'\n",
        HOSTILE_BODY,
    )
    article(
        site,
        "ferries",
        "id: ferries\ntitle: Winter ferry crossings suspended\nsource: Island Post\n"
        "date: '2024-05-03'\nurl: https://example.com/ferries\n",
        CALM_BODY,
    )
    return site


def build(site: Path) -> Path:
    report = build_site(site, load_config(site))
    assert report.errors == ()
    assert report.articles == 2
    return site / "build"


def page(build_dir: Path, article_id: str) -> str:
    """An article page, less its (checked, inert) JSON-LD block."""
    path = build_dir / article_page(build_dir.parent, article_id)
    return without_own_scripts(path.read_text(encoding="utf-8"))


def all_html(build_dir: Path) -> dict[str, str]:
    return {
        p.relative_to(build_dir).as_posix(): without_own_scripts(p.read_text(encoding="utf-8"))
        for p in build_dir.rglob("*.html")
    }


@pytest.fixture
def built(tmp_path: Path) -> Path:
    return build(make_site(tmp_path))


def test_build_writes_the_expected_pages(built: Path) -> None:
    pages = set(all_html(built))
    assert {"index.html", "404.html", "sources/index.html"} <= pages
    site = built.parent
    assert {article_page(site, "harbour-fees"), article_page(site, "ferries")} <= pages
    assert article_page(site, "ferries") == "articles/winter-ferry-crossings-suspended/index.html"
    assert any(p.startswith("events/") for p in pages)
    assert (built / "events.json").is_file()
    assert (built / "assets" / "style.css").is_file()


def test_article_text_never_becomes_markup(built: Path) -> None:
    html = page(built, "harbour-fees")
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert "&lt;img src=x onerror=alert(3)&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "{{ 7*7 }}" in html
    assert "{% raw %}" in html
    assert "template 49" not in html and "rise&lt;/b&gt; 49" not in html
    assert not re.search(r"href\s*=\s*[\"']?\s*javascript:", html, re.IGNORECASE)


def test_titles_and_sources_are_escaped_everywhere(built: Path) -> None:
    for name, html in all_html(built).items():
        assert "<b>rise</b>" not in html, name
        assert "<i>Herald</i>" not in html, name
        assert "<script" not in html.lower(), name
    assert "Fees &lt;b&gt;rise&lt;/b&gt; {{ 7*7 }}" in page(built, "harbour-fees")


def test_javascript_url_in_front_matter_is_not_a_live_link(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    article(site, "sneaky", "title: Sneaky\nurl: 'javascript:alert(document.domain)'\n", CALM_BODY)
    build_site(site, load_config(site))
    html = page(site / "build", "sneaky")
    assert not re.search(r"href\s*=\s*[\"']?\s*javascript:", html, re.IGNORECASE)
    assert "original article" not in html
    assert 'href="https://example.com/ferries"' in page(site / "build", "ferries")


def test_an_article_in_another_language_says_so_on_its_page(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    article(site, "balsas", "title: Balsas suspensas\nlanguage: pt\n", CALM_BODY)
    article(site, "odd", "title: Odd tag\nlanguage: 'pt\"><script>x</script>'\n", CALM_BODY)
    build_site(site, load_config(site))
    assert '<article class="article" lang="pt">' in page(site / "build", "balsas")
    assert '<article class="article">' in page(site / "build", "odd")
    assert '<article class="article">' in page(site / "build", "ferries")


@pytest.mark.parametrize("parent", ["!theme/article.html", "!default/article.html"])
def test_site_template_extends_the_theme_and_overrides_a_block(tmp_path: Path, parent: str) -> None:
    site = make_site(tmp_path)
    (site / "templates").mkdir()
    (site / "templates" / "article.html").write_text(
        f'{{% extends "{parent}" %}}\n'
        "{% block title %}OVERRIDDEN · {{ article.title }}{% endblock %}\n",
        encoding="utf-8",
    )
    html = page(build(site), "ferries")
    assert "<title>OVERRIDDEN · Winter ferry crossings suspended</title>" in html
    assert "Island councils warned" in html  # the theme's body block is still there


def test_site_template_replaces_the_theme_template(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (site / "templates").mkdir()
    (site / "templates" / "404.html").write_text(
        "<!doctype html><title>Lost at sea</title><p>{{ site.title }}: no such page.</p>\n",
        encoding="utf-8",
    )
    built = build(site)
    assert (built / "404.html").read_text(encoding="utf-8").strip() == (
        "<!doctype html><title>Lost at sea</title><p>Harbour Digest: no such page.</p>"
    )
    assert "Lost at sea" not in (built / "index.html").read_text(encoding="utf-8")


def test_fresh_build_has_no_broken_links(built: Path) -> None:
    assert broken_links(built, "/") == []
    assert check_site(built.parent, "/") == []


def test_a_broken_link_is_found(built: Path) -> None:
    ferries = article_page(built.parent, "ferries")
    target = built / ferries
    html = target.read_text(encoding="utf-8")
    target.write_text(
        html.replace("</main>", '<a href="/events/no-such-event/">gone</a>\n</main>'),
        encoding="utf-8",
    )
    problems = broken_links(built, "/")
    assert problems == [f"{ferries}: broken link /events/no-such-event/"]


def test_a_deleted_page_breaks_links_to_it(built: Path) -> None:
    (built / article_page(built.parent, "ferries")).unlink()
    problems = broken_links(built, "/")
    assert problems
    gone = article_url(built.parent, "ferries")
    assert all(p.endswith(f"broken link {gone}") for p in problems)


def test_base_url_with_a_path_prefixes_every_internal_link(tmp_path: Path) -> None:
    site = make_site(tmp_path, "https://example.org/news/")
    built = build(site)
    config = load_config(site)
    assert config.base_path == "/news/"
    links = []
    for path in built.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        links += re.findall(r'(?:href|src)="([^"]+)"', html)
    internal = [u for u in links if not u.startswith(("http://", "https://", "#"))]
    assert internal
    assert all(u.startswith("/news/") for u in internal), [
        u for u in internal if not u.startswith("/news/")
    ]
    assert "/news" + article_url(site, "ferries") in internal
    assert any(re.fullmatch(r"/news/assets/style\.[0-9a-f]{8}\.css", u) for u in internal)
    assert broken_links(built, config.base_path) == []
    assert check_site(site, config.base_path) == []
    # checked against the wrong prefix, every internal link is broken
    assert len(broken_links(built, "/")) == len(internal)


def test_rebuild_is_stable(built: Path) -> None:
    site = built.parent
    before = {p: p.read_bytes() for p in built.rglob("*") if p.is_file()}
    report = build_site(site, load_config(site))
    assert report.write.written == ()
    assert report.write.removed == ()
    assert {p: p.read_bytes() for p in built.rglob("*") if p.is_file()} == before
