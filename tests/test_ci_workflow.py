"""``sitegen init --ci github``: a GitHub Actions workflow that keeps the digest up to date
every hour, written once and never over a person's edits."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitegen import __version__
from sitegen.errors import EXIT_NOTHING, EXIT_OK

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = Path(".github/workflows/sitegen.yml")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m sitegen ARGS`` in its own process, importing this checkout's sitegen."""
    env = {**os.environ, "CI": "true", "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "sitegen", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ci") / "site"
    done = run("init", str(folder), "--ci", "github")
    assert done.returncode == EXIT_OK, done.stderr
    assert f"created {folder / WORKFLOW}" in done.stdout
    return folder


@pytest.fixture(scope="module")
def workflow(site: Path) -> dict[Any, Any]:
    data = yaml.safe_load((site / WORKFLOW).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    (job,) = workflow["jobs"].values()
    result: list[dict[str, Any]] = job["steps"]
    return result


def step(workflow: dict[Any, Any], text: str) -> dict[str, Any]:
    """The one step whose `uses` or `run` holds ``text``."""
    found = [s for s in steps(workflow) if text in str(s.get("uses", "")) + str(s.get("run", ""))]
    assert len(found) == 1, found
    return found[0]


def test_it_runs_every_hour_and_by_hand(workflow: dict[Any, Any]) -> None:
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "on" not in workflow
    (cron,) = triggers["schedule"]
    minute, hour, day, month, weekday = cron["cron"].split()
    assert minute.isdigit() and 0 <= int(minute) < 60
    assert (hour, day, month, weekday) == ("*", "*", "*", "*")
    assert "workflow_dispatch" in triggers


def test_runs_never_overlap_and_may_push(workflow: dict[Any, Any]) -> None:
    assert workflow["concurrency"]["group"]
    assert workflow["concurrency"]["cancel-in-progress"] is False  # a run waits, never killed
    assert workflow["permissions"] == {"contents": "write"}
    (job,) = workflow["jobs"].values()
    assert job["runs-on"] == "ubuntu-latest"


def test_the_steps_in_order(workflow: dict[Any, Any]) -> None:
    order = [
        step(workflow, "actions/checkout@"),
        step(workflow, "actions/setup-python@"),
        step(workflow, "pip install"),
        step(workflow, "actions/cache@"),
        step(workflow, "sitegen update --"),
        step(workflow, "git commit"),
    ]
    assert order == steps(workflow)


def test_python_and_sitegen_are_pinned(workflow: dict[Any, Any]) -> None:
    assert step(workflow, "actions/setup-python@")["with"]["python-version"] == "3.11"
    assert step(workflow, "pip install")["run"] == f'pip install "sitegen=={__version__}"'


def test_each_run_restores_and_saves_the_cache(workflow: dict[Any, Any]) -> None:
    cache = step(workflow, "actions/cache@")["with"]
    assert cache["path"] == ".sitegen-cache"
    assert "${{ github.run_id }}" in cache["key"]  # a new key: saved after every run
    prefix = cache["restore-keys"].strip()
    assert cache["key"].startswith(prefix) and "${{" not in prefix


def test_it_updates_builds_and_deploys(workflow: dict[Any, Any], site: Path) -> None:
    assert step(workflow, "sitegen update --")["run"] == "sitegen update --build --deploy site"
    header = (site / WORKFLOW).read_text(encoding="utf-8").split("\nname:", 1)[0]
    assert "`site`" in header and "`deploy:`" in header and '"Deploying"' in header


def test_it_commits_content_back_as_a_bot(workflow: dict[Any, Any]) -> None:
    lines = step(workflow, "git commit")["run"].splitlines()
    assert lines[0].startswith("git config user.name ") and "[bot]" in lines[0]
    assert lines[1].startswith("git config user.email ")
    assert lines[2].startswith("git add content && git diff --cached --quiet || git commit -m ")
    assert lines[2].endswith(" && git push")


def test_the_commit_takes_the_registry_and_not_the_cache(site: Path) -> None:
    ignored = (site / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "/.sitegen-cache/" in ignored
    assert not [line for line in ignored if line.startswith("/content") and "tmp" not in line]


def test_init_again_keeps_a_hand_edited_workflow(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run("init", str(site), "--ci", "github").returncode == EXIT_OK
    edited = (site / WORKFLOW).read_text(encoding="utf-8").replace("17 * * * *", "5 */2 * * *")
    assert edited != (site / WORKFLOW).read_text(encoding="utf-8")
    (site / WORKFLOW).write_text(edited, encoding="utf-8")
    done = run("init", str(site), "--ci", "github")
    assert done.returncode == EXIT_OK and "created" not in done.stdout
    assert (site / WORKFLOW).read_text(encoding="utf-8") == edited


def test_init_without_ci_writes_no_workflow(tmp_path: Path) -> None:
    assert run("init", str(tmp_path / "plain")).returncode == EXIT_OK
    assert not (tmp_path / "plain" / ".github").exists()


def test_an_unknown_ci_is_a_usage_error(tmp_path: Path) -> None:
    done = run("init", str(tmp_path / "x"), "--ci", "gitlab")
    assert done.returncode == EXIT_NOTHING and "invalid choice" in done.stderr
    assert not (tmp_path / "x").exists()
