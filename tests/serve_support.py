"""Helpers for the ``sitegen serve`` tests: fresh sites, clean builds to compare with, waiting."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from bench.generate import articles
from sitegen.build import build_site, with_base_url
from sitegen.cli import main
from sitegen.config import load_config
from sitegen.serve import Preview
from sitegen.serve.publish import Snapshot

T = TypeVar("T")
TIMEOUT = 60.0


def copy_site(src: Path, dest: Path) -> Path:
    """A copy of the site at ``src`` without its ``build/``."""
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("build"))
    return dest


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def clean_build(site: Path, scratch: Path, base_url: str | None = None) -> dict[str, bytes]:
    """What ``sitegen build --clean [--base-url URL]`` makes, on one process, of a copy of the
    site as it is on disk now."""
    copy = copy_site(site, scratch / f"clean-{time.monotonic_ns()}")
    shutil.rmtree(copy / "inbox", ignore_errors=True)
    build_site(copy, with_base_url(load_config(copy), base_url), clean=True, jobs=1)
    return tree(copy / "build")


def wait_for(check: Callable[[], T], what: str, timeout: float = TIMEOUT) -> T:
    """Poll ``check`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


def settle(preview: Preview, check: Callable[[Snapshot], object], what: str) -> Snapshot:
    """Wait until the served snapshot passes ``check``, then until every change is built."""
    wait_for(lambda: check(preview.channel.current()), what)
    assert preview.rebuilder.wait_idle(TIMEOUT), f"rebuild after {what} did not finish"
    return preview.channel.current()


def save(path: Path, text: str) -> None:
    """Save as most editors do: write a temporary file, then rename it over the old one."""
    tmp = path.with_name(f".{path.name}.swp.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def article_path(site: Path, article_id: str) -> Path:
    """The content file of an article."""
    return site / "content" / "articles" / f"{article_id}.md"


@contextmanager
def running(site: Path) -> Iterator[Preview]:
    """A started preview of ``site`` on 127.0.0.1, any free port, silent."""
    preview = Preview(site, port=0, say=lambda line: None, warn=lambda line: None)
    with preview:
        assert preview.rebuilder.wait_idle(TIMEOUT)
        yield preview


def generated_site(folder: Path, count: int, seed: int) -> Path:
    """A new site in ``folder/site`` with ``count`` generated articles imported from
    ``folder/articles.jsonl`` (left there for tests that import it again)."""
    site = folder / "site"
    assert main(["-q", "init", str(site)]) == 0
    feed = folder / "articles.jsonl"
    with feed.open("w", encoding="utf-8") as fh:
        for record in articles(count, seed=seed):
            del record["event"]  # the true label, for scoring only
            fh.write(json.dumps(record) + "\n")
    assert main(["-q", "--site", str(site), "import", str(feed)]) == 0
    return site
