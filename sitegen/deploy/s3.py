"""Deploy to an S3-compatible bucket: upload what changed, with types and cache headers.

Changed assets go up before pages, and stale keys are deleted only after every
upload succeeded, so a failure part-way leaves pages that still work.  boto3 is
an optional dependency (``pip install sitegen[s3]``); credentials come from the
usual AWS environment variables and config files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitegen.deploy.files import cache_control, content_type, diff, scan
from sitegen.deploy.report import DeployReport, Say
from sitegen.deploy.targets import DeployError, S3Target, TargetError


def make_client(target: S3Target) -> Any:
    """A boto3 S3 client for the target (endpoint and credentials as configured)."""
    try:
        import boto3
    except ImportError:
        raise TargetError("s3 targets need boto3: pip install 'sitegen[s3]'") from None
    return boto3.client("s3", endpoint_url=target.endpoint_url)


def remote_hashes(client: Any, target: S3Target) -> dict[str, str]:
    """{path below the prefix: md5} from the bucket's listing (ETags of single-part uploads)."""
    out: dict[str, str] = {}
    pages = client.get_paginator("list_objects_v2").paginate(
        Bucket=target.bucket, Prefix=target.prefix
    )
    for page in pages:
        for obj in page.get("Contents", []):
            out[obj["Key"][len(target.prefix) :]] = obj["ETag"].strip('"')
    return out


def deploy_s3(
    build: Path,
    target: S3Target,
    delete: bool,
    dry_run: bool,
    say: Say,
    client: Any = None,
) -> DeployReport:
    """Upload changed files of ``build`` to the bucket; ``--delete`` removes stale keys."""
    label = f"s3://{target.bucket}/{target.prefix}"
    client = client or make_client(target)
    try:
        remote = remote_hashes(client, target)
    except Exception as exc:
        raise DeployError(f"{label}: cannot list the bucket: {exc}") from None
    local = scan(build)
    changes = diff(local, remote, delete)
    sent = 0
    for rel in changes.upload:
        say(f"{'would upload' if dry_run else 'upload'} {rel} ({local[rel].size:,} bytes)")
        if dry_run:
            sent += local[rel].size
            continue
        try:
            client.put_object(
                Bucket=target.bucket,
                Key=target.prefix + rel,
                Body=(build / rel).read_bytes(),
                ContentType=content_type(rel),
                CacheControl=cache_control(rel, target.cache),
            )
        except Exception as exc:
            raise DeployError(
                f"{rel}: upload failed ({exc}); {sent:,} bytes of earlier files were uploaded, "
                "nothing was deleted"
            ) from None
        sent += local[rel].size
    for rel in changes.delete:
        say(f"{'would delete' if dry_run else 'delete'} {rel}")
        if not dry_run:
            client.delete_object(Bucket=target.bucket, Key=target.prefix + rel)
    return DeployReport(
        label, len(changes.upload), len(changes.skip), len(changes.delete), sent, dry_run
    )
