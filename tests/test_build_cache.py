"""Parallel, cached and no-change builds give exactly what a clean serial build gives."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen import workers
from sitegen.build import build_site, with_base_url
from sitegen.cache import StageCache, cache_folder, shard_of
from sitegen.cluster.features import FEATURES_VERSION
from sitegen.config import load_config
from sitegen.loader import load_content
from sitegen.workers import SIZES, Forked
from tests.serve_support import clean_build, copy_site, generated_site, tree

ARTICLES = 300


@pytest.fixture(scope="module")
def gen_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site of generated articles, imported once (each test works on a copy)."""
    return generated_site(tmp_path_factory.mktemp("gen"), ARTICLES, seed=3)


def test_parallel_and_serial_builds_are_identical(
    gen_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # make even this small site hand out every piece of work that can be handed out
    for kind, sizes in SIZES.items():
        monkeypatch.setitem(SIZES, kind, dataclasses.replace(sizes, per_worker=1))
    monkeypatch.setitem(SIZES, "pages", dataclasses.replace(SIZES["pages"], per_worker=10))
    site = copy_site(gen_site, tmp_path / "site")
    forked: list[int] = []
    real_pool = workers.multiprocessing.get_context("fork").Pool

    def counting_pool(
        n: int, initializer: Callable[..., object] | None = None, initargs: tuple[object, ...] = ()
    ) -> object:
        forked.append(n)
        return real_pool(n, initializer=initializer, initargs=initargs)

    monkeypatch.setattr(
        workers.multiprocessing,
        "get_context",
        lambda method: type("Ctx", (), {"Pool": staticmethod(counting_pool)}),
    )
    build_site(site, load_config(site), clean=True, jobs=3)
    assert 3 in forked  # the pages were rendered by three workers
    assert len(forked) >= 6  # terms, Markdown, topics, copies, digests, index files, pages
    assert tree(site / "build") == clean_build(gen_site, tmp_path)


def test_no_change_rebuild_does_nothing_and_any_change_rebuilds(
    gen_site: Path, tmp_path: Path
) -> None:
    site = copy_site(gen_site, tmp_path / "site")
    config = load_config(site)
    first = build_site(site, config)
    assert first.write.written
    again = build_site(site, config)
    assert again.write.written == () and again.write.unchanged == len(tree(site / "build"))
    assert (again.articles, again.events) == (first.articles, first.events)

    page = site / "build" / "index.html"
    page.write_bytes(b"tampered")  # an output changed by hand is put right
    assert build_site(site, config).write.written == ("index.html",)

    os.unlink(site / "build" / "feed.xml")  # a missing output too
    assert build_site(site, config).write.written == ("feed.xml",)

    other = with_base_url(config, "https://example.org/news/")  # another base URL
    assert len(build_site(site, other).write.written) > ARTICLES

    (site / "templates").mkdir(exist_ok=True)  # a template override
    (site / "templates" / "404.html").write_text("{% extends '!default/404.html' %}")
    assert build_site(site, other).write.written == ()
    (site / "templates" / "404.html").write_text("<p>Lost.</p>")
    assert build_site(site, other).write.written == ("404.html",)

    article = sorted((site / "content" / "articles").glob("*.md"))[5]
    article.write_text(article.read_text() + "\nA sentence added later.\n")
    rebuilt = build_site(site, other)
    assert any(p.startswith("articles/") for p in rebuilt.write.written)
    assert tree(site / "build") == clean_build(site, tmp_path, "https://example.org/news/")


def test_cached_and_clean_builds_are_identical(gen_site: Path, tmp_path: Path) -> None:
    site = copy_site(gen_site, tmp_path / "site")
    config = load_config(site)
    build_site(site, config)  # fills the caches
    assert sorted(p.name for p in cache_folder(site).iterdir()) == [
        "articles",
        "digests",
        "features",
        "grouping",
        "hashes",
        "markdown",
        "names",
        "pages",
        "pictures",
        "stamp",
    ]
    for path in sorted((site / "content" / "articles").glob("*.md"))[:20]:
        path.write_text(path.read_text() + "\nOne more line of reporting.\n")
    cached = build_site(site, config)
    assert cached.write.written
    assert tree(site / "build") == clean_build(site, tmp_path)


def test_a_corrupt_cache_is_noticed_and_rebuilt(gen_site: Path, tmp_path: Path) -> None:
    site = copy_site(gen_site, tmp_path / "site")
    config = load_config(site)
    build_site(site, config)
    expected = tree(site / "build")
    for name in ("features", "markdown", "stamp"):
        path = _fullest(cache_folder(site) / name)
        data = bytearray(path.read_bytes())
        data[-20] ^= 0x20  # one flipped bit in the payload
        path.write_bytes(bytes(data))
    warnings: list[str] = []
    build_site(site, config, say=warnings.append)
    assert sorted(w.split("corrupt ")[1].split(" cache")[0] for w in warnings) == [
        "features",
        "markdown",
        "stamp",
    ]
    assert tree(site / "build") == expected
    for name in ("features", "markdown", "stamp"):
        for shard in (cache_folder(site) / name).iterdir():
            assert json.loads(shard.read_bytes().partition(b"\n")[0])["sha256"]
    truncated = _fullest(cache_folder(site) / "markdown")
    truncated.write_bytes(truncated.read_bytes()[:100])
    (site / "build" / "index.html").unlink()
    build_site(site, config)
    assert tree(site / "build") == expected


def _fullest(stage: Path) -> Path:
    """The biggest of a stage cache's files."""
    return max(sorted(stage.iterdir()), key=lambda p: p.stat().st_size)


def _any(value: object) -> bool:
    return True


def test_stage_cache_reports_corruption_once(tmp_path: Path) -> None:
    cache = StageCache(tmp_path, "demo", "1")
    cache.put("k", {"v": [1, 2]})
    cache.save()
    assert StageCache(tmp_path, "demo", "1").get("k", _any) == {"v": [1, 2]}
    assert StageCache(tmp_path, "demo", "2").get("k", _any) is None  # another version: unused
    path = cache.shard_path(shard_of("k"))
    path.write_bytes(path.read_bytes().replace(b"[1,2]", b"[1,3]"))
    warnings: list[str] = []
    assert StageCache(tmp_path, "demo", "1", warn=warnings.append).get("k", _any) is None
    assert len(warnings) == 1 and "corrupt demo cache" in warnings[0]


def test_content_read_on_workers_is_what_load_content_reads(
    gen_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = copy_site(gen_site, tmp_path / "site")
    articles = site / "content" / "articles"
    (articles / "zz-no-title.md").write_text("---\nid: zz\n---\n\nNo title here.\n")
    (articles / "zz-bad-yaml.md").write_text("---\ntitle: [unclosed\n---\n\nBody.\n")
    first = sorted(articles.glob("*.md"))[0]
    (articles / "zz-same-id.md").write_text(first.read_text())  # a duplicate id
    (site / "content" / "events").mkdir(exist_ok=True)
    (site / "content" / "events" / "bad.md").write_text("---\ntitle: [unclosed\n---\n")
    monkeypatch.setitem(SIZES, "files", dataclasses.replace(SIZES["files"], per_worker=10))
    loaded = load_content(site, Forked(3))
    assert loaded == load_content(site)
    assert len(loaded[2]) == 4  # three bad article files and a bad note, in load order


def _hostile_cache(folder: Path, kind: str) -> None:
    """Put something a build must survive where a file of the features cache lives."""
    path = folder / "features" / "00.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() or path.is_symlink():
        path.unlink()
    if kind == "fifo":
        os.mkfifo(path)  # reading it would wait for a writer forever
    elif kind == "folder":
        path.mkdir()
        (path / "x").write_text("y")
    else:  # a payload nested 200,000 deep, with a checksum that matches it
        import hashlib

        payload = b"[" * 200_000 + b"]" * 200_000
        digest = hashlib.sha256(payload).hexdigest()
        head = json.dumps({"stage": "features", "version": FEATURES_VERSION, "sha256": digest})
        path.write_bytes(head.encode() + b"\n" + payload)


@pytest.mark.parametrize("kind", ["fifo", "folder", "deep"])
def test_a_hostile_cache_file_never_stops_a_build(
    gen_site: Path, tmp_path: Path, kind: str
) -> None:
    """Robustness point 12: a cache that is a FIFO, a folder or nested 200,000 deep is
    reported and set aside; the build gives the same site as a clean one."""
    site = copy_site(gen_site, tmp_path / "site")
    _hostile_cache(cache_folder(site), kind)
    said: list[str] = []
    build_site(site, load_config(site), say=said.append)
    assert any("features" in line for line in said), said
    assert tree(site / "build") == clean_build(gen_site, tmp_path / "clean")


def _reshaped(stage: Path, change: Callable[[object], object]) -> None:
    """Rewrite every entry of a stage cache with ``change``, under checksums that match."""
    import hashlib

    for path in stage.iterdir():
        head, _, payload = path.read_bytes().partition(b"\n")
        entries = {k: change(v) for k, v in json.loads(payload).items()}
        payload = json.dumps(entries).encode()
        meta = {**json.loads(head), "sha256": hashlib.sha256(payload).hexdigest()}
        path.write_bytes(json.dumps(meta).encode() + b"\n" + payload)


SHAPES: dict[str, Callable[[object], object]] = {
    "features-strings": lambda v: "not terms",
    "features-values": lambda v: {"harbour": "many", "quay": [1]},
    "features-nan": lambda v: {"harbour": float("nan")},
    "markdown-numbers": lambda v: 7,
    "stamp-report": lambda v: {**v, "report": ["x", None, {}, -1]} if isinstance(v, dict) else v,
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_a_checksummed_entry_of_the_wrong_shape_is_computed_again(
    gen_site: Path, tmp_path: Path, shape: str
) -> None:
    """Robustness point 12: a cache file whose checksum holds, with entries a stage never
    stores, is a miss for those entries; the build gives what a clean build gives."""
    site = copy_site(gen_site, tmp_path / "site")
    build_site(site, load_config(site))
    _reshaped(cache_folder(site) / shape.split("-")[0], SHAPES[shape])
    if not shape.startswith("stamp"):  # so that the stamp does not spare the build
        shutil.rmtree(cache_folder(site) / "stamp")
    said: list[str] = []
    report = build_site(site, load_config(site), say=said.append)
    assert report.errors == () and report.articles == ARTICLES
    assert any("wrong shape" in line for line in said), said
    assert tree(site / "build") == clean_build(gen_site, tmp_path / "clean")
