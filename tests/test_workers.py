"""One interface for parallel work: in-process and forked workers give the same results, in
order, with errors reaching the caller; the staged writer and the template lookups it
relies on behave as before."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest

from sitegen import workers
from sitegen.site.output import write_parts, write_site
from sitegen.site.render import make_env
from sitegen.site.theme import theme_chain
from sitegen.uptodate import manifest
from sitegen.workers import IN_PROCESS, SIZES, Forked, InProcess, Kind, Workers, workers_for


def square(x: int) -> int:
    return x * x


def power(x: int, exponent: int) -> int:
    return x**exponent


def pid_of(_x: int) -> int:
    return os.getpid()


def fails_on_seven(x: int) -> int:
    if x == 7:
        raise ValueError("seven")
    return x


@pytest.fixture
def every_item_a_worker(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every kind of work handed out however few its items (chunks of 5)."""
    for kind, sizes in SIZES.items():
        monkeypatch.setitem(SIZES, kind, replace(sizes, per_worker=1, chunk=5))
    yield


BACKENDS: list[Workers] = [IN_PROCESS, Forked(2), Forked(3)]
IDS = ["in-process", "forked-2", "forked-3"]


@pytest.mark.usefixtures("every_item_a_worker")
@pytest.mark.parametrize("backend", BACKENDS, ids=IDS)
@pytest.mark.parametrize("count", [0, 1, 5, 100])
def test_every_way_of_handing_out_gives_the_serial_result_in_order(
    backend: Workers, count: int
) -> None:
    items = list(range(count))
    expected = [x * x for x in items]
    assert backend.map("terms", square, items) == expected
    pending = backend.start("terms", square, items)
    assert pending.get() == expected
    assert pending.get() == expected  # asking again waits for nothing
    assert [x for c in backend.chunks("pages", square, items) for x in c] == expected
    cube = partial(power, exponent=3)  # a partial of a module-level function, as stages pass
    assert backend.map("terms", cube, items) == [x**3 for x in items]


@pytest.mark.usefixtures("every_item_a_worker")
@pytest.mark.parametrize("backend", BACKENDS, ids=IDS)
def test_chunks_come_in_order_and_of_the_kinds_size(backend: Workers) -> None:
    items = list(range(23))
    chunks = list(backend.chunks("pages", square, items))
    assert [len(c) for c in chunks] == [5, 5, 5, 5, 3]
    assert [x for c in chunks for x in c] == [x * x for x in items]


@pytest.mark.usefixtures("every_item_a_worker")
@pytest.mark.parametrize("backend", BACKENDS, ids=IDS)
def test_a_workers_error_reaches_the_caller(backend: Workers) -> None:
    items = list(range(20))
    with pytest.raises(ValueError, match="seven"):
        backend.map("terms", fails_on_seven, items)
    with pytest.raises(ValueError, match="seven"):
        backend.start("terms", fails_on_seven, items).get()
    with pytest.raises(ValueError, match="seven"):
        list(backend.chunks("pages", fails_on_seven, items))


def test_forked_work_uses_other_processes_only_above_the_kinds_minimum(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    items = list(range(40))
    monkeypatch.setitem(SIZES, "terms", workers.Sizes(100))
    assert set(Forked(2).map("terms", pid_of, items)) == {os.getpid()}
    monkeypatch.setitem(SIZES, "terms", workers.Sizes(10))
    assert len(set(Forked(2).map("terms", pid_of, items))) == 2  # this process and one more
    assert set(IN_PROCESS.map("terms", pid_of, items)) == {os.getpid()}


def test_background_work_is_done_elsewhere_while_the_caller_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    items = list(range(57))
    monkeypatch.setitem(SIZES, "markdown", workers.Sizes(10, most=1))
    pending = Forked(3).start("markdown", pid_of, items)
    pids = set(pending.get())
    assert os.getpid() not in pids and len(pids) == 1  # at most one worker, as the row says
    # "index files" is one item, and still gets its worker
    assert os.getpid() not in Forked(2).start("index files", pid_of, [0]).get()
    assert IN_PROCESS.start("markdown", pid_of, items).get() == [os.getpid()] * len(items)


def test_a_command_gets_forked_workers_only_for_more_than_one_job() -> None:
    assert isinstance(workers_for(1), InProcess)
    assert isinstance(workers_for(0), InProcess)
    chosen = workers_for(3)
    assert isinstance(chosen, Forked if workers.can_fork() else InProcess)


def test_every_kind_has_its_sizes() -> None:
    kinds = set(Kind.__args__)  # type: ignore[attr-defined]
    assert kinds == set(SIZES)
    assert all(s.per_worker >= 1 and s.chunk >= 1 for s in SIZES.values())


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
