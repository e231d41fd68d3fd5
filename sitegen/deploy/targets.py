"""Deploy targets: parsed from the command line or ``sitegen.yaml`` (pure)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen.errors import EXIT_NOTHING, EXIT_PARTIAL, SitegenError


class DeployError(SitegenError):
    """A deploy could not go on; the message names the file or setting at fault.

    The target failed, so the command exits 1; a target that cannot even be named
    (:class:`TargetError`) ends it with 2.
    """

    exit_code = EXIT_PARTIAL


class TargetError(DeployError):
    """The target or its settings are not usable: nothing was sent."""

    exit_code = EXIT_NOTHING


@dataclass(frozen=True, slots=True)
class DirectoryTarget:
    """Synchronise the build into a folder."""

    path: Path
    """The folder to fill (created if missing)."""


@dataclass(frozen=True, slots=True)
class GitTarget:
    """Commit the build to a branch of a git remote and push it (GitHub Pages style)."""

    remote: str
    """Anything ``git push`` accepts: a URL or a local path to a repository."""
    branch: str = "gh-pages"
    """The branch that holds the built site."""
    cname: str | None = None
    """A custom domain written to ``CNAME`` (an existing ``CNAME`` is kept otherwise)."""
    message: str = "Deploy site"
    """Commit message."""


@dataclass(frozen=True, slots=True)
class S3Target:
    """Upload to an S3-compatible bucket."""

    bucket: str
    """Bucket name."""
    prefix: str = ""
    """Key prefix (``""`` or ``folder/``)."""
    endpoint_url: str | None = None
    """For S3-compatible services (MinIO, R2, a local test server)."""
    cache: Mapping[str, str] = field(default_factory=dict)
    """Cache-Control overrides: keys ``html``, ``assets``, ``immutable``."""


Target = DirectoryTarget | GitTarget | S3Target


def _s3(spec: str, opts: Mapping[str, Any]) -> S3Target:
    rest = spec[len("s3://") :]
    bucket, _, prefix = rest.partition("/")
    if not bucket:
        raise TargetError(f"{spec}: no bucket name (expected s3://bucket/prefix)")
    prefix = prefix.strip("/")
    cache = opts.get("cache_control") or {}
    if not isinstance(cache, Mapping):
        raise TargetError("cache_control: must be a mapping of html/assets/immutable to values")
    return S3Target(
        bucket,
        prefix + "/" if prefix else "",
        opts.get("endpoint_url"),
        {str(k): str(v) for k, v in cache.items()},
    )


_BAD_IN_REF = re.compile(r"[\x00-\x20\x7f~^:?*\[\\]|\.\.|@\{|//")


def branch_name_ok(name: str) -> bool:
    """True for a name git accepts for a branch (``git check-ref-format --branch``'s rules),
    and never one that starts with ``-``, which git would read as an option."""
    return (
        bool(name)
        and not name.startswith(("-", "/", "."))
        and not name.endswith(("/", ".", ".lock"))
        and name != "@"
        and "/." not in name
        and not _BAD_IN_REF.search(name)
    )


def parse_target(spec: str, opts: Mapping[str, Any] | None = None) -> Target:
    """``s3://bucket/prefix``, ``git+<remote>`` or a folder path, with options."""
    opts = opts or {}
    if spec.startswith("s3://"):
        return _s3(spec, opts)
    if spec.startswith("git+"):
        remote = spec[len("git+") :]
        if not remote:
            raise TargetError(f"{spec}: no remote after git+")
        if remote.startswith("-"):
            raise TargetError(f"{spec}: a remote cannot start with '-' (git would take an option)")
        branch = str(opts.get("branch") or "gh-pages")
        if not branch_name_ok(branch):
            raise TargetError(f"branch {branch!r}: not a branch name git accepts")
        return GitTarget(
            remote, branch, opts.get("cname"), str(opts.get("message") or "Deploy site")
        )
    if "://" in spec:
        raise TargetError(f"{spec}: unknown target (use a folder, git+URL or s3://bucket/prefix)")
    return DirectoryTarget(Path(spec))


def named_target(name: str, configured: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    """Resolve a target named in ``sitegen.yaml``'s ``deploy`` section to (spec, options)."""
    entry = configured[name]
    if isinstance(entry, str):
        return entry, {}
    if not isinstance(entry, Mapping) or not isinstance(entry.get("target"), str):
        raise TargetError(f"deploy.{name}: must be a target string or a mapping with `target`")
    return entry["target"], {k: v for k, v in entry.items() if k != "target"}
