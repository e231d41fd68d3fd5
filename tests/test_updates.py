"""What is new since the last update: each article stamped with the update that first held
it, kept in the registry; the newest update's articles under ``new/``, on the home page and
marked in lists; an event's updated time; times in the site's time zone."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.config import ConfigError, load_config
from sitegen.model import Registry
from sitegen.registry import load_registry
from sitegen.site.times import shown_time, site_zone
from sitegen.updates import (
    EARLIER,
    latest_update,
    new_articles,
    previous_update,
    seen_in,
    update_stamp,
)
from tests.htmlutil import article_page
from tests.reading_support import BRIDGE, _write, sectioned

HOUR = 3600
START = 1_764_800_000


def test_the_update_stamp_is_the_clock_or_source_date_epoch(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert update_stamp() == "1970-01-01T00:00:00Z"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    now = dt.datetime.now(dt.UTC)
    stamp = dt.datetime.fromisoformat(update_stamp().replace("Z", "+00:00"))
    assert abs((stamp - now).total_seconds()) < 5


def test_each_article_keeps_the_update_that_first_held_it() -> None:
    old = Registry(events={"e": ("a", "b")}, seen={"a": "2026-11-01T08:00:00Z"})
    seen = seen_in(["a", "b", "c"], old, "2026-11-02T08:00:00Z")
    assert seen == {"a": "2026-11-01T08:00:00Z", "b": EARLIER, "c": "2026-11-02T08:00:00Z"}
    assert latest_update(seen) == "2026-11-02T08:00:00Z"
    assert new_articles(seen) == {"c"}
    assert previous_update(seen) == "2026-11-01T08:00:00Z"
    first = seen_in(["a", "b"], Registry(), "2026-11-02T08:00:00Z")
    assert latest_update(first) is None and not new_articles(first)  # all new: none singled out


def _build(site: Path, monkeypatch: pytest.MonkeyPatch, hour: int) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(START + hour * HOUR))
    assert main(["--site", str(site), "-q", "build"]) == 0


NEW = {
    "n1": ("Bridge closure angers Mill Street shops", BRIDGE.replace("Tuesday", "Tuesday night")),
    "n2": (
        "Harwick library reopens",
        "The Harwick library reopened on Monday after a year of repairs to its roof, with a "
        "new children's wing and longer opening hours for its readers.",
    ),
    "n3": (
        "Harwick school wins science prize",
        "Pupils of the Harwick primary school won the national science prize on Friday for a "
        "project that measured the water quality of the river through the town.",
    ),
}


def _add_three(site: Path) -> None:
    for name, (title, body) in NEW.items():
        _write(site, name, title, body, source="Courier")


def test_a_second_build_shows_its_three_new_articles_as_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(START))
    site = sectioned(tmp_path)
    build = site / "build"
    first = (build / "new" / "index.html").read_text()
    assert "first update" in first and 'class="badge new"' not in first
    _add_three(site)
    _build(site, monkeypatch, 1)
    page = (build / "new" / "index.html").read_text()
    listed = {
        line.split(">", 1)[1].split("<", 1)[0]
        for line in page.splitlines()
        if 'href="/articles/' in line
    }
    assert listed == {title for title, _ in NEW.values()}
    assert "2025-12-03 23:13 UTC" in page  # the update, in the site's zone
    assert page.count('<span class="badge new">New</span>') == 3
    home = (build / "index.html").read_text()
    assert '<a href="/new/">3 new articles</a> since the last update' in home
    registry = load_registry(site)
    assert {a for a, s in registry.seen.items() if s == "2025-12-03T23:13:20Z"} == set(NEW)
    events = json.loads((build / "events.json").read_text())["events"]
    bridge = next(e for e in events if "n1" in {a["id"] for a in e["articles"]})
    event_page = (build / bridge["page"].strip("/") / "index.html").read_text()
    assert "updated 2025-12-03 23:13 UTC" in event_page and "1 new</span>" in event_page
    feed = (build / bridge["page"].strip("/") / "feed.xml").read_text()
    assert "<updated>2026-11-03T00:00:00Z</updated>" in feed  # dated later than the update
    # a rebuild that brings nothing new (a template edit) keeps the same three as new
    (site / "templates").mkdir(exist_ok=True)
    (site / "templates" / "404.html").write_text("<!doctype html><title>Lost</title>\n")
    _build(site, monkeypatch, 2)
    assert (build / "new" / "index.html").read_text() == page
    # the next update with new articles takes over
    _write(site, "n4", "Harwick market returns", NEW["n2"][1].replace("library", "market"))
    _build(site, monkeypatch, 3)
    later = (build / "new" / "index.html").read_text()
    assert "Harwick market returns" in later and "library reopens" not in later
    assert "(the one before: 2025-12-03 23:13 UTC)" in later


def test_a_registry_from_before_updates_were_recorded_marks_only_new_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(START))
    site = sectioned(tmp_path)
    path = site / "content" / "events" / "registry.json"
    data = json.loads(path.read_text())
    del data["seen"]
    data["version"] = 2
    path.write_text(json.dumps(data))
    _build(site, monkeypatch, 1)
    before = (site / "build" / "new" / "index.html").read_text()
    assert "before updates were recorded" in before and "first update" not in before
    _write(site, "n2", *NEW["n2"], source="Courier")
    _build(site, monkeypatch, 2)
    page = (site / "build" / "new" / "index.html").read_text()
    assert page.count('<span class="badge new">New</span>') == 1
    assert "Harwick library reopens" in page


@pytest.mark.parametrize(
    ("value", "zone", "shown"),
    [
        ("2026-11-03", "Europe/Lisbon", "2026-11-03"),
        ("2026-11-03T09:30:00+00:00", "UTC", "2026-11-03 09:30 UTC"),
        ("2026-07-03T09:30:00Z", "Europe/Lisbon", "2026-07-03 10:30 WEST"),
        ("2026-11-03T09:30:00", "America/New_York", "2026-11-03 04:30 EST"),
        ("not a time at all", "UTC", "not a time"),
        (None, "UTC", None),
    ],
)
def test_times_are_shown_in_the_sites_zone(value: str | None, zone: str, shown: str | None) -> None:
    assert shown_time(value, site_zone(zone)) == shown


def test_the_time_zone_is_checked_and_used(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert main(["-q", "init", str(site)]) == 0
    config = site / "sitegen.yaml"
    text = config.read_text()
    config.write_text(text + "timezone: Mars/Olympus\n")
    with pytest.raises(ConfigError, match="timezone"):
        load_config(site)
    config.write_text(text + "timezone: Asia/Tokyo\n")
    _write(site, "t1", "Harwick votes", BRIDGE, date="2026-11-03T09:30:00+00:00")
    assert main(["--site", str(site), "-q", "build"]) == 0
    page = (site / "build" / article_page(site, "t1")).read_text()
    assert '<time datetime="2026-11-03T09:30:00+00:00">2026-11-03 18:30 JST</time>' in page
