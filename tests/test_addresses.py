"""Stable article, source and name URLs: the registry keeps the slugs a build handed out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitegen.check import check_site
from sitegen.cli import main
from sitegen.model import Addresses
from sitegen.registry import REGISTRY, RegistryError, load_registry
from sitegen.site.addresses import hand_out, usable
from tests.reading_support import CHINESE, RUSSIAN, other_scripts


def _article(site: Path, stem: str, title: str, source: str, words: str) -> None:
    text = f"---\ntitle: {title}\nsource: {source}\ndate: 2024-05-0{len(stem) % 9 + 1}\n---\n\n"
    body = f"{words.capitalize()} filled the morning. " * 6
    (site / "content" / "articles" / f"{stem}.md").write_text(text + body + "\n", "utf-8")


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    assert main(["init", str(site)]) == 0
    for old in (site / "content" / "articles").glob("*.md"):
        old.unlink()
    return site


def _built(site: Path) -> dict[str, str]:
    """Article page path -> the title it shows."""
    assert main(["--site", str(site), "build"]) == 0
    data = json.loads((site / "build" / "events.json").read_text("utf-8"))
    return {a["page"]: a["title"] for e in data["events"] for a in e["articles"]}


def test_a_new_article_that_sorts_first_does_not_take_an_old_url(tmp_path: Path) -> None:
    site = _site(tmp_path)
    _article(site, "café", "Harbour café reopens", "Coast News", "harbour tables and coffee")
    before = _built(site)
    assert before == {"/articles/harbour-cafe-reopens/": "Harbour café reopens"}  # its headline
    feed = (site / "build" / "feed.xml").read_text("utf-8")
    # "cafe" sorts before "café" and its headline slugs alike: by id order it would take the
    # URL of the first
    _article(site, "cafe", "Harbour cafe reopens", "Valley Post", "snow drifts on the pass")
    after = _built(site)
    assert after["/articles/harbour-cafe-reopens/"] == "Harbour café reopens"
    assert after["/articles/harbour-cafe-reopens-2/"] == "Harbour cafe reopens"
    atom_id = "http://localhost:8000/articles/harbour-cafe-reopens/</id>"
    assert atom_id in feed and atom_id in (site / "build" / "feed.xml").read_text("utf-8")
    saved = json.loads((site / REGISTRY).read_text("utf-8"))
    assert saved["addresses"]["article"] == {
        "cafe": "harbour-cafe-reopens-2",
        "café": "harbour-cafe-reopens",
    }
    assert check_site(site, "/") == []


def test_a_retitled_article_keeps_its_url(tmp_path: Path) -> None:
    site = _site(tmp_path)
    _article(site, "storm", "Storm reaches coast", "Coast News", "wind over the sea wall")
    assert "/articles/storm-reaches-coast/" in _built(site)
    _article(site, "storm", "Storm batters the coast", "Coast News", "wind over the sea wall")
    assert _built(site) == {"/articles/storm-reaches-coast/": "Storm batters the coast"}


def test_a_removed_article_keeps_its_url_from_others(tmp_path: Path) -> None:
    site = _site(tmp_path)
    _article(site, "Storm", "Storm reaches coast", "Coast News", "wind over the sea wall")
    assert "/articles/storm-reaches-coast/" in _built(site)
    (site / "content" / "articles" / "Storm.md").unlink()
    _article(site, "storm", "Storm reaches coast", "Valley Post", "a crew under the street")
    assert _built(site) == {"/articles/storm-reaches-coast-2/": "Storm reaches coast"}
    assert not (site / "build" / "articles" / "storm-reaches-coast").exists()


def test_an_outlet_named_anew_keeps_its_page_and_its_other_page_redirects(
    tmp_path: Path,
) -> None:
    site = _site(tmp_path)
    _article(site, "one", "Harbour café reopens", "politifact.com", "harbour tables")
    _article(site, "two", "Mountain pass closes", "Valley Post", "snow drifts on the pass")
    _built(site)
    registry = site / REGISTRY
    data = json.loads(registry.read_text("utf-8"))
    assert data["addresses"]["source"]["politifact.com"] == "politifact"
    # as if an older build had had a second page for the outlet, under another spelling
    data["addresses"]["source"]["Politifact"] = "politifact-2"
    registry.write_text(json.dumps(data), "utf-8")
    for stem in ("one", "two"):  # the outlet now writes its name another way
        path = site / "content" / "articles" / f"{stem}.md"
        path.write_text(path.read_text("utf-8").replace("politifact.com", "PolitiFact"), "utf-8")
    _built(site)
    page = (site / "build" / "sources" / "politifact" / "index.html").read_text("utf-8")
    assert "PolitiFact" in page
    moved = (site / "build" / "sources" / "politifact-2" / "index.html").read_text("utf-8")
    assert 'url=/sources/politifact/"' in moved and "has moved" in moved
    assert "/sources/politifact-2/ /sources/politifact/ 301" in (
        site / "build" / "_redirects"
    ).read_text("utf-8")
    saved = json.loads(registry.read_text("utf-8"))
    assert saved["addresses"]["source"]["PolitiFact"] == "politifact"
    assert "politifact.com" not in saved["addresses"]["source"]
    assert saved["moved"]["source"] == {"politifact-2": "PolitiFact"}
    assert check_site(site, "/") == []


def test_slugs_are_handed_out_in_passes() -> None:
    handed = hand_out(
        ["new", "kept", "Gone Two"],
        lambda n: n,
        {"kept": "kept-3", "gone": "new", "gone two": "gone-two-9", "Gone-Two": "gone-two"},
        {"old-kept": "kept", "../x": "kept"},
        "item",
        heirs=True,
    )
    assert handed.slugs == {"kept": "kept-3", "gone": "new", "new": "new-2", "Gone Two": "gone-two"}
    assert handed.moved == {"old-kept": "kept", "gone-two-9": "Gone Two"}


def test_a_slug_slugify_could_not_make_is_never_used() -> None:
    for bad in ("../x", "/abs", "a/b", "CON", "nul", "", "-x", "x-", "a.b", "é", "x" * 200):
        assert not usable(bad), bad
    handed = hand_out(["a"], lambda n: n, {"a": "../evil"}, {"nul": "a"}, "item", heirs=False)
    assert handed.slugs == {"a": "a"} and handed.moved == {}


def test_the_slugs_handed_out_hand_out_the_same_again() -> None:
    before = {"x": "x", "X": "x-2", "gone": "y"}
    first = hand_out(["X", "x", "y"], lambda n: n, before, {}, "item", heirs=True)
    again = hand_out(["X", "x", "y"], lambda n: n, first.slugs, first.moved, "item", heirs=True)
    assert first == again


def test_a_registry_with_wrongly_typed_addresses_is_refused(tmp_path: Path) -> None:
    path = tmp_path / REGISTRY
    path.parent.mkdir(parents=True)
    for addresses in ([], {"article": ["a"]}, {"article": {"a": 3}}):
        path.write_text(json.dumps({"events": {}, "addresses": addresses}), "utf-8")
        with pytest.raises(RegistryError, match="unreadable"):
            load_registry(tmp_path)
    path.write_text(json.dumps({"version": 1, "events": {"e": ["a"]}}), "utf-8")
    assert load_registry(tmp_path).addresses == Addresses()


def test_headlines_and_outlets_in_other_scripts_get_readable_addresses(tmp_path: Path) -> None:
    site = other_scripts(tmp_path)
    events = json.loads((site / "build" / "events.json").read_text())["events"]
    pages = {e["title"]: e["page"] for e in events}
    assert pages[RUSSIAN] == "/events/putin-vstretilsya-s-si-tszin-pinom/"
    assert pages[CHINESE] == "/events/xi-jin-ping-yu-ze-lian-si-ji/"  # eight words at most
    sources = site / "build" / "sources"
    assert (sources / "kommersant" / "index.html").is_file()
    assert (sources / "xin-hua-she" / "index.html").is_file()
