"""The writer brings the spare tree (the build before last) up to date instead of staging every
file again: each write leaves exactly the outputs, keeps unchanged files as they are, and
survives a kill while the spare is being updated."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from sitegen.site.output import list_outputs, spare_dir, staging_dir, write_parts, write_site
from tests.serve_support import tree


def folders(root: Path) -> set[str]:
    """Every folder under ``root`` (relative), to check none is left empty."""
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir()}


def needed_folders(outputs: dict[str, bytes]) -> set[str]:
    """The folders the files of ``outputs`` need, and no others."""
    need = set()
    for rel in outputs:
        parts = rel.split("/")[:-1]
        need.update("/".join(parts[: i + 1]) for i in range(len(parts)))
    return need


def test_the_old_build_becomes_the_spare_and_the_next_write_updates_it(tmp_path: Path) -> None:
    build = tmp_path / "build"
    first = {"index.html": b"one", "a/index.html": b"a", "gone/index.html": b"g"}
    write_site(first, build)
    assert not spare_dir(build).exists()  # the first build had nothing to move out
    second = {"index.html": b"two", "a/index.html": b"a", "b/index.html": b"b"}
    write_site(second, build)
    assert tree(spare_dir(build)) == first  # the build before, whole
    kept = (build / "a/index.html").stat()
    third = {"index.html": b"three", "a/index.html": b"a", "c/index.html": b"c"}
    result = write_site(third, build)
    assert tree(build) == third
    assert folders(build) == needed_folders(third)  # gone/ and b/ were pruned away
    assert tree(spare_dir(build)) == second
    assert not staging_dir(build).exists()
    assert result.written == ("c/index.html", "index.html")
    assert result.removed == ("b/index.html",)
    now = (build / "a/index.html").stat()
    assert (now.st_ino, now.st_mtime_ns) == (kept.st_ino, kept.st_mtime_ns)
    assert result.files is not None
    assert result.files["a/index.html"] == (now.st_size, now.st_mtime_ns, now.st_ino)


def test_a_file_where_the_spare_has_a_folder_and_the_other_way_round(tmp_path: Path) -> None:
    build = tmp_path / "build"
    write_site({"x": b"file x", "y/index.html": b"y", "z/deep/er.html": b"z"}, build)
    write_site({"other.html": b"o"}, build)  # the spare now holds x, y/ and z/
    outputs = {"x/index.html": b"x is a folder", "y": b"y is a file", "z": b"z too"}
    write_site(outputs, build)
    assert tree(build) == outputs
    assert folders(build) == needed_folders(outputs)


def test_a_write_killed_while_updating_the_spare_is_recovered(tmp_path: Path) -> None:
    build = tmp_path / "build"
    write_site({"index.html": b"1", "a.html": b"a"}, build)
    write_site({"index.html": b"2", "a.html": b"a"}, build)
    # Killed after the spare was brought in as the staging folder and half updated:
    os.rename(spare_dir(build), staging_dir(build))
    (staging_dir(build) / "index.html").unlink()
    (staging_dir(build) / "half.html").write_bytes(b"half")
    outputs = {"index.html": b"3", "a.html": b"a"}
    result = write_site(outputs, build)
    assert result.written == ("index.html",) and result.unchanged == 1
    assert tree(build) == outputs
    assert not staging_dir(build).exists()
    assert tree(spare_dir(build)) == {"index.html": b"2", "a.html": b"a"}


def test_kept_outputs_and_a_clean_write(tmp_path: Path) -> None:
    build = tmp_path / "build"
    write_site({"index.html": b"1", "p/index.html": b"p"}, build)
    write_site({"index.html": b"2", "p/index.html": b"p"}, build)
    result = write_parts([{"index.html": b"3"}], build, keep=["p/index.html"])
    assert tree(build) == {"index.html": b"3", "p/index.html": b"p"}
    assert result.unchanged == 1
    before = (build / "p/index.html").stat()
    write_site({"index.html": b"3", "p/index.html": b"p"}, build, clean=True)
    assert (build / "p/index.html").stat().st_ino != before.st_ino  # every file rewritten
    assert tree(build) == {"index.html": b"3", "p/index.html": b"p"}


@pytest.mark.parametrize("listed", [False, True], ids=["walked", "listed"])
def test_any_sequence_of_writes_leaves_exactly_the_outputs(tmp_path: Path, listed: bool) -> None:
    """Both ways of knowing what the trees hold: walked as they are written, or listed when
    the build began (:func:`list_outputs`, which a build runs while it groups)."""
    rng = random.Random(20261203)
    names = ["index.html", "a", "a/index.html", "a/b/index.html", "b/index.html", "c.xml"]
    names += [f"e/{n}/index.html" for n in range(6)] + ["e", "e/0"]
    build = tmp_path / "build"
    for step in range(60):
        chosen = rng.sample(names, rng.randint(0, len(names)))
        outputs: dict[str, bytes] = {}
        for rel in sorted(chosen, key=len):  # a path that is also another's folder loses
            if any(rel.startswith(o + "/") or o.startswith(rel + "/") for o in outputs):
                continue
            outputs[rel] = rng.choice([b"x", b"y", f"{step}".encode()])
        keep = [
            r for r in outputs if (build / r).is_file() and (build / r).read_bytes() == outputs[r]
        ]
        keep = rng.sample(keep, len(keep) // 2)
        parts = [{r: d for r, d in outputs.items() if r not in keep}]
        listing = list_outputs(build) if listed else None
        result = write_parts(parts, build, keep=keep, listing=listing)
        assert tree(build) == outputs, step
        if result.files is not None:  # what the no-change check will compare with
            assert result.files == {
                rel: (st.st_size, st.st_mtime_ns, st.st_ino)
                for rel in outputs
                if (st := (build / rel).stat())
            }, step
        if build.exists():
            assert folders(build) == needed_folders(outputs), step
        assert not staging_dir(build).exists()
