"""The kept stages give what computing afresh gives, and are reused."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from sitegen.cache import StageCache
from sitegen.cluster import names_used
from sitegen.loader import load_content, read_article
from sitegen.model import Article
from sitegen.pipeline.articles import ARTICLES_VERSION, cached_reader
from sitegen.pipeline.names import NAMES_VERSION, cached_names
from sitegen.scaffold import init_site
from sitegen.uptodate import content_hashes
from sitegen.workers import IN_PROCESS, InProcess, Kind, R, T


def _write(site: Path, name: str, text: str | bytes) -> Path:
    path = site / "content" / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return path


def test_cached_articles_are_the_parse_of_their_bytes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    init_site(site)
    _write(site, "a.md", "---\ntitle: Plain\nsource: One\n---\n\nA body.\n")
    _write(site, "b.md", b"---\r\ntitle: Windows lines\r\n---\r\n\r\nA body.\r\n")
    _write(site, "c.md", "---\ntitle: A date in extra\nseen: 2024-03-05\n---\n\nText.\n")
    _write(site, "d.md", "---\nno title here\n---\n")
    fresh = load_content(site)
    cache = StageCache(site, "articles", ARTICLES_VERSION)
    first = load_content(site, IN_PROCESS, cached_reader(site, cache))
    cache.save()
    again_cache = StageCache(site, "articles", ARTICLES_VERSION)
    again = load_content(site, IN_PROCESS, cached_reader(site, again_cache))
    assert first == fresh and again == fresh
    assert again_cache.hits == 2  # a and b; c's extra (a date) is not kept as JSON, d fails
    assert [Path(e.origin).name for e in again[2]] == ["d.md"]
    assert read_article(site / "content" / "articles" / "b.md") == again[0][1]


def test_a_changed_file_is_parsed_again(tmp_path: Path) -> None:
    site = tmp_path / "site"
    init_site(site)
    path = _write(site, "a.md", "---\ntitle: First\n---\n\nA body.\n")
    cache = StageCache(site, "articles", ARTICLES_VERSION)
    load_content(site, IN_PROCESS, cached_reader(site, cache))
    path.write_text("---\ntitle: Second\n---\n\nA body.\n")
    articles, _, _ = load_content(site, IN_PROCESS, cached_reader(site, cache))
    assert [a.title for a in articles] == ["Second"]


def test_files_the_build_hashed_are_looked_up_without_reading_them_again(
    tmp_path: Path,
) -> None:
    """The reader takes a file's parse by the hash the build's digest made of it; a file
    edited after that hash is parsed as read, and kept under the hash of what was read."""
    site = tmp_path / "site"
    init_site(site)
    path = _write(site, "a.md", "---\ntitle: First\n---\n\nA body.\n")
    _write(site, "b.md", "---\ntitle: Other\n---\n\nAnother body.\n")
    cache = StageCache(site, "articles", ARTICLES_VERSION)
    load_content(site, IN_PROCESS, cached_reader(site, cache, content_hashes(site)))
    cache.save()
    kept = StageCache(site, "articles", ARTICLES_VERSION)
    hashed = content_hashes(site)
    path.write_text("---\ntitle: Second\n---\n\nA body.\n")  # edited after the digest
    articles, _, _ = load_content(site, IN_PROCESS, cached_reader(site, kept, hashed))
    assert [a.title for a in articles] == ["First", "Other"]  # the bytes the digest covers
    kept.save()
    later = StageCache(site, "articles", ARTICLES_VERSION)
    articles, _, _ = load_content(
        site, IN_PROCESS, cached_reader(site, later, content_hashes(site))
    )
    assert [a.title for a in articles] == ["Second", "Other"]
    assert articles == load_content(site)[0]


def test_kept_names_are_what_finding_them_gives(tmp_path: Path) -> None:
    arts = [
        Article("a", "Kelby bridge", "The bridge in Kelby fell. Mayor Ann Holt spoke."),
        Article("b", "Holt speaks", "Ann Holt said the river rose. The bridge was old."),
    ]
    cache = StageCache(tmp_path, "names", NAMES_VERSION)
    find = cached_names(cache)
    assert find(arts, IN_PROCESS) == names_used(arts, IN_PROCESS)
    cache.save()
    kept = StageCache(tmp_path, "names", NAMES_VERSION)
    assert cached_names(kept)(arts, IN_PROCESS) == names_used(arts, IN_PROCESS)
    assert kept.misses == 0 and kept.hits == 4  # case counts and names of each


def test_a_word_that_becomes_common_finds_again_only_the_names_that_asked_about_it(
    tmp_path: Path,
) -> None:
    """Kept names hold while every word their search asked about is common, or not, as it
    was: a new article that makes "bridge" a common word re-finds the names of the article
    that writes "Bridge", and of no other."""
    arts = [
        Article("a", "Kelby closure", "Bridge Street in Kelby closed. Mayor Ann Holt spoke."),
        Article("b", "Holt speaks", "Ann Holt said the river rose at Kelby."),
        Article("c", "Rain", "Rain fell on Marsh Lane all night."),
    ]
    cache = StageCache(tmp_path, "names", NAMES_VERSION)
    assert cached_names(cache)(arts, IN_PROCESS) == names_used(arts, IN_PROCESS)
    cache.save()
    lower = Article("d", "Repairs", "the bridge was repaired. the bridge is open. a bridge.")
    more = [*arts, lower]
    searched: list[str] = []

    class Recording(InProcess):
        def map(self, kind: Kind, func: Callable[[T], R], items: Sequence[T]) -> list[R]:
            searched.extend(getattr(x, "id", "") for x in items)
            return super().map(kind, func, items)

    kept = StageCache(tmp_path, "names", NAMES_VERSION)
    found = cached_names(kept)(more, Recording())
    assert found == names_used(more, IN_PROCESS)
    assert searched == ["a", "d"]


def test_kept_digests_are_what_making_them_gives(tmp_path: Path) -> None:
    from sitegen.cluster import cluster
    from sitegen.config import validate
    from sitegen.digest import event_digests
    from sitegen.pipeline.digests import DIGESTS_VERSION, cached_digests
    from sitegen.site.index import build_index

    body = (
        'The footbridge over the Kelby river collapsed on Tuesday. "We heard a crack," said '
        "Ann Holt, a resident. Fourteen people were hurt, officials said."
    )
    arts = [
        Article("a", "Footbridge collapses", body, source="One", date="2024-03-05"),
        Article("b", "Bridge falls in Kelby", body + " Repairs will take a year.", source="Two"),
    ]
    index = build_index(arts, cluster(arts, validate({})), None, [])
    cache = StageCache(tmp_path, "digests", DIGESTS_VERSION)
    assert cached_digests(index, cache) == event_digests(index)
    cache.save()
    kept = StageCache(tmp_path, "digests", DIGESTS_VERSION)
    assert cached_digests(index, kept) == event_digests(index)
    assert kept.misses == 0 and kept.hits == len(index.events)
