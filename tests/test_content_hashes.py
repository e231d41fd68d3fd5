"""Content files are hashed once a build, and a file whose stat has not moved since it was
hashed, long enough after its last write, is not read again; any write is noticed."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

from sitegen import uptodate
from sitegen.scaffold import init_site
from sitegen.uptodate import content_hashes, hashes_cache


def _reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []
    real = uptodate._file_hash

    def counted(path: str) -> bytes:
        read.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(uptodate, "_file_hash", counted)
    return read


def test_a_quiet_file_is_not_read_again_and_any_write_is_noticed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    init_site(site)
    path = site / "content" / "articles" / "a.md"
    path.write_text("---\ntitle: One\n---\n\nText one.\n")
    read = _reads(monkeypatch)
    first = content_hashes(site, hashes_cache(site))
    assert first["articles/a.md"] == hashlib.sha256(path.read_bytes()).digest()
    assert read == ["a.md"]
    content_hashes(site, hashes_cache(site))
    assert read == ["a.md", "a.md"]  # hashed right after a write: not trusted yet
    monkeypatch.setattr(uptodate, "QUIET_NS", -(10**12))  # as if it had been quiet long since
    content_hashes(site, hashes_cache(site))
    read.clear()
    assert content_hashes(site, hashes_cache(site)) == first and read == []
    before = path.stat()
    time.sleep(0.05)  # past a tick of the file system clock
    path.write_text("---\ntitle: Two\n---\n\nText two.\n")  # the same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the old time
    again = content_hashes(site, hashes_cache(site))
    assert read == ["a.md"]  # the change time moved
    assert again["articles/a.md"] == hashlib.sha256(path.read_bytes()).digest()


def test_without_a_cache_every_file_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    init_site(site)
    (site / "content" / "articles" / "a.md").write_text("---\ntitle: A\n---\n\nA.\n")
    read = _reads(monkeypatch)
    content_hashes(site)
    content_hashes(site)
    assert read == ["a.md", "a.md"]
