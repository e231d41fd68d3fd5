"""Deploy to a git branch (GitHub Pages): commit the build in a scratch clone and push.

The source repository's working tree is never touched: everything happens in a
temporary repository that fetches only the target branch.  A deploy with no
change makes no commit; ``.nojekyll`` is always present and ``CNAME`` is kept
(or written from the configured domain).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from sitegen.deploy.files import diff, hashes, scan, within
from sitegen.deploy.report import DeployReport, Say
from sitegen.deploy.targets import DeployError, GitTarget
from sitegen.fsutil import OutsideError, atomic_write

KEEP = ("CNAME", ".nojekyll")
"""Files of the branch that a deploy never deletes."""


def _git(repo: Path, *args: str) -> str:
    env_identity = ["-c", "user.name=sitegen", "-c", "user.email=sitegen@localhost"]
    if _configured(repo):
        env_identity = []
    done = subprocess.run(
        ["git", *env_identity, "-C", str(repo), *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise DeployError(f"git {args[0]} failed: {_said(done)}")
    return done.stdout


def _said(done: subprocess.CompletedProcess[str]) -> str:
    """Everything git said about a failure, on one line (its ``fatal:`` lines say which
    remote and why), capped at 600 characters."""
    lines = [line.strip() for line in (done.stderr or done.stdout).splitlines() if line.strip()]
    said = " / ".join(lines) or f"exit status {done.returncode}"
    return said if len(said) <= 600 else said[:599] + "…"


def _configured(repo: Path) -> bool:
    done = subprocess.run(
        ["git", "-C", str(repo), "config", "user.email"], capture_output=True, check=False
    )
    return done.returncode == 0


def _checkout(tree: Path, target: GitTarget) -> bool:
    """Fetch the branch into ``tree``; returns whether it already existed."""
    _git(tree, "init", "-q")
    _git(tree, "remote", "add", "origin", target.remote)
    heads = _git(tree, "ls-remote", "--heads", "origin", target.branch)
    if heads.strip():
        _git(tree, "fetch", "-q", "--depth", "1", "origin", target.branch)
        _git(tree, "checkout", "-q", "-b", target.branch, "FETCH_HEAD")
        return True
    _git(tree, "checkout", "-q", "--orphan", target.branch)
    return False


def deploy_git(
    build: Path, target: GitTarget, delete: bool, dry_run: bool, say: Say
) -> DeployReport:
    """Commit ``build`` to ``target.branch`` and push it; no change means no commit."""
    label = f"{target.remote} ({target.branch})"
    with tempfile.TemporaryDirectory(prefix="sitegen-deploy-") as scratch:
        tree = Path(scratch)
        existed = _checkout(tree, target)
        local = scan(build)
        changes = diff(local, hashes(scan(tree, skip=KEEP)), delete)
        try:
            for rel in changes.upload:
                say(f"{'would add' if dry_run else 'add'} {rel} ({local[rel].size:,} bytes)")
                atomic_write(within(tree, rel), (build / rel).read_bytes(), durable=False)
            for rel in changes.delete:
                say(f"{'would delete' if dry_run else 'delete'} {rel}")
                within(tree, rel).unlink()
        except OutsideError as exc:  # the branch holds a symbolic link: nothing is pushed
            raise DeployError(f"{label}: {exc}; nothing was pushed") from None
        (tree / ".nojekyll").touch()
        if target.cname:
            (tree / "CNAME").write_text(target.cname.strip() + "\n", encoding="utf-8")
        _git(tree, "add", "-A")
        pending = _git(tree, "status", "--porcelain").strip()
        commit = None
        if pending and not dry_run:
            _git(tree, "commit", "-q", "-m", target.message)
            _git(tree, "push", "-q", "origin", f"HEAD:refs/heads/{target.branch}")
            commit = _git(tree, "rev-parse", "HEAD").strip()
        elif not pending and not existed and not dry_run:
            raise DeployError(f"{label}: nothing to deploy (the build folder is empty)")
    sent = sum(local[p].size for p in changes.upload)
    return DeployReport(
        label, len(changes.upload), len(changes.skip), len(changes.delete), sent, dry_run, commit
    )
