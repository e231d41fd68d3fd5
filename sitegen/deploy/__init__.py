"""Deploying the built site: a folder, a git branch, or an S3-compatible bucket.

``deploy(build, target, ...)`` picks the module for the target kind; each one
compares the build with what the target holds and sends only what changed.
"""

from __future__ import annotations

from pathlib import Path

from sitegen.deploy.directory import deploy_directory
from sitegen.deploy.gitbranch import deploy_git
from sitegen.deploy.report import DeployReport, Say
from sitegen.deploy.s3 import deploy_s3
from sitegen.deploy.targets import (
    DeployError,
    DirectoryTarget,
    GitTarget,
    S3Target,
    Target,
    TargetError,
    named_target,
    parse_target,
)

__all__ = [
    "DeployError",
    "DeployReport",
    "Target",
    "TargetError",
    "deploy",
    "named_target",
    "parse_target",
]


def _quiet(line: str) -> None:
    pass


def deploy(
    build: Path, target: Target, delete: bool = False, dry_run: bool = False, say: Say = _quiet
) -> DeployReport:
    """Send the build to the target; raises :class:`DeployError` with a one-line reason."""
    if not (build / "index.html").is_file():
        raise DeployError(f"{build}: no built site to deploy (run `sitegen build`)")
    if isinstance(target, DirectoryTarget):
        return deploy_directory(build, target, delete, dry_run, say)
    if isinstance(target, GitTarget):
        return deploy_git(build, target, delete, dry_run, say)
    if isinstance(target, S3Target):
        return deploy_s3(build, target, delete, dry_run, say)
    raise TargetError(f"unknown target {target!r}")
