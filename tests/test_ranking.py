"""The home page leads with what matters: independent outlets, recency, growth."""

from __future__ import annotations

import re
from pathlib import Path

from sitegen.build import build_site
from sitegen.config import load_config
from sitegen.scaffold import init_site
from sitegen.site.ranking import Standing, rank

STORY = [
    "Flood barriers on the Orrin river failed at Tessby late on Sunday night.",
    "About 900 homes in the lower town were evacuated as water rose two metres.",
    "Mayor Ilse Varga said the barriers had been inspected in the spring.",
    "Rescue boats from Calder and Wendle joined the Tessby fire brigade overnight.",
    "The regional water board promised an inquiry into the barrier failure.",
]
SINGLES = [
    (
        "A bakery in Holm wins the national bread prize",
        "The Holm bakery of Piet Anker won the prize for its rye loaf, judges said.",
    ),
    (
        "Chess club in Ardal turns one hundred",
        "The Ardal chess club marked its centenary with a simultaneous game against 40 members.",
    ),
    (
        "New tram line opens in Brisk",
        "Brisk opened its third tram line, linking the station with the university campus.",
    ),
    (
        "Lighthouse keeper retires after 41 years",
        "Oda Lunn has kept the Skarv lighthouse since 1983 and hands over the keys on Friday.",
    ),
    (
        "Library in Vell extends its opening hours",
        "The Vell library will open until ten in the evening from next month, the council said.",
    ),
    (
        "Cyclist sets record on the Krona pass",
        "Mats Eide climbed the Krona pass in 31 minutes, a minute faster than the old record.",
    ),
]


def _write(site: Path, name: str, **fields: str) -> None:
    body = fields.pop("body")
    head = "\n".join(f"{k}: {v!r}" for k, v in fields.items())
    (site / "content" / "articles" / f"{name}.md").write_text(
        f"---\nid: {name}\n{head}\n---\n\n{body}\n", encoding="utf-8"
    )


def test_a_five_outlet_story_outranks_single_reports_of_the_same_day(tmp_path: Path) -> None:
    site = tmp_path / "site"
    init_site(site)
    outlets = ["Tessby Post", "River Radio", "Northern Wire", "Calder Times", "Wendle Daily"]
    for n, outlet in enumerate(outlets):
        sentences = STORY[n:] + STORY[:n]
        _write(
            site,
            f"flood-{n}",
            title=f"Flood barriers fail in Tessby ({outlet})",
            source=outlet,
            date="2024-03-04",
            body=" ".join(sentences),
        )
    for n, (title, text) in enumerate(SINGLES):
        _write(site, f"single-{n}", title=title, source=f"Local {n}", date="2024-03-04", body=text)
    build_site(site, load_config(site))
    home = (site / "build" / "index.html").read_text(encoding="utf-8")
    events = list(dict.fromkeys(re.findall(r'href="(/events/[^"]+/)"', home)))
    assert len(events) == 1 + len(SINGLES)
    first = (site / "build" / events[0].strip("/") / "index.html").read_text(encoding="utf-8")
    assert "Tessby" in first and all(o in first for o in outlets)
    latest = (site / "build" / "latest" / "index.html").read_text(encoding="utf-8")
    assert set(re.findall(r'href="(/events/[^"]+/)"', latest)) == set(events)


def test_copies_do_not_count_and_recency_decays() -> None:
    today = Standing("many-copies", outlets=1, latest="2024-03-04T09:00:00+00:00", reports=6)
    five = Standing("five-outlets-old", outlets=5, latest="2024-03-02T09:00:00+00:00", reports=5)
    older = Standing("five-outlets-older", outlets=5, latest="2024-02-20T09:00:00+00:00", reports=5)
    assert rank([today, five, older]) == ["five-outlets-old", "many-copies", "five-outlets-older"]


def test_growth_since_the_last_build_lifts_an_event() -> None:
    still = Standing("b-still", outlets=2, latest="2024-03-04", reports=2)
    growing = Standing("a-growing", outlets=2, latest="2024-03-04", reports=4, grown=2)
    assert rank([still, growing])[0] == "a-growing"


def test_ties_do_not_fall_back_to_the_alphabet() -> None:
    names = [f"event-{c}" for c in "abcdefghijklmnop"]
    order = rank([Standing(n, outlets=1, latest="2024-03-04", reports=1) for n in names])
    assert sorted(order) == names
    assert order not in (names, names[::-1])
    assert order == rank(
        [Standing(n, outlets=1, latest="2024-03-04", reports=1) for n in names[::-1]]
    )
