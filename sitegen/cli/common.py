"""What every command shares: the exit codes, options' types, output that is safe for a
terminal, the site's config, and building (then deploying) a site."""

from __future__ import annotations

import argparse
import logging
import re
import sys
from pathlib import Path
from typing import Any

from sitegen.build import build_site
from sitegen.config import Config, ConfigError, load_config
from sitegen.errors import EXIT_NOTHING, EXIT_OK, EXIT_PARTIAL, SitegenError
from sitegen.urls import on_this_machine

log = logging.getLogger("sitegen")


DEPLOY_FLAGS = ("branch", "cname", "endpoint_url")


EXIT_CODES = f"""\
exit codes (every command):
  {EXIT_OK}  everything asked for was done
  {EXIT_PARTIAL}  some inputs or targets failed, each named on an `error:` line; the others
     went through
  {EXIT_NOTHING}  nothing was done: usage, configuration, theme or template error, site busy,
     or an unexpected error (one line, and the file holding its traceback; --debug prints it)
"""


LOCK_WAIT = 600.0
"""Seconds a command waits for another one writing the same site before it gives up."""


INPUT_FORMATS = (
    "saved web pages (.html, .htm), feeds (.rss, .atom, .xml), text dumps (.txt, .text), "
    "Markdown with front matter (.md, .markdown), JSON Lines (.jsonl, .ndjson) and http(s) URLs "
    "of pages or feeds"
)
"""What ``sitegen import`` reads (a test holds it to the reader registry)."""


class NotASite(SitegenError):
    """The --site folder has neither sitegen.yaml nor content/."""


def _say(args: argparse.Namespace, line: str) -> None:
    """Print a progress or summary line unless -q was given."""
    if not args.quiet:
        print(line)


def _seconds(text: str) -> float:
    """An argparse type: a number of seconds, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"expected a number of seconds >= 0, got {text!r}")
    return value


def _positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 1, got {text!r}")
    return int(text)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _shown(text: object) -> str:
    """``text`` safe for a terminal: control characters (escape sequences in a hostile
    file name, say) are written as ``\\xNN`` instead of being sent to it."""
    return _CONTROL.sub(lambda m: ascii(m[0])[1:-1], str(text))


def _error(origin: object, message: str) -> None:
    """One ``error: FILE: message`` line on stderr."""
    print(f"error: {_shown(origin)}: {_shown(message)}", file=sys.stderr)


def _warn(line: str) -> None:
    """A line for the person at the terminal that must not mix with output (stderr)."""
    print(f"sitegen: {line}", file=sys.stderr)


def _config(args: argparse.Namespace) -> Config:
    site: Path = args.site
    if not (site / "sitegen.yaml").is_file() and not (site / "content").is_dir():
        raise NotASite(
            f"{site}: not a sitegen site (no sitegen.yaml); create one with `sitegen init`"
        )
    config = load_config(args.site, strict=args.strict)
    for warning in config.warnings:
        log.warning("%s: %s", args.site / "sitegen.yaml", warning)
    return config


def _local_base_url(config: Config) -> str | None:
    """Why ``base_url`` is wrong for a site that is deployed, or None: a base URL on this
    machine (``localhost``, a loopback address), as ``sitegen init`` writes it, makes the
    deployed site's feeds, sitemap and canonical links point back to the reader's own
    machine."""
    url = str(config["base_url"])
    if not on_this_machine(url):
        return None
    return (
        f"base_url is {url}, an address on this machine (the value `sitegen init` writes): "
        "the deployed site's feeds, sitemap and canonical links would point there; set "
        "base_url in sitegen.yaml to the site's public URL"
    )


def _build_or_deploy(
    args: argparse.Namespace,
    config: Config,
    target: str | None,
    flags: dict[str, Any] | None = None,
    delete: bool = False,
    dry_run: bool = False,
) -> int:
    """Build the site, and deploy it to ``target`` when one is given (a target string or a
    name under ``deploy:``, with ``flags`` over its options); the exit code of that."""
    from sitegen.deploy import deploy, named_target, parse_target
    from sitegen.progress import StatusLine

    parsed = None
    if target:
        named = config["deploy"]
        spec, opts = named_target(target, named) if target in named else (target, {})
        parsed = parse_target(spec, {**opts, **(flags or {})})
        local = _local_base_url(config)
        if local and args.strict:  # before anything is built or sent
            raise ConfigError(args.site / "sitegen.yaml", [local])
        if local:  # shown even with -q: a scheduled deploy is where it matters most
            print(f"warning: {_shown(args.site / 'sitegen.yaml')}: {local}", file=sys.stderr)
    report = build_site(args.site, config, say=_warn, lock_wait=args.wait)
    for err in report.errors:
        _error(err.origin, err.message)
    if parsed is not None:
        status = StatusLine(args.quiet)
        try:
            done = deploy(args.site / "build", parsed, delete, dry_run, status)
        finally:
            status.close()
        print(done.summary())
    return EXIT_PARTIAL if report.errors else EXIT_OK
