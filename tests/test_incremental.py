"""After any sequence of changes, a build that reuses what the last one kept equals a clean
build of the same content, byte for byte (a randomised sequence of edits, additions,
deletions, renames, date moves, notes, config and template changes).  The clean build reads
the same event registry (the last build's ids, which a build keeps and counts growth from)."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen.build import build_site
from sitegen.config import load_config
from sitegen.importer import import_paths
from tests.serve_support import clean_build, copy_site, generated_site, tree

ARTICLES = 160


@pytest.fixture(scope="module")
def gen_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generated_site(tmp_path_factory.mktemp("incremental"), ARTICLES, seed=11)


def _articles(site: Path) -> list[Path]:
    return sorted((site / "content" / "articles").glob("*.md"))


def _edit_body(site: Path, rng: random.Random) -> str:
    path = rng.choice(_articles(site))
    path.write_text(path.read_text(encoding="utf-8") + "\nA later update adds this.\n", "utf-8")
    return f"edited the text of {path.name}"


def _edit_title(site: Path, rng: random.Random) -> str:
    path = rng.choice(_articles(site))
    title = "title: A headline written by hand"
    text = re.sub(r"^title: .*$", title, path.read_text("utf-8"), count=1, flags=re.M)
    path.write_text(text, "utf-8")
    return f"retitled {path.name}"


def _move_date(site: Path, rng: random.Random) -> str:
    path = rng.choice(_articles(site))
    day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    text = re.sub(r"^date: .*$", f"date: '{day}'", path.read_text("utf-8"), count=1, flags=re.M)
    path.write_text(text, "utf-8")
    return f"moved {path.name} to {day}"


def _undate(site: Path, rng: random.Random) -> str:
    path = rng.choice(_articles(site))
    text = re.sub(r"^date: .*\n", "", path.read_text("utf-8"), count=1, flags=re.M)
    path.write_text(text, "utf-8")
    return f"took the date off {path.name}"


def _delete(site: Path, rng: random.Random) -> str:
    path = rng.choice(_articles(site))
    path.unlink()
    return f"deleted {path.name}"


def _rename(site: Path, rng: random.Random) -> str:
    path = rng.choice(_articles(site))
    path.rename(path.with_name("renamed-" + path.name))
    return f"renamed {path.name}"


def _add(site: Path, rng: random.Random) -> str:
    path = rng.choice(_articles(site))
    body = path.read_text("utf-8").split("---\n", 2)[2]
    record = {
        "id": f"added-{rng.randrange(10**6)}",
        "title": "A new report of the same happening",
        "text": body,
        "source": "A Newcomer Outlet",
        "date": "2024-06-15",
    }
    inbox = site / "inbox"
    inbox.mkdir(exist_ok=True)
    new = inbox / f"{record['id']}.jsonl"
    new.write_text(json.dumps(record) + "\n", "utf-8")
    import_paths(site, [new])
    return f"imported {record['id']}"


def _note(site: Path, rng: random.Random) -> str:
    registry = json.loads((site / "content" / "events" / "registry.json").read_text("utf-8"))
    events = sorted(registry["events"])
    eid = rng.choice(events)
    members = registry["events"][eid]
    lines = ["---", "title: An event named by hand"]
    if len(members) > 1 and rng.random() < 0.5:
        lines.append(f"exclude: [{members[-1]}]")
    (site / "content" / "events" / f"{eid}.md").write_text(
        "\n".join([*lines, "---", "A note."]) + "\n"
    )
    return f"wrote a note for {eid}"


def _config(site: Path, rng: random.Random) -> str:
    path = site / "sitegen.yaml"
    text = path.read_text("utf-8")
    title = f"Digest {rng.randrange(1000)}"
    text = re.sub(r"^title: .*$", f"title: {title}", text, count=1, flags=re.M)
    path.write_text(text if "title:" in text else f"title: {title}\n" + text, "utf-8")
    return f"set the title to {title}"


def _template(site: Path, rng: random.Random) -> str:
    (site / "templates").mkdir(exist_ok=True)
    (site / "templates" / "404.html").write_text(f"<p>Lost {rng.randrange(100)}.</p>")
    return "overrode 404.html"


CHANGES: list[Callable[[Path, random.Random], str]] = [
    _edit_body,
    _edit_body,
    _edit_title,
    _move_date,
    _undate,
    _delete,
    _rename,
    _add,
    _add,
    _note,
    _config,
    _template,
]


@pytest.mark.parametrize("seed", [1, 2])
def test_any_sequence_of_changes_builds_what_a_clean_build_does(
    gen_site: Path, tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = copy_site(gen_site, tmp_path / "site")
    build_site(site, load_config(site))
    rng = random.Random(seed)
    done: list[str] = []
    for step in range(8):
        # each build an update an hour after the last, on one clock for both builds: an
        # article is stamped with the update that first held it (sitegen.updates)
        monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1_764_800_000 + 3600 * step))
        steps = rng.randint(1, 2)  # sometimes two changes between builds
        for _ in range(steps):
            done.append(rng.choice(CHANGES)(site, rng))
        # the same inputs, the event registry included, as they are before this build
        before = copy_site(site, tmp_path / f"before-{len(done)}")
        report = build_site(site, load_config(site))
        assert not report.errors, done
        assert tree(site / "build") == clean_build(before, tmp_path), done
