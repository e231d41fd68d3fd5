"""Every check of samples/seeds-expected.yaml against a site built from the raw samples."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitegen import frontmatter
from sitegen.normalize.draft import clean_line, words
from tests.conftest import EXPECTED, RAW_SAMPLES

SPEC: dict[str, Any] = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))
ARTICLES: dict[str, dict[str, Any]] = SPEC["articles"]


def raw_lines(name: str) -> dict[int, str]:
    text = (RAW_SAMPLES / name).read_text(encoding="utf-8")
    return {n: clean_line(line) for n, line in enumerate(text.split("\n"), start=1)}


def as_text(markdown: str) -> str:
    """What escaped Markdown reads as: backslash escapes and ``&amp;`` undone."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("&amp;", "&")


def normalized(site: Path, name: str) -> tuple[dict[str, Any], list[str], str]:
    """(front matter, body paragraphs as text, whole file as text) of the article imported
    from ``name``."""
    for path in (site / "content" / "articles").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        meta, body = frontmatter.split(text)
        if meta["imported"]["file"].endswith("/" + name):
            paragraphs = [as_text(clean_line(p)) for p in re.split(r"\n\s*\n", body) if p.strip()]
            return meta, paragraphs, as_text(text)
    raise AssertionError(f"no normalized article for {name}")


def matches(paragraph: str, line: str) -> bool:
    """The paragraph is the raw line, or the line less a short dateline prefix."""
    if paragraph == line:
        return True
    return line.endswith(paragraph) and len(words(line[: -len(paragraph)])) <= 4


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_body_paragraphs_survive_whole_and_in_order(demo_site: Path, name: str) -> None:
    spec, lines = ARTICLES[name], raw_lines(name)
    _, paragraphs, _ = normalized(demo_site, name)
    position = -1
    for number in spec["body"]:
        found = [i for i, p in enumerate(paragraphs) if matches(p, lines[number])]
        assert found, f"{name}: body line {number} lost: {lines[number][:80]!r}"
        assert found[0] > position, f"{name}: body line {number} out of order"
        position = found[0]
    assert len(paragraphs) == len(spec["body"]), f"{name}: extra paragraphs kept"


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_junk_is_gone_everywhere(demo_site: Path, name: str) -> None:
    lines = raw_lines(name)
    meta, paragraphs, text = normalized(demo_site, name)
    for number in ARTICLES[name]["junk"]:
        # the headline itself may be in the front matter; its repetitions must not be in the body
        line = lines[number]
        if line == meta["title"]:
            assert line not in paragraphs, f"{name}: repeated title (line {number}) kept"
        else:
            assert line not in text, f"{name}: junk line {number} kept: {line!r}"


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_front_and_caption_lines_leave_the_body(demo_site: Path, name: str) -> None:
    spec, lines = ARTICLES[name], raw_lines(name)
    _, paragraphs, _ = normalized(demo_site, name)
    for number in spec.get("front", []) + spec.get("caption", []):
        if number == spec.get("summary_from"):
            continue  # a standfirst the body repeats: kept once, checked in test_metadata
        assert lines[number] not in paragraphs, f"{name}: line {number} left in the body"


@pytest.mark.parametrize("name", sorted(ARTICLES))
def test_metadata(demo_site: Path, name: str) -> None:
    spec, lines = ARTICLES[name], raw_lines(name)
    meta, paragraphs, _ = normalized(demo_site, name)
    assert meta["id"] == Path(name).stem
    if spec["title"] is None:
        assert meta.get("title_generated") is True
        assert 3 <= len(words(meta["title"])) <= 15
        assert meta["title"].rstrip("…") in lines[1]
    else:
        assert meta["title"] == spec["title"]
        assert "title_generated" not in meta
    for key in ("author", "source"):
        if key in spec:
            assert meta.get(key) == spec[key]
    if "summary_from" in spec:
        summary_line = lines[spec["summary_from"]]
        assert meta["summary"] == summary_line
        assert sum(1 for p in paragraphs if summary_line in p) == 1, "standfirst kept twice"
    assert meta.get("summary"), "every article gets a summary"
    for absent in ("date", "url"):
        assert absent not in meta, f"{absent} invented"


def _events(site: Path) -> dict[str, list[str]]:
    data = json.loads((site / "build" / "events.json").read_text(encoding="utf-8"))
    return {e["id"]: [a["id"] + ".txt" for a in e["articles"]] for e in data["events"]}


def test_grouping_matches_the_expected_events(demo_site: Path) -> None:
    groups = [set(m) for m in _events(demo_site).values()]
    call, *others = SPEC["events"]
    assert set(call["members"]) in groups
    rest = set().union(*(set(e["members"]) for e in others))
    for group in groups:
        if group & rest:
            assert group <= rest, f"an earlier interview was grouped with the call: {group}"
    assert set().union(*groups) == set(ARTICLES)


def test_near_duplicates_are_marked(demo_site: Path) -> None:
    data = json.loads((demo_site / "build" / "events.json").read_text(encoding="utf-8"))
    copies = {
        (a["id"] + ".txt", a["duplicate_of"] + ".txt")
        for e in data["events"]
        for a in e["articles"]
        if a["duplicate_of"]
    }
    for copy, original in SPEC["near_duplicates"]:
        assert (copy, original) in copies or (original, copy) in copies
    assert len(copies) == len(SPEC["near_duplicates"])


def test_the_demo_names_every_outlet_its_texts_name(demo_site: Path) -> None:
    data = json.loads((demo_site / "build" / "events.json").read_text(encoding="utf-8"))
    pages = {a["id"] + ".txt": a["page"] for e in data["events"] for a in e["articles"]}
    for name, spec in ARTICLES.items():
        if not spec.get("source"):
            continue  # its text names no outlet
        html = (demo_site / "build" / pages[name].strip("/") / "index.html").read_text()
        byline = html.split('<p class="meta">', 1)[1].split("</p>", 1)[0]
        assert spec["source"] in byline and "Unknown source" not in byline, name


def test_no_chart_of_the_demo_has_bars_of_one_length(demo_site: Path) -> None:
    for page in (demo_site / "build").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for svg in html.split('<svg class="chart"')[1:]:
            rects = re.findall(r'<rect class="bar"[^>]*>', svg.split("</svg>", 1)[0])
            sizes = {(_attr(r, "width"), _attr(r, "height")) for r in rects}
            assert len(sizes) > 1, f"{page}: a chart of equal bars"
    # two outlets with one article each: the table says so, and no chart
    sources = (demo_site / "build" / "sources" / "index.html").read_text(encoding="utf-8")
    assert sources.count("<tr><td>") == 2 and '<svg class="chart"' not in sources


def _attr(tag: str, name: str) -> str:
    found = re.search(rf'\s{name}="([^"]*)"', tag)
    return found.group(1) if found else ""
