"""Deploy into a folder: changed files replaced atomically, stale ones removed with --delete."""

from __future__ import annotations

from pathlib import Path

from sitegen.deploy.files import diff, hashes, scan, within
from sitegen.deploy.report import DeployReport, Say
from sitegen.deploy.targets import DeployError, DirectoryTarget, TargetError
from sitegen.fsutil import OutsideError, atomic_write


def deploy_directory(
    build: Path, target: DirectoryTarget, delete: bool, dry_run: bool, say: Say
) -> DeployReport:
    """Synchronise ``build`` into ``target.path``; deletions happen only after every copy."""
    dest = target.path
    if dest.resolve() == build.resolve() or build.resolve() in dest.resolve().parents:
        raise TargetError(f"{dest}: the target must not be the build folder or inside it")
    site = build.resolve().parent
    if dest.resolve() == site or dest.resolve() in site.parents:
        raise TargetError(
            f"{dest}: the target must not be the site folder or a folder that holds it "
            "(the deploy would overwrite, or with --delete remove, the site's own files)"
        )
    local = scan(build)
    changes = diff(local, hashes(scan(dest)) if dest.is_dir() else {}, delete)
    sent = 0
    for rel in changes.upload:
        say(f"{'would copy' if dry_run else 'copy'} {rel} ({local[rel].size:,} bytes)")
        if not dry_run:
            try:
                atomic_write(within(dest, rel), (build / rel).read_bytes(), durable=False)
            except OutsideError as exc:
                raise DeployError(
                    f"{exc}; earlier files were copied, nothing was deleted"
                ) from None
            except OSError as exc:
                raise DeployError(
                    f"{dest / rel}: {exc.strerror or exc}; earlier files were "
                    "copied, nothing was deleted"
                ) from None
        sent += local[rel].size
    for rel in changes.delete:
        say(f"{'would delete' if dry_run else 'delete'} {rel}")
        if not dry_run:
            within(dest, rel).unlink()
    if not dry_run and changes.delete:
        for path in sorted(dest.rglob("*"), reverse=True):
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return DeployReport(
        str(dest), len(changes.upload), len(changes.skip), len(changes.delete), sent, dry_run
    )
