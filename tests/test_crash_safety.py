"""Killed builds and imports lose nothing; concurrent writers are serialised by the site lock."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.loader import load_content
from sitegen.lock import LockBusy, holder, site_lock
from sitegen.site.output import previous_dir, staging_dir, write_site
from tests.serve_support import copy_site, generated_site, running, settle, tree

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = 400
KILLS = 6


def sitegen(site: Path, *args: str) -> subprocess.Popen[bytes]:
    """``sitegen --site SITE ARGS`` in its own process."""
    return subprocess.Popen(
        [sys.executable, "-m", "sitegen", "-q", "--site", str(site), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def finish(proc: subprocess.Popen[bytes]) -> str:
    """Wait for ``proc``; fail with its stderr unless it succeeded. Returns stderr."""
    _out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    return err.decode()


def retitle(site: Path, title: str) -> None:
    """Change the site title: every page's bytes change."""
    config = site / "sitegen.yaml"
    text = config.read_text(encoding="utf-8")
    head, _, rest = text.partition("title: ")
    config.write_text(head + f"title: {title}\n" + rest.partition("\n")[2], encoding="utf-8")


@pytest.fixture(scope="module")
def big_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site of generated articles, imported once (each test works on a copy)."""
    return generated_site(tmp_path_factory.mktemp("big"), ARTICLES, seed=11)


def test_a_build_killed_at_any_moment_leaves_the_previous_build_whole(
    big_site: Path, tmp_path: Path
) -> None:
    site = copy_site(big_site, tmp_path / "site")
    retitle(site, "Edition A")
    finish(sitegen(site, "build"))
    edition_a = tree(site / "build")
    expected_b = copy_site(site, tmp_path / "b")
    retitle(expected_b, "Edition B")
    started = time.monotonic()
    finish(sitegen(expected_b, "build"))
    took = time.monotonic() - started
    edition_b = tree(expected_b / "build")
    assert edition_a != edition_b

    retitle(site, "Edition B")
    rng = random.Random(20261123)
    killed_mid_build = 0
    for _ in range(KILLS):
        proc = sitegen(site, "build")
        time.sleep(rng.uniform(0.2, took))
        if proc.poll() is None:
            killed_mid_build += 1
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        now = tree(site / "build")
        assert now in (edition_a, edition_b), "build/ is a mix of two builds"
        if now == edition_b:  # that one got through: go back to A to kill the next
            retitle(site, "Edition A")
            finish(sitegen(site, "build"))
            retitle(site, "Edition B")
    assert killed_mid_build, "no kill landed while a build was running"
    finish(sitegen(site, "build"))
    assert tree(site / "build") == edition_b
    assert not staging_dir(site / "build").exists()


def test_a_build_killed_while_swapping_is_recovered(tmp_path: Path) -> None:
    build = tmp_path / "build"
    write_site({"index.html": b"old", "a/b.html": b"old b"}, build)
    # Killed between moving the old build aside and moving the new one in:
    os.rename(build, previous_dir(build))
    staging_dir(build).mkdir()
    (staging_dir(build) / "half.html").write_bytes(b"half")
    result = write_site({"index.html": b"old", "a/b.html": b"new b"}, build)
    assert result.written == ("a/b.html",)
    assert result.unchanged == 1
    assert tree(build) == {"index.html": b"old", "a/b.html": b"new b"}
    assert not previous_dir(build).exists() and not staging_dir(build).exists()


def test_unchanged_files_are_not_touched(tmp_path: Path) -> None:
    build = tmp_path / "build"
    write_site({"index.html": b"home", "e/x.html": b"event", "gone.html": b"stale"}, build)
    before = {rel: (build / rel).stat() for rel in ("index.html", "e/x.html")}
    same = write_site({"index.html": b"home", "e/x.html": b"event", "gone.html": b"stale"}, build)
    assert same.written == () and same.removed == () and same.unchanged == 3
    changed = write_site({"index.html": b"home", "e/x.html": b"event 2"}, build)
    assert changed.written == ("e/x.html",) and changed.removed == ("gone.html",)
    after = (build / "index.html").stat()
    assert (after.st_ino, after.st_mtime_ns) == (
        before["index.html"].st_ino,
        before["index.html"].st_mtime_ns,
    )
    assert tree(build) == {"index.html": b"home", "e/x.html": b"event 2"}


def test_an_import_killed_at_any_moment_leaves_no_half_written_article(
    big_site: Path, tmp_path: Path
) -> None:
    feed = big_site.parent / "articles.jsonl"
    rng = random.Random(7)
    for attempt in range(4):
        site = tmp_path / f"site{attempt}"
        assert main(["-q", "init", str(site)]) == 0
        proc = sitegen(site, "import", str(feed))
        time.sleep(rng.uniform(0.3, 2.5))
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        loaded, _notes, errors = load_content(site)
        assert not errors, [f"{e.origin}: {e.message}" for e in errors]
        files = sorted((site / "content" / "articles").glob("*.md"))
        assert len(loaded) == len(files)
        finish(sitegen(site, "import", str(feed)))
        loaded, _notes, errors = load_content(site)
        assert not errors and len(loaded) == ARTICLES


def test_a_second_build_waits_for_the_first(big_site: Path, tmp_path: Path) -> None:
    site = copy_site(big_site, tmp_path / "site")
    with site_lock(site, "test"):
        proc = sitegen(site, "build")
        assert proc.stderr is not None
        line = proc.stderr.readline().decode()
        assert f"sitegen test (pid {os.getpid()}) is writing this site; waiting" in line
        assert proc.poll() is None  # still waiting while the lock is held
        assert not (site / "build").exists()
    finish(proc)
    assert (site / "build" / "index.html").is_file()


def test_without_waiting_a_busy_lock_names_its_holder(tmp_path: Path) -> None:
    with site_lock(tmp_path, "build"):
        assert holder(tmp_path) == f"sitegen build (pid {os.getpid()})"
        with (
            pytest.raises(LockBusy, match="is writing this site"),
            site_lock(tmp_path, "import", wait=0),
        ):
            pass
    with site_lock(tmp_path, "import", wait=0):
        assert holder(tmp_path).startswith("sitegen import")


def test_concurrent_builds_and_a_running_preview_leave_a_consistent_build(
    big_site: Path, tmp_path: Path
) -> None:
    site = copy_site(big_site, tmp_path / "site")
    expected_site = copy_site(big_site, tmp_path / "expected")
    retitle(expected_site, "Busy digest")
    finish(sitegen(expected_site, "build"))
    with running(site) as preview:
        retitle(site, "Busy digest")
        builds = [sitegen(site, "build") for _ in range(3)]
        errors: list[str] = []
        threads = [threading.Thread(target=lambda p=p: errors.append(finish(p))) for p in builds]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        settle(preview, lambda s: b"Busy digest" in s.outputs["index.html"], "the new title")
        served = preview.channel.current().outputs
    expected = tree(expected_site / "build")
    assert tree(site / "build") == expected
    assert dict(served) == expected
    assert not staging_dir(site / "build").exists()
    shutil.rmtree(expected_site)
