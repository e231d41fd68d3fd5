"""``sitegen update`` killed with SIGKILL at random moments: never a duplicate article or a
half-written file, and the next update completes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

from sitegen import frontmatter
from sitegen.cli import main
from tests.news_support import Item, NewsSite, page_stems, serving

TRIALS = 20


def _update(site: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "sitegen", "--site", str(site), "update"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "CI": "true"},
    )


def _check(site: Path) -> set[str]:
    """Every article file whole and every input once; returns the inputs imported."""
    folder = site / "content" / "articles"
    identities: Counter[str] = Counter()
    urls: Counter[str] = Counter()
    for path in folder.glob("*.md"):
        meta, body = frontmatter.split(path.read_text("utf-8"))  # a half-written file fails
        imported = meta["imported"]
        assert body.strip() and imported["output_sha256"], path
        identities[f"{imported['file']}#{imported['entry']}"] += 1
        urls[str(meta.get("url"))] += 1
    assert all(n == 1 for n in identities.values()), identities
    assert all(n == 1 for n in urls.values()), urls
    leftovers = [p for p in folder.iterdir() if not p.name.endswith(".md")]
    assert all(p.name.startswith(".") and p.name.endswith(".tmp") for p in leftovers), leftovers
    return set(identities)


def test_killed_updates_lose_nothing_and_duplicate_nothing(tmp_path: Path) -> None:
    stems = page_stems(24)
    feeds = {
        f"/feeds/f{n}.xml": (
            "rss2",
            [Item(f"f{n}-{i}", f"Item {i}", s) for i, s in enumerate(chunk)],
        )
        for n, chunk in enumerate((stems[:8], stems[8:16], stems[16:]))
    }
    news = NewsSite(feeds=feeds, delay=0.02)
    with serving(news):
        site = tmp_path / "site"
        assert main(["init", str(site)]) == 0
        for old in (site / "content" / "articles").glob("*.md"):
            old.unlink()
        config = yaml.safe_load((site / "sitegen.yaml").read_text("utf-8"))
        config["feeds"] = [news.url(p) for p in feeds]
        config["update"] = {"delay": 0, "timeout": 5, "retries": 0}
        (site / "sitegen.yaml").write_text(yaml.safe_dump(config), "utf-8")

        reference = tmp_path / "reference"
        subprocess.run(["cp", "-a", str(site), str(reference)], check=True)
        start = time.monotonic()
        assert _update(reference).wait(timeout=300) == 0
        whole = time.monotonic() - start
        expected = _check(reference)
        assert len(expected) == 24

        rng = random.Random(7)
        for trial in range(TRIALS):
            if trial % 5 == 4:  # now and then the feeds grow, so kills land on new work too
                for n, path in enumerate(feeds):
                    feeds[path][1].append(Item(f"f{n}-x{trial}", f"Extra {trial}", stems[n]))
            process = _update(site)
            time.sleep(rng.uniform(0.05, whole * 1.1))
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
            _check(site)
        assert _update(site).wait(timeout=300) == 0
        done = _check(site)
        assert expected <= done  # every item of the reference run, and only once
        extras = {i for i in done if "#f" in i and "-x" in i}
        assert done == expected | extras
