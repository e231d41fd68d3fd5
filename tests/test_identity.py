"""Stable event ids: kept while coverage grows, redirected when events merge."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sitegen.check import check_site
from sitegen.cli import main
from sitegen.cluster.identity import assign_ids, readable_id, redirects_for
from sitegen.model import Registry


def test_a_growing_event_keeps_its_id() -> None:
    previous = Registry({"quake-hits-city": ("a", "b")})
    ids = assign_ids([["a", "b", "c"], ["d"]], ["Quake kills 12", "Floods in the north"], previous)
    assert ids == ["quake-hits-city", "floods-in-the-north"]


def test_new_ids_are_readable_and_unique() -> None:
    taken = {"storm-nears-coast"}
    assert readable_id("Storm nears coast!", taken) == "storm-nears-coast-2"
    assert readable_id("A very long headline with many words in it, truly", set()) == (
        "a-very-long-headline-with-many-words-in"
    )


def test_merged_events_redirect_to_the_survivor() -> None:
    previous = Registry({"big": ("a", "b", "c"), "small": ("d",)}, {"older": "small"})
    groups = [["a", "b", "c", "d"]]
    ids = assign_ids(groups, ["Headline"], previous)
    assert ids == ["big"]
    assert redirects_for(groups, ids, previous) == {"small": "big", "older": "big"}


def test_reserved_ids_are_not_taken_by_unpinned_groups() -> None:
    previous = Registry({"pinned-event": ("a",)})
    ids = assign_ids([["a"]], ["Pinned event"], previous, reserved={"pinned-event"})
    assert ids == ["pinned-event-2"]


def _article(n: int, topic: str, detail: str) -> dict[str, str]:
    return {
        "id": f"new-{topic}-{n}",
        "title": f"{topic.title()} update {n}: {detail}",
        "text": f"The {topic} in Valdoria continued on day {n}. {detail}. Officials in Port Amsel "
        f"said the {topic} affected {100 + n} households and that crews from Lisk and Tamber "
        f"were on site. Residents described the {topic} as the worst since records began.",
        "source": f"Outlet {n % 3}",
    }


def test_adding_ten_articles_keeps_every_event_url(demo_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    before = json.loads((site / "build" / "events.json").read_text(encoding="utf-8"))
    pages = [e["page"] for e in before["events"]]
    batch = tmp_path / "more.jsonl"
    lines = [_article(n, "flood", "water levels rose overnight") for n in range(5)]
    lines += [_article(n, "wildfire", "the fire jumped the ridge road") for n in range(5)]
    batch.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    assert main(["--site", str(site), "import", str(batch)]) == 0
    assert main(["--site", str(site), "build"]) == 0
    after = json.loads((site / "build" / "events.json").read_text(encoding="utf-8"))
    live = {e["page"] for e in after["events"]}
    for page in pages:
        assert page in live or page in after["redirects"], page
        assert (site / "build" / page.strip("/") / "index.html").is_file()
    assert check_site(site, "/") == []
    assert sum(len(e["articles"]) for e in after["events"]) == 15


def test_merge_leaves_a_redirect_page(demo_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    registry = site / "content" / "events" / "registry.json"
    data = json.loads(registry.read_text(encoding="utf-8"))
    call = next(k for k, v in data["events"].items() if len(v) == 3)
    # pretend the last build had split the call event in two
    *kept, moved = data["events"][call]
    data["events"][call] = kept
    data["events"]["old-split-event"] = [moved]
    registry.write_text(json.dumps(data), encoding="utf-8")
    assert main(["--site", str(site), "build"]) == 0
    page = site / "build" / "events" / "old-split-event" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert f"url=/events/{call}/" in html and f'href="/events/{call}/"' in html
    saved = json.loads(registry.read_text(encoding="utf-8"))
    assert saved["redirects"] == {"old-split-event": call}
    assert check_site(site, "/") == []


def test_event_notes_set_title_summary_and_exclusions(demo_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(demo_site, site)
    events = json.loads((site / "build" / "events.json").read_text(encoding="utf-8"))["events"]
    call = next(e for e in events if len(e["articles"]) == 3)
    dropped = call["articles"][-1]["id"]
    (site / "content" / "events" / f"{call['id']}.md").write_text(
        f"---\ntitle: Xi and Zelensky talk at last\nsummary: The first call.\n"
        f"exclude: [{dropped}]\n---\n\nEditor's note on the call.\n",
        encoding="utf-8",
    )
    assert main(["--site", str(site), "build"]) == 0
    events = json.loads((site / "build" / "events.json").read_text(encoding="utf-8"))["events"]
    same = next(e for e in events if e["id"] == call["id"])
    assert same["title"] == "Xi and Zelensky talk at last" and same["summary"] == "The first call."
    assert dropped not in {a["id"] for a in same["articles"]}
    alone = next(e for e in events if dropped in {a["id"] for a in e["articles"]})
    assert len(alone["articles"]) == 1
    html = (site / "build" / call["page"].strip("/") / "index.html").read_text(encoding="utf-8")
    assert "Editor&#39;s note on the call." in html or "Editor's note on the call." in html
