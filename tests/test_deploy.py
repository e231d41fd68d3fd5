"""Deploying a built site: a folder, a git branch in a local bare repository, and a real
S3 API server (moto) on 127.0.0.1."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitegen.cli import main
from sitegen.deploy import DeployError, deploy, parse_target
from sitegen.deploy.files import content_type, scan
from tests.htmlutil import article_page


@pytest.fixture
def site(demo_site: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(demo_site, copy)
    return copy


def _edit_article(site: Path) -> None:
    path = next((site / "content" / "articles").glob("001*.md"))
    path.write_text(path.read_text(encoding="utf-8").replace("face-to-face", "in person"))
    assert main(["--site", str(site), "-q", "build"]) == 0


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(folder).parts
    }


# --- directory --------------------------------------------------------------------------------


def test_directory_deploy_copies_then_only_changes(site: Path, tmp_path: Path) -> None:
    dest = tmp_path / "public"
    first = deploy(site / "build", parse_target(str(dest)))
    assert _files(dest) == _files(site / "build")
    assert first.uploaded == len(_files(site / "build")) and first.skipped == 0
    again = deploy(site / "build", parse_target(str(dest)))
    assert again.uploaded == 0 and again.skipped == first.uploaded
    _edit_article(site)
    third = deploy(site / "build", parse_target(str(dest)))
    assert 0 < third.uploaded < first.uploaded
    assert _files(dest) == _files(site / "build")


def test_directory_delete_and_dry_run(site: Path, tmp_path: Path) -> None:
    dest = tmp_path / "public"
    deploy(site / "build", parse_target(str(dest)))
    (dest / "stale.html").write_text("old page")
    dry = deploy(site / "build", parse_target(str(dest)), delete=True, dry_run=True)
    assert dry.deleted == 1 and (dest / "stale.html").exists()
    kept = deploy(site / "build", parse_target(str(dest)))
    assert kept.deleted == 0 and (dest / "stale.html").exists()
    done = deploy(site / "build", parse_target(str(dest)), delete=True)
    assert done.deleted == 1 and not (dest / "stale.html").exists()


def test_dry_run_changes_nothing(site: Path, tmp_path: Path) -> None:
    dest = tmp_path / "public"
    report = deploy(site / "build", parse_target(str(dest)), dry_run=True)
    assert report.uploaded > 0 and report.dry_run
    assert not dest.exists()
    assert "would upload" in report.summary()


def test_directory_failure_in_the_middle(site: Path, tmp_path: Path) -> None:
    dest = tmp_path / "public"
    deploy(site / "build", parse_target(str(dest)))
    (dest / "stale.html").write_text("old page")
    old_home = (dest / "index.html").read_bytes()
    _edit_article(site)
    blocker = dest / "events.json"  # a folder where a changed file must go: a real failure
    blocker.unlink()
    blocker.mkdir()
    (site / "build" / "events.json").write_text('{"events": [], "changed": true}\n')
    with pytest.raises(DeployError) as info:
        deploy(site / "build", parse_target(str(dest)), delete=True)
    assert "events.json" in str(info.value)
    assert (dest / "stale.html").exists(), "nothing is deleted after a failure"
    # data and assets go first, pages last: the pages in place are still the previous ones
    assert (dest / "index.html").read_bytes() == old_home


def test_directory_deploy_never_writes_through_a_link(site: Path, tmp_path: Path) -> None:
    """Robustness point 9: a symbolic link in the target folder is not written through."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("mine\n")
    dest = tmp_path / "public"
    dest.mkdir()
    (dest / "assets").symlink_to(outside, target_is_directory=True)
    with pytest.raises(DeployError) as info:
        deploy(site / "build", parse_target(str(dest)), delete=True)
    assert "symbolic link" in str(info.value)
    assert sorted(p.name for p in outside.iterdir()) == ["keep.txt"]


# --- git branch -------------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    return bare


def test_git_deploy_creates_branch_then_commits_only_changes(site: Path, remote: Path) -> None:
    target = parse_target(f"git+{remote}", {"cname": "news.example.org"})
    first = deploy(site / "build", target)
    assert first.commit
    listed = set(_git(remote, "ls-tree", "-r", "--name-only", "gh-pages").split())
    assert set(_files(site / "build")) | {".nojekyll", "CNAME"} == listed
    assert _git(remote, "show", "gh-pages:CNAME").strip() == "news.example.org"

    again = deploy(site / "build", target)
    assert again.commit is None and again.uploaded == 0
    assert _git(remote, "rev-parse", "gh-pages").strip() == first.commit

    _edit_article(site)
    third = deploy(site / "build", parse_target(f"git+{remote}"))
    assert third.commit and third.commit != first.commit
    assert _git(remote, "rev-list", "--count", "gh-pages").strip() == "2"
    touched = set(_git(remote, "diff", "--name-only", "gh-pages~1", "gh-pages").split())
    assert touched and touched < set(_files(site / "build"))
    assert article_page(site, "001_0b83c80ce35eb4fc") in touched
    assert _git(remote, "show", "gh-pages:CNAME").strip() == "news.example.org", "CNAME survives"


def test_git_deploy_never_touches_the_source_repository(site: Path, remote: Path) -> None:
    subprocess.run(["git", "init", "-q", str(site)], check=True)
    _git(site, "add", "content")
    before = _git(site, "status", "--porcelain")
    deploy(site / "build", parse_target(f"git+{remote}", {"branch": "pages"}))
    assert _git(site, "status", "--porcelain") == before
    assert "pages" in _git(remote, "branch")


# --- S3 ---------------------------------------------------------------------------------------


@pytest.fixture
def s3(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Any]]:
    boto3 = pytest.importorskip("boto3")
    moto_server = pytest.importorskip("moto.server")
    for key, value in {
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(key, value)
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client("s3", endpoint_url=endpoint)
    client.create_bucket(Bucket="digest")
    yield endpoint, client
    server.stop()


def _keys(client: Any) -> dict[str, dict[str, Any]]:
    out = {}
    for obj in client.list_objects_v2(Bucket="digest").get("Contents", []):
        out[obj["Key"]] = client.head_object(Bucket="digest", Key=obj["Key"])
    return out


def test_s3_uploads_with_types_then_nothing_then_deletes(site: Path, s3: tuple[str, Any]) -> None:
    endpoint, client = s3
    target = parse_target("s3://digest/news", {"endpoint_url": endpoint})
    first = deploy(site / "build", target)
    keys = _keys(client)
    built = scan(site / "build")
    assert set(keys) == {f"news/{p}" for p in built}
    for path in built:
        head = keys[f"news/{path}"]
        assert head["ContentType"] == content_type(path)
        assert head["CacheControl"]
    assert keys["news/index.html"]["ContentType"] == "text/html; charset=utf-8"
    assert keys["news/assets/style.css"]["ContentType"] == "text/css; charset=utf-8"
    assert first.uploaded == len(built)

    again = deploy(site / "build", target)
    assert again.uploaded == 0 and again.skipped == len(built)

    client.put_object(Bucket="digest", Key="news/old/index.html", Body=b"stale")
    kept = deploy(site / "build", target)
    assert kept.deleted == 0 and "news/old/index.html" in _keys(client)
    pruned = deploy(site / "build", target, delete=True)
    assert pruned.deleted == 1 and "news/old/index.html" not in _keys(client)


def test_s3_failure_in_the_middle_names_the_file(site: Path, s3: tuple[str, Any]) -> None:
    endpoint, client = s3
    target = parse_target("s3://digest/", {"endpoint_url": endpoint})
    deploy(site / "build", target)
    client.put_object(Bucket="digest", Key="stale.html", Body=b"stale")
    _edit_article(site)
    (site / "build" / "404.html").write_text("<p>changed</p>")

    class Flaky:
        """The real client, except that the second upload fails."""

        def __init__(self) -> None:
            self.puts = 0

        def __getattr__(self, name: str) -> Any:
            return getattr(client, name)

        def put_object(self, **kwargs: Any) -> Any:
            self.puts += 1
            if self.puts == 2:
                raise ConnectionError("connection reset by peer")
            return client.put_object(**kwargs)

    from sitegen.deploy.s3 import deploy_s3

    with pytest.raises(DeployError) as info:
        deploy_s3(site / "build", target, True, False, lambda line: None, client=Flaky())
    failed = str(info.value).split(":", 1)[0]
    assert (site / "build" / failed).is_file() and "upload failed" in str(info.value)
    assert "stale.html" in _keys(client), "nothing deleted after a failed upload"


# --- CLI --------------------------------------------------------------------------------------


def test_cli_deploys_a_named_target(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "www"
    config = site / "sitegen.yaml"
    config.write_text(config.read_text() + f"deploy:\n  local: {dest}\n", encoding="utf-8")
    assert main(["--site", str(site), "deploy", "local", "--dry-run"]) == 0
    assert "would upload" in capsys.readouterr().out and not dest.exists()
    assert main(["--site", str(site), "deploy", "local"]) == 0
    out = capsys.readouterr().out
    assert out.strip().splitlines()[-1].startswith(f"deploy to {dest}: uploaded")
    assert (dest / "index.html").is_file() and (dest / "_redirects").is_file()


def test_cli_reports_a_bad_target(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--site", str(site), "deploy", "ftp://example.org/site"]) == 2
    assert "unknown target" in capsys.readouterr().err


def test_git_deploy_never_writes_through_a_link_on_the_branch(
    site: Path, remote: Path, tmp_path: Path
) -> None:
    """Robustness point 9: a symbolic link committed to the deploy branch is not written
    through on the deploying machine, and nothing is pushed."""
    outside = tmp_path / "outside"
    outside.mkdir()
    work = tmp_path / "work"
    subprocess.run(["git", "init", "-q", "-b", "gh-pages", str(work)], check=True)
    (work / "assets").symlink_to(outside, target_is_directory=True)
    _git(work, "add", "-A")
    _git(work, "-c", "user.name=x", "-c", "user.email=x@example.org", "commit", "-qm", "link")
    _git(work, "push", "-q", str(remote), "gh-pages")
    before = _git(remote, "rev-parse", "gh-pages").strip()
    with pytest.raises(DeployError) as info:
        deploy(site / "build", parse_target(f"git+{remote}"))
    assert "symbolic link" in str(info.value) and "nothing was pushed" in str(info.value)
    assert list(outside.iterdir()) == []
    assert _git(remote, "rev-parse", "gh-pages").strip() == before


# --- a base URL on this machine ----------------------------------------------------------------


def _set_base_url(site: Path, url: str) -> None:
    config = site / "sitegen.yaml"
    lines = [
        f"base_url: {url}" if line.startswith("base_url:") else line
        for line in config.read_text(encoding="utf-8").splitlines()
    ]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_deploying_with_the_default_base_url_warns_naming_the_key(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _set_base_url(site, "http://localhost:8000/")  # what `sitegen init` writes
    dest = tmp_path / "www"
    assert main(["--site", str(site), "-q", "deploy", str(dest)]) == 0  # even when quiet
    err = capsys.readouterr().err
    warning = next(line for line in err.splitlines() if line.startswith("warning:"))
    assert "base_url is http://localhost:8000/" in warning and "sitegen.yaml" in warning
    assert (dest / "index.html").is_file()  # a warning, not a refusal
    feed = (dest / "feed.xml").read_text(encoding="utf-8")
    assert "http://localhost:8000/" in feed  # what the warning is about


def test_strict_refuses_to_deploy_a_site_whose_base_url_is_local(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "www"
    for url in ("http://127.0.0.1:8000/news/", "http://[::1]/", "http://preview.localhost/"):
        _set_base_url(site, url)
        assert main(["--site", str(site), "--strict", "deploy", str(dest)]) == 2
        assert f"base_url is {url}" in capsys.readouterr().err
        assert not dest.exists()


def test_a_public_base_url_deploys_without_a_warning(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for url in ("https://news.example.org/", "https://localhost.example.org/digest/"):
        _set_base_url(site, url)
        assert main(["--site", str(site), "--strict", "deploy", str(tmp_path / "www")]) == 0
        assert "base_url" not in capsys.readouterr().err
