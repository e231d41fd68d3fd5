"""The commands of the feeds a site follows: ``feeds list``, ``feeds import``, ``feeds
export`` (their parser too) and ``update``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitegen.cli.common import (
    _build_or_deploy,
    _config,
    _error,
    _say,
    _shown,
    _warn,
)
from sitegen.errors import EXIT_NOTHING, EXIT_OK, EXIT_PARTIAL
from sitegen.workers import workers_for


def cmd_feeds_import(args: argparse.Namespace) -> int:
    from sitegen.subscribe.configfile import add_feeds
    from sitegen.subscribe.opml import MAX_BYTES, read_opml

    _config(args)
    try:
        with args.file.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)  # one byte more than allowed: too large is said so
    except OSError as exc:
        _error(args.file, f"cannot read: {exc.strerror or exc}")
        return EXIT_NOTHING
    try:
        outlines = read_opml(data, str(args.file))
    except ValueError as exc:  # its one line names the file
        print(f"error: {_shown(exc)}", file=sys.stderr)
        return EXIT_NOTHING
    for err in outlines.skipped:
        _error(err.origin, err.message)
    if not outlines.subscriptions:
        _error(args.file, "no feed to add (no <outline> with a usable xmlUrl)")
        return EXIT_NOTHING
    added, listed = add_feeds(args.site, outlines.subscriptions)
    _say(args, f"feeds: added {added}, already listed {listed}")
    return EXIT_PARTIAL if outlines.skipped else EXIT_OK


def cmd_feeds_export(args: argparse.Namespace) -> int:
    from sitegen.fsutil import atomic_write
    from sitegen.subscribe.feeds import subscriptions
    from sitegen.subscribe.opml import opml_bytes

    config = _config(args)
    subs = subscriptions(config["feeds"])
    data = opml_bytes(subs, str(config["title"]))
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return EXIT_OK
    atomic_write(args.output, data)
    _say(args, f"feeds: exported {len(subs)} to {args.output}")
    return EXIT_OK


def cmd_feeds_list(args: argparse.Namespace) -> int:
    from sitegen.subscribe.feeds import subscriptions
    from sitegen.subscribe.state import FeedState

    config = _config(args)
    subs = subscriptions(config["feeds"])
    state = FeedState(args.site, warn=_warn)
    for sub in subs:
        record = state.get(sub.url)
        when = record.last_fetch.replace("T", " ")[:16] if record.last_fetch else "never fetched"
        status = record.status or "-"
        name = f"  ({_shown(sub.name)})" if sub.name else ""
        print(f"{status:<13} {record.items:>5}  {when:<16}  {_shown(sub.url)}{name}")
        if record.last_error:
            print(f"{'':<13} {'':>5}  last error: {_shown(record.last_error)}")
    if not subs:
        print("no feeds: list them under `feeds:` in sitegen.yaml", file=sys.stderr)
    return EXIT_OK


def _feeds_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser
) -> None:
    """``sitegen feeds SUBCOMMAND``: the subscriptions of ``feeds:`` in sitegen.yaml."""
    p = sub.add_parser(
        "feeds",
        parents=[common],
        help="list, import or export the feeds the site follows (OPML)",
        description="Work with the feeds listed under `feeds:` in sitegen.yaml.",
    )
    feeds = p.add_subparsers(dest="feeds_command", required=True, metavar="SUBCOMMAND")
    # One paragraph per subcommand, each calling its own cmd_feeds_* function.

    s = feeds.add_parser(
        "list",
        parents=[common],
        help="each feed's last fetch, status, entries and last error",
        description="For each feed under `feeds:`: the status of its last fetch (ok, not "
        "modified, failed), its entries then, when it was fetched and its last error.",
    )
    s.set_defaults(func=cmd_feeds_list)

    s = feeds.add_parser(
        "import",
        parents=[common],
        help="add the feeds of an OPML file to sitegen.yaml",
        description="Add every feed of an OPML file (a feed reader's export) to `feeds:` in "
        "sitegen.yaml, editing its text: comments and every other line stay as they are. Feeds "
        "already listed are skipped; an outline that cannot be used gets one error line.",
    )
    s.add_argument("file", type=Path, metavar="FILE.opml")
    s.set_defaults(func=cmd_feeds_import)

    s = feeds.add_parser(
        "export",
        parents=[common],
        help="write the site's feeds as OPML",
        description="Write the feeds of sitegen.yaml as an OPML 2.0 file, for a feed reader or "
        "another site; sitegen's own options travel in its namespace.",
    )
    s.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE, not stdout")
    s.set_defaults(func=cmd_feeds_export)


def _event_sizes(site: Path) -> dict[str, int]:
    """Event id -> articles, as the registry says (empty when it cannot be read)."""
    from sitegen.registry import RegistryError, load_registry

    try:
        return {eid: len(ids) for eid, ids in load_registry(site).events.items()}
    except RegistryError:
        return {}


def cmd_update(args: argparse.Namespace) -> int:
    from sitegen.ingest.fetch import MAX_BYTES
    from sitegen.progress import StatusLine
    from sitegen.subscribe.feeds import subscriptions
    from sitegen.subscribe.http import Client, Politeness
    from sitegen.subscribe.update import update_site

    config = _config(args)
    subs = subscriptions(config["feeds"])
    if not subs:
        print(
            f"error: {_shown(args.site / 'sitegen.yaml')}: no feeds to update; list them under "
            "`feeds:` (or `sitegen feeds import FILE.opml`)",
            file=sys.stderr,
        )
        return EXIT_NOTHING
    polite = Politeness(
        per_host=int(config["update.per_host"]),
        delay=float(config["update.delay"]),
        timeout=float(config["update.timeout"]),
        max_bytes=min(MAX_BYTES, int(config["ingest.max_mb"]) * 2**20),
        retries=int(config["update.retries"]),
    )
    log = (lambda line: print(_shown(line), file=sys.stderr)) if args.verbose else None
    status = StatusLine(args.quiet or args.verbose, stream=sys.stderr)
    sizes = _event_sizes(args.site)
    try:
        report = update_site(
            args.site,
            subs,
            Client(polite, log),
            config["normalize.disabled_rules"],
            say=_warn,
            lock_wait=args.wait,
            progress=status,
            workers=workers_for(args.jobs),
        )
    finally:
        status.close()
    for err in report.errors:
        _error(err.origin, err.message)
    for doubt in report.warnings:
        print(f"warning: {_shown(doubt.origin)}: {_shown(doubt.message)}", file=sys.stderr)
    r = report.result
    for path in r.kept:
        print(f"kept: {_shown(path)}: edited by hand, not overwritten", file=sys.stderr)
    ok = len(report.feeds) - report.failed_feeds
    same = sum(f.status == "not modified" for f in report.feeds)
    summary = (
        f"update: feeds {ok} ok ({same} not modified), {report.failed_feeds} failed; "
        f"articles {len(r.written)} new, {len(r.updated)} updated"
    )
    code = EXIT_PARTIAL if report.errors else EXIT_OK
    if ok == 0:
        code = EXIT_NOTHING
    if args.build or args.deploy:
        built = _build_or_deploy(args, config, args.deploy)
        after = _event_sizes(args.site)
        new = sum(eid not in sizes for eid in after)
        grown = sum(n > sizes[eid] for eid, n in after.items() if eid in sizes)
        summary += f"; events {new} new, {grown} grown"
        code = max(code, built)
    print(summary)
    return code
