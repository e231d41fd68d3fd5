"""List pages (issues #5 and #7): entities, the archive, pagination, charts, fingerprinted assets.

A generated 200-article site is built once with small pages (``lists.page_size: 4``)
so that every kind of list spreads over several pages; a hand-made grouping checks
what a generated site cannot show (a name in many events, undated events, the caps,
a long storyline);
``charts.py`` is tested on its own, hostile outlet names included.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitegen.build import build_site, site_context
from sitegen.check import check_site
from sitegen.config import load_config, validate
from sitegen.deploy.files import IMMUTABLE_CACHE, cache_control
from sitegen.digest import event_digests
from sitegen.model import Article, Event, Grouping, Storyline
from sitegen.serve.publish import Channel, restyled_paths
from sitegen.serve.reload import action
from sitegen.site import charts
from sitegen.site.assets import asset_names, fingerprinted, headers_file, without_fingerprints
from sitegen.site.index import build_index
from sitegen.site.index_files import index_files
from sitegen.site.lists import event_pictures
from sitegen.site.paginate import navigation, output_path, paginate
from sitegen.site.plan import plan_site
from sitegen.site.render import make_env, render
from sitegen.site.theme import theme_chain
from tests.serve_support import copy_site, generated_site, tree

PAGE_SIZE = 4
SVG = "{http://www.w3.org/2000/svg}"


# --- a generated site ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def gen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """200 generated articles, built with 4 items a page and a page for every name."""
    site = generated_site(tmp_path_factory.mktemp("lists"), 200, seed=11)
    config = site / "sitegen.yaml"
    data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    data["lists"] = {"page_size": PAGE_SIZE}
    data["entities"] = {"min_events": 1}
    config.write_text(yaml.safe_dump(data), encoding="utf-8")
    build_site(site, load_config(site), clean=True)
    return site


class _Page(HTMLParser):
    """What the tests read from a built page: links, rel links, list items, chart markup."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []
        self.rel: dict[str, list[str]] = {}
        self.classes: list[str] = []
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "href" in a and tag in ("a", "link"):
            self.hrefs.append(a["href"])
            for rel in a.get("rel", "").split():
                self.rel.setdefault(f"{tag}:{rel}", []).append(a["href"])
        if tag == "link" and "stylesheet" in a.get("rel", "").split():
            self.assets.append(a["href"])
        if tag == "script" and a.get("src"):
            self.assets.append(a["src"])
        self.classes += [f"{tag}.{c}" for c in a.get("class", "").split()]


def read(build: Path, path: str) -> _Page:
    parser = _Page()
    parser.feed((build / path).read_text(encoding="utf-8"))
    return parser


def pages_under(build: Path, first: str) -> list[str]:
    """Output paths of a list's pages: ``first`` (``sources/x/index.html``) and its
    ``page/N/`` pages, in order."""
    folder = first.removesuffix("index.html")
    rest = sorted(
        (p.relative_to(build).as_posix() for p in (build / folder / "page").glob("*/index.html")),
        key=lambda p: int(p.split("/")[-2]),
    )
    return [first, *rest]


def events_json(build: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((build / "events.json").read_text())["events"]
    return data


def list_firsts(build: Path) -> dict[str, list[str]]:
    """Page 1 of every paginated list, by kind."""
    return {
        "home": ["index.html"],
        "sources": ["sources/index.html"],
        "source": sorted(
            p.relative_to(build).as_posix()
            for p in build.glob("sources/*/index.html")
            if p.parent.name != "page"
        ),
        "entity": sorted(
            p.relative_to(build).as_posix() for p in build.glob("entities/*/index.html")
        ),
        "month": sorted(
            p.relative_to(build).as_posix() for p in build.glob("archive/*/index.html")
        ),
    }


ITEM = {"home": "article.event-item", "source": "li.article-item", "entity": "li.event-row"}
_SOURCE_ROW = re.compile(r'<tr><td><a href="(/sources/[^/"]+/)">([^<]+)</a></td><td>(\d+)</td>')


def source_rows(build: Path, path: str) -> list[tuple[str, str, int]]:
    """(href, name, articles) of each outlet a page of the sources index lists."""
    html = (build / path).read_text(encoding="utf-8")
    return [(href, name, int(n)) for href, name, n in _SOURCE_ROW.findall(html)]


def count_items(build: Path, path: str, kind: str) -> int:
    """How many items of its list a page shows."""
    if kind == "sources":
        return len(source_rows(build, path))
    return read(build, path).classes.count(ITEM.get(kind, "li.event-row"))


def test_every_list_page_holds_at_most_a_page_of_items(gen: Path) -> None:
    build = gen / "build"
    paginated = 0
    for kind, firsts in list_firsts(build).items():
        assert firsts, kind
        for first in firsts:
            pages = pages_under(build, first)
            paginated += len(pages) > 1
            for i, path in enumerate(pages):
                items = count_items(build, path, kind)
                assert 1 <= items <= PAGE_SIZE, (path, items)
                if i + 1 < len(pages):
                    assert items == PAGE_SIZE, path  # only the last page is short
    assert paginated >= 6  # the home page, the sources index, months and some sources


def test_every_event_is_reachable_from_the_home_pages_and_the_archive(gen: Path) -> None:
    build = gen / "build"
    events = {e["page"] for e in events_json(build)}
    from_home = [h for p in pages_under(build, "index.html") for h in read(build, p).hrefs]
    assert events <= set(from_home)
    listed: list[str] = []
    archive = read(build, "archive/index.html")
    months = [h for h in archive.hrefs if re.fullmatch(r"/archive/(\d{4}-\d{2}|undated)/", h)]
    assert months
    for month in months:
        for path in pages_under(build, output_path(month)):
            listed += [h for h in read(build, path).hrefs if h.startswith("/events/")]
    assert sorted(listed) == sorted(events)  # each event in exactly one month


def test_latest_pages_are_newest_first_and_home_has_every_event(gen: Path) -> None:
    build = gen / "build"

    def order(page: str) -> list[str]:
        found = [
            h
            for p in pages_under(build, page)
            for h in read(build, p).hrefs
            if h.startswith("/events/")
        ]
        return list(dict.fromkeys(found))

    last = {e["page"]: e["last_report"] or "" for e in events_json(build)}
    latest = [p for p in order("latest/index.html") if p in last]
    assert [last[p] for p in latest] == sorted((last[p] for p in latest), reverse=True)
    assert set(latest) == set(last)
    assert set(order("index.html")) >= set(last)
    first = (build / "index.html").read_text(encoding="utf-8")
    assert 'class="summary"' in first and " articles" in first
    assert 'href="/latest/"' in first
    second = (build / "latest/page/2/index.html").read_text(encoding="utf-8")
    assert "<title>Latest events, page 2 · " in second
    assert "<title>Top events, page 2 · " in (build / "page/2/index.html").read_text("utf-8")


def test_prev_and_next_links_resolve_and_chain(gen: Path) -> None:
    build = gen / "build"
    for firsts in list_firsts(build).values():
        for first in firsts:
            pages = pages_under(build, first)
            hrefs = ["/" + p.removesuffix("index.html") for p in pages]
            for i, path in enumerate(pages):
                page = read(build, path)
                text = (build / path).read_text(encoding="utf-8")
                want_prev = [hrefs[i - 1]] if i > 0 else []
                want_next = [hrefs[i + 1]] if i + 1 < len(pages) else []
                assert page.rel.get("link:prev", []) == want_prev, path
                assert page.rel.get("a:prev", []) == want_prev, path
                assert page.rel.get("link:next", []) == want_next, path
                assert page.rel.get("a:next", []) == want_next, path
                if len(pages) > 1:
                    assert f"Page {i + 1} of {len(pages)}" in text, path
                    assert 'aria-current="page"' in text
                else:
                    assert 'class="pager"' not in text, path


def test_no_broken_links_and_the_sitemap_lists_every_page(gen: Path) -> None:
    assert check_site(gen, "/") == []
    build = gen / "build"
    xml = (build / "sitemap.xml").read_text(encoding="utf-8")
    listed = {
        u.removeprefix("http://localhost:8000") for u in re.findall(r"<loc>([^<]+)</loc>", xml)
    }
    pages = {
        "/" + p.relative_to(build).as_posix().removesuffix("index.html")
        for p in build.rglob("index.html")
        if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")
    }
    assert listed == pages
    assert {"/page/2/", "/archive/", "/entities/", "/sources/page/2/"} <= listed


def test_event_pages_link_their_names_and_name_pages_list_their_events(gen: Path) -> None:
    build = gen / "build"
    named: dict[str, set[str]] = {}
    for event in events_json(build):
        page = read(build, event["page"].strip("/") + "/index.html")
        links = [h for h in page.hrefs if h.startswith("/entities/") and h != "/entities/"]
        assert len(links) == len(event["entities"])  # min_events 1: every name has a page
        for href in links:
            named.setdefault(href, set()).add(event["page"])
    assert named
    for href, events in named.items():
        listed = {
            h
            for p in pages_under(build, output_path(href))
            for h in read(build, p).hrefs
            if h.startswith("/events/")
        }
        assert listed == events, href
    index = read(build, "entities/index.html")
    assert {h for h in index.hrefs if h.startswith("/entities/") and h != "/entities/"} == set(
        named
    )


def test_event_and_sources_pages_draw_their_charts(gen: Path) -> None:
    build = gen / "build"
    sources = (build / "sources/index.html").read_text(encoding="utf-8")
    assert sources.count('<svg class="chart"') == 1 and "Articles per outlet" in sources
    drawn = {"coverage": 0, "outlets": 0}
    for event in events_json(build):
        html = (build / event["page"].strip("/") / "index.html").read_text(encoding="utf-8")
        dates = [a["date"] for a in event["articles"]]
        drawn_over_time = charts.coverage_chart(dates) is not None  # its own rules: tested above
        assert ('id="chart-coverage-title"' in html) == drawn_over_time, event["page"]
        per_outlet = Counter(a["source"] for a in event["articles"] if a["source"])
        compared = len(per_outlet) >= 3 and len(set(per_outlet.values())) > 1
        assert ('id="chart-outlets-title"' in html) == compared
        drawn["coverage"] += 'id="chart-coverage-title"' in html
        drawn["outlets"] += 'id="chart-outlets-title"' in html
    assert drawn["coverage"]  # (outlet charts: this site's events have one article an outlet)


def test_the_sources_index_is_paginated_in_its_order_with_the_chart_on_page_1(gen: Path) -> None:
    build = gen / "build"
    outlets = {"/" + p.removesuffix("index.html") for p in list_firsts(build)["source"]}
    pages = pages_under(build, "sources/index.html")
    assert len(pages) == -(-len(outlets) // PAGE_SIZE) > 1
    assert pages[1] == "sources/page/2/index.html"  # page 1 stays at sources/
    rows = [row for path in pages for row in source_rows(build, path)]
    assert len(rows) == len(outlets) and {href for href, _, _ in rows} == outlets  # once each
    assert rows == sorted(rows, key=lambda r: (-r[2], r[1].lower()))  # most articles first
    articles: dict[str, int] = {}
    for event in events_json(build):
        for a in event["articles"]:
            articles[a["source"]] = articles.get(a["source"], 0) + 1
    assert {name: n for _, name, n in rows} == articles
    for number, path in enumerate(pages, 1):
        html = (build / path).read_text(encoding="utf-8")
        assert html.count('<svg class="chart"') == (number == 1), path
        assert ("The mix of outlets" in html) == (number == 1), path
        assert f"Page {number} of {len(pages)}" in html
        if number > 1:
            assert f"<title>Sources, page {number} · " in html


def test_rebuilding_gives_the_same_bytes(gen: Path, tmp_path: Path) -> None:
    again = copy_site(gen, tmp_path / "again")
    build_site(again, load_config(again), clean=True, jobs=2)
    assert tree(again / "build") == tree(gen / "build")


# --- fingerprinted assets ------------------------------------------------------------------


def test_assets_are_fingerprinted_and_every_page_names_existing_ones(gen: Path) -> None:
    build = gen / "build"
    fingerprinted_files = {}
    for path in (build / "assets").iterdir():
        match = re.fullmatch(r"(.+)\.([0-9a-f]{8})\.(css|js)", path.name)
        if match:
            data = path.read_bytes()
            assert match.group(2) == hashlib.sha256(data).hexdigest()[:8]
            plain = build / "assets" / f"{match.group(1)}.{match.group(3)}"
            assert plain.read_bytes() == data
            fingerprinted_files[path.name] = data
    assert {re.sub(r"\.[0-9a-f]{8}", "", n) for n in fingerprinted_files} == {
        "style.css",
        "search.js",
    }
    named: set[str] = set()
    for page in build.rglob("*.html"):
        parser = _Page()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.assets:
            assert re.fullmatch(r"/assets/[\w-]+\.[0-9a-f]{8}\.(css|js)", href), (page, href)
            assert (build / href.lstrip("/")).is_file()
            named.add(href)
    assert "/assets/search." in " ".join(named) and "/assets/style." in " ".join(named)
    headers = (build / "_headers").read_text(encoding="utf-8")
    for name in fingerprinted_files:
        assert f"/assets/{name}\n  Cache-Control: {IMMUTABLE_CACHE}" in headers
        assert cache_control(f"assets/{name}") == IMMUTABLE_CACHE
    assert "/assets/style.css\n  Cache-Control: public, max-age=86400" in headers


def test_a_changed_stylesheet_gets_a_new_name_and_pages_follow(gen: Path, tmp_path: Path) -> None:
    site = copy_site(gen, tmp_path / "restyled")
    (site / "static").mkdir()
    (site / "static" / "style.css").write_text("body { color: rgb(1, 2, 3); }\n")
    build_site(site, load_config(site))
    data = (site / "build/assets/style.css").read_bytes()
    name = fingerprinted("style.css", data)
    assert name != "style.css" and (site / "build/assets" / name).read_bytes() == data
    old = sorted(p.name for p in (gen / "build/assets").glob("style.*.css"))
    assert [p.name for p in (site / "build/assets").glob("style.*.css")] == [name]
    home = (site / "build/index.html").read_bytes()
    assert f"/assets/{name}".encode() in home
    assert without_fingerprints(home) == without_fingerprints(
        (gen / "build/index.html").read_bytes()
    )
    assert old != [name]


def test_asset_helpers() -> None:
    static = {"assets/style.css": b"a", "assets/search.js": b"b", "assets/logo.png": b"c"}
    names = asset_names(static)
    assert names["logo.png"] == "logo.png"
    assert names["style.css"] == f"style.{hashlib.sha256(b'a').hexdigest()[:8]}.css"
    config = validate({"base_url": "https://example.org/news/"})
    headers = headers_file(config, names).decode()
    assert headers.startswith("/news/*\n")
    assert f"/news/assets/{names['style.css']}\n  Cache-Control: {IMMUTABLE_CACHE}" in headers
    assert "/news/assets/logo.png\n  Cache-Control: public, max-age=86400" in headers
    assert "/assets/*" not in headers  # no rule that would join its value to another's


def test_live_preview_swaps_styles_when_pages_changed_only_their_asset_names() -> None:
    page = b'<link rel="stylesheet" href="/assets/style.0123abcd.css"><p>x</p>'
    restyled = page.replace(b"0123abcd", b"89abcdef")
    rewritten = restyled.replace(b"<p>x</p>", b"<p>y</p>")
    old = {"index.html": page, "a/index.html": page, "assets/style.0123abcd.css": b"1"}
    new = {"index.html": restyled, "a/index.html": rewritten, "assets/style.89abcdef.css": b"2"}
    changed = frozenset({"index.html", "a/index.html", "assets/style.0123abcd.css"}) | {
        "assets/style.89abcdef.css"
    }
    only = restyled_paths(old, new, changed)
    assert only == {"index.html"}
    assert action(changed, "index.html", only) == "css"
    assert action(changed, "a/index.html", only) == "reload"
    assert action(changed | {"_headers"}, "index.html", only) == "css"
    channel = Channel()
    channel.publish(old)
    epoch = channel.current().epoch
    channel.publish(new)
    assert channel.restyled_since(epoch) == {"index.html"}
    channel.publish({**new, "index.html": restyled + b"<p>edited</p>"})
    assert channel.restyled_since(epoch) == set()  # edited since: a reload after all
    assert channel.restyled_since(0) == set()  # an epoch from long ago: quick, and nothing


# --- a hand-made grouping ------------------------------------------------------------------


def _site(events: int, undated: int, **options: Any) -> dict[str, Any]:
    """The plan of ``events`` one-article events that all name "Ada Lovelace", a day apart
    from 2024-01-01, plus ``undated`` events without a date; pages by output path."""
    articles, evs = [], []
    for i in range(events + undated):
        aid = f"a{i:03d}"
        date = None if i >= events else f"2024-{1 + i // 28:02d}-{1 + i % 28:02d}"
        articles.append(Article(aid, f"Story {i}", "Text.", source=f"Outlet {i % 3}", date=date))
        names = ("Ada Lovelace", f"Only Here {i}")
        evs.append(Event(f"e{i:03d}", f"Story {i}", (aid,), entities=names))
    index = build_index(articles, Grouping(tuple(evs), (), ()))
    config = validate({"lists": {"page_size": 10}, **options})
    return {
        p.path: p.context
        for p in plan_site(index, config, event_digests(index), event_pictures(index)).pages
    }


def test_a_name_in_many_events_gets_pages_newest_first_and_lonely_names_none() -> None:
    pages = _site(25, 0)
    first = pages["entities/ada-lovelace/index.html"]
    assert first["entity"]["count"] == 25
    assert [e["title"] for e in first["events"]][:2] == ["Story 24", "Story 23"]
    assert first["pagination"]["count"] == 3 and first["pagination"]["next"] == (
        "/entities/ada-lovelace/page/2/"
    )
    last = pages["entities/ada-lovelace/page/3/index.html"]
    assert [e["title"] for e in last["events"]] == [f"Story {i}" for i in range(4, -1, -1)]
    assert not any(p.startswith("entities/only-here") for p in pages)
    links = pages["events/e003/index.html"]["entity_links"]
    assert links == [
        {"name": "Ada Lovelace", "url": "/entities/ada-lovelace/"},
        {"name": "Only Here 3", "url": None},
    ]
    assert [n["name"] for n in pages["entities/index.html"]["entities"]] == ["Ada Lovelace"]


def test_entity_options_set_the_threshold_and_the_cap() -> None:
    pages = _site(3, 0, entities={"min_events": 1, "index_size": 2})
    listed = pages["entities/index.html"]
    assert listed["total"] == 4 and [n["name"] for n in listed["entities"]] == [
        "Ada Lovelace",
        "Only Here 0",
    ]
    assert "entities/only-here-2/index.html" in pages


def test_archive_months_in_order_and_undated_events_apart() -> None:
    pages = _site(40, 3)
    archive = pages["archive/index.html"]
    assert [m["id"] for y in archive["years"] for m in y["months"]] == ["2024-02", "2024-01"]
    assert archive["undated"]["url"] == "/archive/undated/"
    january = pages["archive/2024-01/index.html"]
    assert january["month"]["label"] == "January 2024" and january["month"]["count"] == 28
    assert [e["title"] for e in january["events"]][:2] == ["Story 0", "Story 1"]
    assert january["newer"]["id"] == "2024-02" and january["older"] is None
    assert "archive/2024-01/page/3/index.html" in pages
    undated = pages["archive/undated/index.html"]
    assert [e["title"] for e in undated["events"]] == ["Story 40", "Story 41", "Story 42"]
    assert undated["newer"] is None and undated["older"] is None
    home = [p for p in pages if p == "index.html" or p.startswith("page/")]
    assert len(home) == 5  # 43 events, 10 a page


def _storyline_site(tmp_path: Path, events: int) -> dict[str, bytes]:
    """The rendered site of one storyline of ``events`` one-article events a day apart
    (hostile titles and outlet names), 10 items a page; outputs by path."""
    articles, evs = [], []
    for i in range(events):
        aid = f"a{i:03d}"
        day = i + i // 5  # a day without a story after every five: bars of two heights
        date = f"2024-{1 + day // 28:02d}-{1 + day % 28:02d}"
        title = f"Story {i} <script>alert({i})</script>"
        articles.append(Article(aid, title, "Text.", source=f"<b>Outlet</b> {i % 4}", date=date))
        evs.append(Event(f"e{i:03d}", title, (aid,), storyline="e000"))
    story = Storyline("e000", evs[-1].title, tuple(e.id for e in evs))
    index = build_index(articles, Grouping(tuple(evs), (), (story,)))
    config = validate({"lists": {"page_size": 10}})
    env = make_env(tmp_path, theme_chain(tmp_path, "default"))
    plan = plan_site(index, config, event_digests(index), event_pictures(index))
    return {**index_files(index, config), **render(plan, env, site_context(config))}


def test_a_long_storyline_is_paginated_in_timeline_order_with_the_chart_on_page_1(
    tmp_path: Path,
) -> None:
    out = _storyline_site(tmp_path, 25)
    hrefs = ["/storylines/e000/", "/storylines/e000/page/2/", "/storylines/e000/page/3/"]
    paths = [output_path(h) for h in hrefs]
    assert sorted(p for p in out if p.startswith("storylines/")) == sorted(paths)
    shown: list[str] = []
    for i, path in enumerate(paths):
        html = out[path].decode("utf-8")
        page = _Page()
        page.feed(html)
        want_prev = [hrefs[i - 1]] if i > 0 else []
        want_next = [hrefs[i + 1]] if i + 1 < len(hrefs) else []
        assert page.rel.get("link:prev", []) == page.rel.get("a:prev", []) == want_prev
        assert page.rel.get("link:next", []) == page.rel.get("a:next", []) == want_next
        assert f"Page {i + 1} of 3" in html
        assert ('id="chart-coverage-title"' in html) == (i == 0), path
        title = "Story 24 &lt;script&gt;alert(24)&lt;/script&gt;"
        page_no = f", page {i + 1}" if i else ""
        assert f"<title>{title}{page_no} · News digest</title>" in html
        assert "<script>alert" not in html and "<b>Outlet" not in html  # escaped
        assert "&lt;script&gt;alert(" in html
        events = [h for h in page.hrefs if h.startswith("/events/")]
        assert page.classes.count("article.event-item") == len(events) == (10 if i < 2 else 5)
        shown += events
    assert shown == [f"/events/e{i:03d}/" for i in range(25)]  # in order, each once
    assert '<ol class="story-timeline" start="11">' in out[paths[1]].decode("utf-8")
    sitemap = out["sitemap.xml"].decode("utf-8")
    assert all(f"<loc>http://localhost:8000{h}</loc>" in sitemap for h in hrefs)
    event = out["events/e003/index.html"].decode("utf-8")
    assert 'href="/storylines/e000/"' in event  # event pages still link page 1


def test_a_storyline_that_fits_one_page_has_no_pager(tmp_path: Path) -> None:
    out = _storyline_site(tmp_path, 10)
    assert [p for p in out if p.startswith("storylines/")] == ["storylines/e000/index.html"]
    html = out["storylines/e000/index.html"].decode("utf-8")
    assert 'class="pager"' not in html and 'rel="next"' not in html and "/page/" not in html
    assert '<ol class="story-timeline">' in html and 'id="chart-coverage-title"' in html
    assert html.count('class="event-item"') == 10
    sources = out["sources/index.html"].decode("utf-8")  # 4 outlets: one page too
    assert 'class="pager"' not in sources and "/page/" not in sources
    assert sources.count('<svg class="chart"') == 1


def test_paginate_helper() -> None:
    def url(n: int) -> str:
        return "/x/" if n == 1 else f"/x/page/{n}/"

    pages = paginate(list(range(23)), 10, url)
    assert [list(p.items) for p in pages][2] == [20, 21, 22]
    assert [p.path for p in pages] == ["x/index.html", "x/page/2/index.html", "x/page/3/index.html"]
    assert pages[1].nav["prev"] == "/x/" and pages[1].nav["next"] == "/x/page/3/"
    assert pages[1].nav["start"] == 11
    empty = paginate([], 10, url)
    assert len(empty) == 1 and not empty[0].items and empty[0].nav["links"] == []
    nav = navigation(10, 20, url)
    numbers = [link and link["number"] for link in nav["links"]]
    assert numbers == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert output_path("/news/", "/news") == "index.html"


# --- charts --------------------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    '" onload="alert(2)',
    "' onmouseover='alert(3)",
    "Ben & Jerry's <b>News</b>",
    "]]><svg onload=alert(4)>",
]


def _parse(figure: str) -> ET.Element:
    return ET.fromstring(figure)


def _svg(figure: ET.Element) -> ET.Element:
    svg = figure.find(f"{SVG}svg")
    assert svg is not None
    return svg


def _all_text(element: ET.Element) -> list[str]:
    return [t for e in element.iter() for t in (e.text, e.tail) if t and t.strip()]


def test_outlet_chart_escapes_hostile_names_and_says_it_in_words() -> None:
    sources = [*HOSTILE, HOSTILE[0], HOSTILE[0], "Plain Post", None]
    figure = charts.outlet_chart(sources)
    assert figure is not None
    root = _parse(str(figure))
    assert root.tag == "figure"
    for element in root.iter():
        assert element.tag.removeprefix(SVG) not in ("script", "b", "foreignObject")
        assert not any(name.lower().startswith("on") for name in element.attrib)
    svg = _svg(root)
    assert svg.get("role") == "img"
    ids = {e.get("id") for e in svg.iter()}
    assert set((svg.get("aria-labelledby") or "").split()) <= ids
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and title.text == "Articles per outlet"
    assert desc is not None and desc.text and "8 articles from 6 outlets" in desc.text
    assert HOSTILE[0] in desc.text  # the leader, named as text
    caption = root.find("figcaption")
    assert caption is not None and caption.text == desc.text
    table = {row[0].text: row[1].text for row in root.iter("tr") if row[1:] and row[1].tag == "td"}
    assert table[HOSTILE[0]] == "3" and table["Plain Post"] == "1"
    for name in HOSTILE:
        assert name in table
        drawn = [t for t in _all_text(svg) if t.startswith(name[:10])]
        assert drawn, name  # drawn as text (cut if long), never as markup
    assert "<script>" not in str(figure) and 'onload="' not in str(figure)


def test_outlet_chart_folds_the_long_tail_and_needs_enough_outlets() -> None:
    sources = [f"Outlet {i:02d}" for i in range(20) for _ in range(20 - i)]
    figure = charts.outlet_chart(sources)
    assert figure is not None
    root = _parse(str(figure))
    assert len(list(_svg(root).iter(f"{SVG}rect"))) == charts.MAX_OUTLETS
    assert "8 other outlets" in " ".join(_all_text(root))
    assert charts.outlet_chart(["A", "B", "A"], min_outlets=3) is None
    assert charts.outlet_chart([None, None]) is None
    assert charts.outlet_chart(["A", "B", "C", "A", "B", "C"]) is None  # bars of one length


def test_a_chart_of_equal_bars_is_left_out() -> None:
    assert charts.coverage_chart(["2024-05-01", "2024-05-02", "2024-05-03"]) is None
    assert charts.coverage_chart(["2024-05-01", "2024-05-03"]) is not None  # 1, 0, 1
    assert charts.outlet_chart(["A", "B"]) is None
    assert charts.outlet_chart(["A", "B", "B"]) is not None


def test_outlet_chart_is_deterministic() -> None:
    sources = [*HOSTILE, "A", "A", "B"] * 3
    shuffled = sources[:]
    random.Random(5).shuffle(shuffled)
    assert charts.outlet_chart(sources) == charts.outlet_chart(shuffled)


def test_coverage_chart_per_day_with_axis_labels_and_a_table() -> None:
    dates = ["2024-05-01", "2024-05-03", "2024-05-03T10:00:00+02:00", None, "2024-05-09"]
    figure = charts.coverage_chart(dates)
    assert figure is not None and figure == charts.coverage_chart(list(dates))
    root = _parse(str(figure))
    svg = _svg(root)
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    assert title is not None and title.text == "Articles per day"
    assert len(list(svg.iter(f"{SVG}rect"))) == 3  # days without articles draw no bar
    labels = [t.text for t in svg.findall(f"{SVG}text")]
    assert "0" in labels and "2" in labels  # the y axis
    assert "May 1" in labels and "May 9" in labels  # the x axis, first and last
    caption = root.find("figcaption")
    assert caption is not None and caption.text
    assert "4 articles between 2024-05-01 and 2024-05-09" in caption.text
    assert "1 article without a date is not shown" in caption.text
    rows = [(r[0].text, r[1].text) for r in root.iter("tr") if r[1:] and r[1].tag == "td"]
    assert rows == [("2024-05-01", "1"), ("2024-05-03", "2"), ("2024-05-09", "1")]


def test_coverage_chart_by_hour_week_and_month() -> None:
    hours = charts.coverage_chart(["2024-05-01T09:10:00Z", "2024-05-01T13:00:00Z"])
    assert hours is not None and "Articles per hour" in hours and "09:00" in hours
    assert "UTC" in hours
    weeks = charts.coverage_chart(["2024-01-01", "2024-05-01"])
    assert weeks is not None and "Articles per week" in weeks
    months = charts.coverage_chart(["2023-01-01", "2024-05-01"])
    assert months is not None and "Articles per month" in months and "Jan 2023" in months
    for figure in (hours, weeks, months):
        _parse(str(figure))
    assert charts.coverage_chart(["2024-05-01", None]) is None
    assert charts.coverage_chart(["2024-05-01", "2024-05-01"]) is None  # one day, no times
    assert charts.coverage_chart([]) is None


def _iter_pages(build: Path) -> Iterator[Path]:
    yield from build.rglob("*.html")


def test_charts_in_built_pages_are_well_formed(gen: Path) -> None:
    found = 0
    for page in _iter_pages(gen / "build"):
        html = page.read_text(encoding="utf-8")
        for figure in re.findall(r'<figure class="chart-figure">.*?</figure>', html, re.DOTALL):
            _parse(figure)
            found += 1
    assert found > 10


def test_a_static_file_name_cannot_add_a_headers_rule(gen: Path, tmp_path: Path) -> None:
    """Robustness point 12: a name with a newline, a space or a colon is percent-encoded in its
    rule of ``_headers``, as the URL path it is served at."""
    site = copy_site(gen, tmp_path / "named")
    (site / "static").mkdir()
    hostile = "x.txt\n  Access-Control-Allow-Origin: *"
    (site / "static" / hostile).write_text("not a rule\n")
    (site / "static" / "two words.txt").write_text("fine\n")
    build_site(site, load_config(site))
    lines = (site / "build" / "_headers").read_text(encoding="utf-8").split("\n")
    assert not any("Access-Control" in line and not line.startswith("/") for line in lines)
    assert all(line.startswith(("/", "  ")) or not line for line in lines)
    assert "/assets/x.txt%0A%20%20Access-Control-Allow-Origin%3A%20%2A" in lines
    assert "/assets/two%20words.txt" in lines
