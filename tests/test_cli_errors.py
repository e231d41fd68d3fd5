"""What a person or a script sees when something goes wrong: one line, never a traceback, and
an exit code that says how far the command got (0 all done, 1 some inputs or targets failed,
2 nothing done). Each runs the real command in its own process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from sitegen import cli
from sitegen.config import OPTIONS
from sitegen.errors import EXIT_NOTHING, EXIT_OK, EXIT_PARTIAL
from sitegen.ingest.registry import READERS
from sitegen.lock import site_lock

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "raw" / "002_8daa5051fca2e6bb.txt"
ARTICLE = (
    "---\ntitle: {title}\nsource: Courier\n---\nThe council met on Monday to vote on {what}.\n"
)


def run(
    *args: str, cwd: Path | None = None, prefix: Sequence[str] = ()
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CI": "true"}
    return subprocess.run(
        [*prefix, sys.executable, "-m", "sitegen", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
        timeout=300,
    )


def one_error(done: subprocess.CompletedProcess[str], *words: str) -> str:
    """The one ``error:`` line on stderr, which names ``words``; nothing else went wrong."""
    assert "Traceback" not in done.stderr, done.stderr
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, done.stderr
    for word in words:
        assert word in errors[0], errors[0]
    return errors[0]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    assert run("init", str(folder)).returncode == EXIT_OK
    articles = folder / "content" / "articles"
    (articles / "budget.md").write_text(ARTICLE.format(title="Budget", what="the budget"))
    (articles / "parks.md").write_text(ARTICLE.format(title="Parks", what="new parks"))
    return folder


def test_everything_done_is_0(site: Path) -> None:
    for args in (["import", str(SAMPLE)], ["build"], ["check"]):
        done = run("--site", str(site), *args)
        assert done.returncode == EXIT_OK and done.stderr == "", done.stderr


def test_a_missing_file_is_1_and_the_rest_goes_in(site: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-file.txt"
    done = run("--site", str(site), "import", str(missing), str(SAMPLE))
    assert done.returncode == EXIT_PARTIAL
    one_error(done, str(missing), "no such file")
    assert "imported 1" in done.stdout and "failed 1" in done.stdout


def _without_root_powers() -> list[str]:
    """A command prefix under which file permissions hold, for root too (CI runs as root):
    setpriv drops the two capabilities that let root read past them."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be made to hold")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]


def test_unreadable_folder_and_file_are_named_and_1(site: Path, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "locked").mkdir(parents=True)
    shutil.copy(SAMPLE, raw / "good.txt")
    shutil.copy(SAMPLE, raw / "locked" / "hidden-away.txt")
    shutil.copy(SAMPLE, raw / "secret.txt")
    (raw / "locked").chmod(0)
    (raw / "secret.txt").chmod(0)
    try:
        done = run("--site", str(site), "import", str(raw), prefix=_without_root_powers())
    finally:
        (raw / "locked").chmod(0o755)
        (raw / "secret.txt").chmod(0o644)
    assert done.returncode == EXIT_PARTIAL, done.stderr
    assert "Traceback" not in done.stderr
    errors = sorted(line for line in done.stderr.splitlines() if line.startswith("error:"))
    assert errors == [
        f"error: {raw / 'locked'}: cannot read the folder: Permission denied",
        f"error: {raw / 'secret.txt'}: cannot read: Permission denied",
    ]
    assert "imported 1" in done.stdout and "failed 2" in done.stdout


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("title: News\ndescription: [unclosed\nlanguage: en\n", "line 3, column 9"),
        ("title: News\n  description: indented\n", "line 2, column 14"),
        ("title: News\ndate: 2024-02-30\n", "(file)"),
    ],
)
def test_bad_config_is_2_with_its_line(site: Path, text: str, where: str) -> None:
    (site / "sitegen.yaml").write_text(text)
    for command in ("build", "check", "config"):
        done = run("--site", str(site), command)
        assert done.returncode == EXIT_NOTHING
        one_error(done, "sitegen.yaml", where, "not valid YAML")
    assert not (site / "build").exists()


def test_a_misspelt_key_gets_a_suggestion(site: Path) -> None:
    (site / "sitegen.yaml").write_text("title: News\nbase_ulr: https://example.org/\n")
    done = run("--site", str(site), "build")
    assert done.returncode == EXIT_OK
    assert "base_ulr: unknown key, ignored (did you mean `base_url`?)" in done.stderr
    done = run("--site", str(site), "--strict", "build")
    assert done.returncode == EXIT_NOTHING
    one_error(done, "base_ulr", "did you mean `base_url`?")


@pytest.mark.parametrize("url", ["javascript:alert(1)//", "https://example.org/\n", "/news/"])
def test_a_bad_base_url_is_2_from_the_command_line_and_the_config(site: Path, url: str) -> None:
    done = run("--site", str(site), "build", "--base-url", url)
    assert done.returncode == EXIT_NOTHING
    one_error(done, "base_url", "must be an absolute http(s) URL")
    assert not (site / "build").exists()
    (site / "sitegen.yaml").write_text(f"title: News\nbase_url: {json.dumps(url)}\n")
    done = run("--site", str(site), "build")
    assert done.returncode == EXIT_NOTHING
    one_error(done, "base_url", "must be an absolute http(s) URL")


def test_bad_front_matter_is_1_and_the_rest_is_built(site: Path) -> None:
    bad = site / "content" / "articles" / "broken.md"
    bad.write_text("---\ntitle: [unclosed\n---\nText.\n")
    done = run("--site", str(site), "build")
    assert done.returncode == EXIT_PARTIAL
    one_error(done, "broken.md", "front matter is not valid YAML (line 2)")
    built = json.loads((site / "build" / "events.json").read_text())
    assert {a["title"] for e in built["events"] for a in e["articles"]} == {"Budget", "Parks"}
    done = run("--site", str(site), "check")
    assert done.returncode == EXIT_PARTIAL


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("{% block content %}\n<p>never closed</p>\n", ["templates/base.html:2", "endblock"]),
        ("<p>fine</p>\n{{ page.nothing.here }}\n", ["templates/base.html:2", "UndefinedError"]),
        ('{% include "../../../../etc/passwd" %}\n', ["templates/base.html:1", "passwd"]),
    ],
)
def test_broken_template_is_2_with_file_and_line(
    site: Path, template: str, words: list[str]
) -> None:
    (site / "templates" / "base.html").write_text(template)
    done = run("--site", str(site), "build")
    assert done.returncode == EXIT_NOTHING
    one_error(done, *words)
    assert "root:" not in done.stdout + done.stderr


def test_failing_deploys(site: Path, tmp_path: Path) -> None:
    remote = tmp_path / "no-such-repo.git"
    done = run("--site", str(site), "deploy", f"git+{remote}")
    assert done.returncode == EXIT_PARTIAL  # the target failed
    one_error(done, "git ls-remote failed", str(remote), "does not appear to be a git repository")
    done = run("--site", str(site), "deploy", "s3://")
    assert done.returncode == EXIT_NOTHING  # no target to speak of
    one_error(done, "no bucket name")


def test_deploying_over_the_site_itself_is_refused(site: Path) -> None:
    before = sorted(p.relative_to(site) for p in site.rglob("*") if "build" not in p.parts)
    for target in (site, site.parent):
        done = run("--site", str(site), "deploy", str(target), "--delete")
        assert done.returncode == EXIT_NOTHING
        one_error(done, "must not be the site folder")
    after = sorted(p.relative_to(site) for p in site.rglob("*") if "build" not in p.parts)
    assert [p for p in before if p not in after] == []


def test_a_site_held_too_long_is_2(site: Path) -> None:
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with site_lock(site, "import"):
            held.set()
            release.wait(60)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert held.wait(10)
        done = run("--site", str(site), "--wait", "0.3", "build")
    finally:
        release.set()
        holder.join()
    assert done.returncode == EXIT_NOTHING
    one_error(done, "is writing this site", "still after 0.3 s")
    assert run("--site", str(site), "--wait", "0.3", "build").returncode == EXIT_OK


def test_not_a_site_and_usage_errors_are_2(tmp_path: Path) -> None:
    done = run("--site", str(tmp_path), "build")
    assert done.returncode == EXIT_NOTHING
    one_error(done, "not a sitegen site", "sitegen init")
    done = run("build", "--jobs", "none")
    assert done.returncode == EXIT_NOTHING and "Traceback" not in done.stderr


def test_an_unexpected_error_is_one_line_and_a_traceback_file(
    site: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sitegen.check

    def broken(*args: object) -> list[str]:
        raise ZeroDivisionError("a bug somewhere in checking")

    monkeypatch.setattr(sitegen.check, "check_site", broken)
    assert cli.main(["--site", str(site), "check"]) == EXIT_NOTHING
    err = capsys.readouterr().err
    (line,) = err.splitlines()
    assert line.startswith("error: unexpected ZeroDivisionError: a bug somewhere in checking")
    saved = Path(line.split("traceback in ", 1)[1].split(",", 1)[0])
    try:
        kept = saved.read_text()
    finally:
        saved.unlink()
    assert "Traceback (most recent call last)" in kept and "def broken" not in kept
    assert "in broken" in kept and "ZeroDivisionError" in kept
    assert cli.main(["--site", str(site), "--debug", "check"]) == EXIT_NOTHING
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "in broken" in err


def test_import_help_names_every_input_format() -> None:
    done = run("import", "--help")
    text = " ".join(done.stdout.split())
    for suffix in READERS:
        assert suffix in text, suffix
    assert "http(s) URLs" in text


def test_the_new_config_points_to_a_list_of_every_key(site: Path) -> None:
    assert "`sitegen config`" in (site / "sitegen.yaml").read_text()
    done = run("--site", str(site), "config")
    assert done.returncode == EXIT_OK
    listed = [line.split(" = ", 1)[0] for line in done.stdout.splitlines() if " = " in line]
    assert listed == [opt.key for opt in OPTIONS]
    assert "title = 'News digest'" in done.stdout


def test_help_documents_exit_codes_and_clean() -> None:
    text = " ".join(run("--help").stdout.split())
    assert "exit codes" in text and "some inputs or targets failed" in text
    build_help = " ".join(run("build", "--help").stdout.split())
    assert "empty the caches (.sitegen-cache/) and rewrite every file in build/" in build_help


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("0001-01-01T00:00:00+01:00", "outside the years 1800-2199"),
        ("9999-12-31T23:00:00-14:00", "outside the years 1800-2199"),
        ("2024-02-30", "not valid YAML: day is out of range for month"),
        ("last Tuesday", "is not a date"),
    ],
)
def test_a_bad_date_is_one_line_for_its_file_and_later_commands_still_work(
    site: Path, value: str, words: str
) -> None:
    bad = site / "content" / "articles" / "dated.md"
    bad.write_text(f"---\ntitle: Dated\ndate: {value}\n---\nThe council met again.\n")
    for _ in range(2):  # the next build is not stopped by it either
        done = run("--site", str(site), "build")
        assert done.returncode == EXIT_PARTIAL
        one_error(done, "dated.md", words)
    done = run("--site", str(site), "import", str(SAMPLE))
    assert done.returncode == EXIT_OK and "Traceback" not in done.stderr


@pytest.mark.parametrize(
    "branch", ["--upload-pack=touch PWNED", "-x", "a..b", "has space", "x.lock", "a@{1}", "a//b"]
)
def test_a_branch_that_git_would_take_for_an_option_is_refused(
    site: Path, tmp_path: Path, branch: str
) -> None:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    done = run("--site", str(site), "deploy", f"git+{remote}", f"--branch={branch}", cwd=tmp_path)
    assert done.returncode == EXIT_NOTHING
    one_error(done, "not a branch name git accepts")
    assert not (tmp_path / "PWNED").exists()
    done = run("--site", str(site), "deploy", "git+--upload-pack=touch PWNED", cwd=tmp_path)
    assert done.returncode == EXIT_NOTHING and not (tmp_path / "PWNED").exists()


def test_ordinary_branch_names_are_accepted() -> None:
    from sitegen.deploy.targets import branch_name_ok

    assert all(branch_name_ok(b) for b in ("gh-pages", "main", "site/v2", "release-1.0"))


def test_a_read_only_folder_is_one_line_not_a_traceback(site: Path, tmp_path: Path) -> None:
    """Robustness point 12: the machine's refusals (a read-only folder, a file-size limit)
    name the path in one line, exit 2, and leave no temporary file behind."""
    articles = site / "content" / "articles"
    before = sorted(p.name for p in articles.iterdir())
    articles.chmod(0o555)
    try:
        done = run("--site", str(site), "import", str(SAMPLE), prefix=_without_root_powers())
    finally:
        articles.chmod(0o755)
    assert done.returncode == EXIT_NOTHING
    one_error(done, "articles", "Permission denied")
    assert "unexpected" not in done.stderr
    assert sorted(p.name for p in articles.iterdir()) == before


def test_a_file_size_limit_is_one_line_not_a_traceback(site: Path, tmp_path: Path) -> None:
    prlimit = shutil.which("prlimit")
    if prlimit is None:
        pytest.skip("no prlimit to set a file-size limit")
    big = tmp_path / "big.txt"
    big.write_text("Budget passes\n\n" + "The council met on Monday to vote on the budget. " * 300)
    articles = site / "content" / "articles"
    before = sorted(p.name for p in articles.iterdir())
    done = run("--site", str(site), "import", str(big), prefix=[prlimit, "--fsize=4000"])
    assert done.returncode == EXIT_NOTHING
    one_error(done, "big.md", "File too large")
    assert sorted(p.name for p in articles.iterdir()) == before


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KB tmpfs of its own (needs the power to mount, as root in CI has)."""
    mount = shutil.which("mount")
    folder = tmp_path / "disk"
    folder.mkdir()
    done = subprocess.run(
        [mount or "mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    if mount is None or done.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def test_a_full_disk_is_one_line_not_a_traceback(small_disk: Path, tmp_path: Path) -> None:
    """Robustness point 12: a disk that fills mid-import names the file in one line, exits 2,
    and leaves the articles as they were (no half-written file, no temporary file)."""
    site = small_disk / "site"
    assert run("init", str(site)).returncode == EXIT_OK
    articles = site / "content" / "articles"
    before = {p.name: p.read_bytes() for p in articles.iterdir()}
    big = tmp_path / "big.txt"
    sentence = "The council met on Monday to vote on the budget for the coming year. "
    big.write_text("Budget passes\n\n" + (sentence * 8 + "\n\n") * 700)  # about 400 KB
    done = run("--site", str(site), "import", str(big))
    assert done.returncode == EXIT_NOTHING
    one_error(done, "big", "No space left on device")
    assert {p.name: p.read_bytes() for p in articles.iterdir()} == before
