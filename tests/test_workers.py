"""Work handed to forked processes gives what one process gives; the staged writer and the
template lookups it relies on behave as before."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.site.output import write_parts, write_site
from sitegen.site.render import make_env
from sitegen.site.theme import theme_chain
from sitegen.site.workers import fork_chunks, fork_map, start
from sitegen.uptodate import manifest


def square(x: int) -> int:
    return x * x


def pid_of(_x: int) -> int:
    return os.getpid()


def fails_on_seven(x: int) -> int:
    if x == 7:
        raise ValueError("seven")
    return x


@pytest.mark.parametrize("jobs", [1, 2, 3])
@pytest.mark.parametrize("count", [0, 1, 5, 100])
def test_fork_map_gives_the_serial_result_in_order(jobs: int, count: int) -> None:
    items = list(range(count))
    assert fork_map(square, items, jobs) == [x * x for x in items]


def test_fork_map_uses_other_processes_only_above_the_minimum() -> None:
    items = list(range(40))
    assert set(fork_map(pid_of, items, 2, min_per_job=100)) == {os.getpid()}
    assert len(set(fork_map(pid_of, items, 2, min_per_job=10))) == 2


def test_a_workers_error_reaches_the_caller() -> None:
    with pytest.raises(ValueError, match="seven"):
        fork_map(fails_on_seven, list(range(20)), 2)
    with pytest.raises(ValueError, match="seven"):
        start(fails_on_seven, list(range(20)), 2).get()


@pytest.mark.parametrize("workers", [0, 1, 2])
def test_start_computes_in_the_background_and_in_order(workers: int) -> None:
    items = list(range(57))
    pending = start(square, items, workers)
    assert pending.get() == [x * x for x in items]
    assert pending.get() == [x * x for x in items]  # asking again waits for nothing
    if workers:
        assert os.getpid() not in start(pid_of, items, workers).get()


@pytest.mark.parametrize("workers", [0, 2])
def test_fork_chunks_come_in_order(workers: int) -> None:
    items = list(range(23))
    chunks = list(fork_chunks(square, items, workers, 5))
    assert [len(c) for c in chunks] == [5, 5, 5, 5, 3]
    assert [x for c in chunks for x in c] == [x * x for x in items]


def test_written_parts_make_the_same_build_and_know_its_manifest(tmp_path: Path) -> None:
    outputs = {"index.html": b"home", "a/b/index.html": b"b", "feed.xml": b"feed"}
    build = tmp_path / "build"
    parts = [{"feed.xml": b"feed"}, {"index.html": b"home", "a/b/index.html": b"b"}]
    result = write_parts(parts, build)
    assert result.written == tuple(sorted(outputs))
    assert result.files is not None
    rows = [[rel, *stat] for rel, stat in sorted(result.files.items())]
    assert rows == manifest(build)
    same = write_site(outputs, build)
    assert same.written == () and same.files is None  # nothing touched, nothing to report
    changed = write_parts([{"index.html": b"home"}, {"a/b/index.html": b"new b"}], build)
    assert changed.written == ("a/b/index.html",) and changed.removed == ("feed.xml",)
    assert changed.files is not None
    assert [[rel, *stat] for rel, stat in sorted(changed.files.items())] == manifest(build)


def test_two_parts_may_not_claim_one_path(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="two outputs claim"):
        write_parts([{"index.html": b"a"}, {"index.html": b"b"}], tmp_path / "build")


def test_view_model_lookups_are_jinjas(tmp_path: Path) -> None:
    env = make_env(tmp_path, theme_chain(tmp_path, "default"))
    template = env.from_string(
        "{{ d.title }}|{{ d.items is callable }}|{{ d.missing is defined }}|{{ d['items'] }}"
    )
    # a key named like a dict method is still the method (Jinja tries the attribute first)
    assert template.render(d={"title": "<T>", "items": 5}) == "&lt;T&gt;|True|False|5"
