"""The ``sitegen`` command: parses arguments and calls one stage per subcommand."""

from __future__ import annotations

import argparse
import errno
import logging
import os
import re
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sitegen import __version__
from sitegen.build import build_site, with_base_url
from sitegen.config import Config, load_config
from sitegen.content import NORMALIZER_VERSION
from sitegen.errors import EXIT_NOTHING, EXIT_OK, EXIT_PARTIAL, SitegenError
from sitegen.workers import default_jobs, workers_for

# Each command imports what only it needs when it runs (importing, normalizing, checking,
# deploying): a build does not wait for the readers, the normalizer or the deploy clients.

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


def cmd_init(args: argparse.Namespace) -> int:
    from sitegen.scaffold import init_site

    folder: Path = args.dir or args.site
    created = init_site(folder, args.title, args.ci)
    for path in created:
        _say(args, f"created {path}")
    _say(args, f"site ready in {folder}: add articles with `sitegen --site {folder} import FILES`")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from sitegen.importer import import_paths
    from sitegen.progress import Progress

    config = _config(args)
    bar = Progress("normalizing")
    max_bytes = int(config["ingest.max_mb"]) * 2**20
    disabled = config["normalize.disabled_rules"]
    report = import_paths(
        args.site, args.paths, disabled, bar, max_bytes, say=_warn, lock_wait=args.wait
    )
    bar.close()
    for err in report.errors:
        _error(err.origin, err.message)
    for doubt in report.warnings:
        print(f"warning: {_shown(doubt.origin)}: {_shown(doubt.message)}", file=sys.stderr)
    for path in report.result.kept:
        print(
            f"kept: {_shown(path)}: edited by hand since import, not overwritten", file=sys.stderr
        )
    for origin, path in report.result.same:
        print(
            f"same: {_shown(origin)}: same page as {_shown(path)}, not imported again",
            file=sys.stderr,
        )
    r = report.result
    _say(
        args,
        f"imported {len(r.written)}, updated {len(r.updated)}, unchanged {len(r.unchanged)}, "
        f"kept {len(r.kept)} (edited by hand), same {len(r.same)}, failed {len(report.errors)}",
    )
    return EXIT_PARTIAL if report.errors else EXIT_OK


def cmd_normalize(args: argparse.Namespace) -> int:
    from sitegen.content import article_meta
    from sitegen.frontmatter import dump
    from sitegen.ingest import read_file
    from sitegen.normalize import RULE_NAMES, explain, normalize

    if args.rules:
        print("\n".join(RULE_NAMES))
        return 0
    if not args.file:
        print("sitegen normalize: a FILE is required", file=sys.stderr)
        return 2
    docs, errors = read_file(args.file)
    for err in errors:
        _error(err.origin, err.message)
    disabled = args.disable or []
    for doc in docs:
        if args.explain:
            for note in doc.notes:  # what the reader decided before any rule ran
                print(f"{'-':>5}  {'reader':<7} {'':<15} {_shown(note)}")
            for line, label, rule, text in explain(doc, disabled):
                print(f"{line:>5}  {label:<7} {rule:<15} {_shown(text)}")
            continue
        article = normalize(doc, disabled)
        sys.stdout.write(dump(article_meta(article), article.body))
    return EXIT_PARTIAL if errors else EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    config = with_base_url(_config(args), args.base_url)
    report = build_site(
        args.site, config, clean=args.clean, say=_warn, jobs=args.jobs, lock_wait=args.wait
    )
    for err in report.errors:
        _error(err.origin, err.message)
    w = report.write
    _say(
        args,
        f"built {report.articles} articles in {report.events} events "
        f"({report.storylines} storylines, {report.duplicates} copies): "
        f"{len(w.written)} files written, {w.unchanged} unchanged, {len(w.removed)} removed "
        f"-> {args.site / 'build'}",
    )
    return EXIT_PARTIAL if report.errors else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from sitegen.check import check_site

    config = _config(args)
    problems = check_site(args.site, config.base_path)
    for line in problems:
        print(line)
    _say(args, f"{len(problems)} problem(s)" if problems else "no problems found")
    return EXIT_PARTIAL if problems else EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from sitegen.serve import serve  # here, not at the top: only this command needs watchdog

    _config(args)
    return serve(args.site, args.host, args.port, args.strict, args.open, args.quiet)


def cmd_config(args: argparse.Namespace) -> int:
    from sitegen.config import OPTIONS

    config = _config(args) if (args.site / "sitegen.yaml").is_file() else None
    for opt in OPTIONS:
        value = opt.default if config is None else config[opt.key]
        mark = "" if value == opt.default else "   (set in sitegen.yaml)"
        print(f"{opt.key} = {value!r}{mark}\n    {opt.doc}")
    return EXIT_OK


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


def cmd_deploy(args: argparse.Namespace) -> int:
    config = _config(args)
    flags = {k: v for k, v in vars(args).items() if k in DEPLOY_FLAGS and v}
    return _build_or_deploy(args, config, args.target, flags, args.delete, args.dry_run)


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


def _jobs_option(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument(
        "--jobs",
        type=_positive,
        default=default_jobs(),
        metavar="N",
        help=f"{what} on N processes (default: the usable cores, here {default_jobs()})",
    )


def _global_options(p: argparse.ArgumentParser, site: object, flag: object) -> None:
    """--site, --strict and -q: accepted before or after the command."""
    p.add_argument("--site", type=Path, default=site, help="site folder (default: .)")
    p.add_argument("--strict", action="store_true", default=flag, help="config warnings are errors")
    p.add_argument("-q", "--quiet", action="store_true", default=flag, help="only print errors")
    p.add_argument(
        "--wait",
        type=_seconds,
        default=argparse.SUPPRESS if flag is argparse.SUPPRESS else LOCK_WAIT,
        metavar="SECONDS",
        help=f"how long to wait for another sitegen writing the same site (default {LOCK_WAIT:g}; "
        "then exit 2)",
    )
    p.add_argument(
        "--debug",
        action="store_true",
        default=flag,
        help="print the traceback of an unexpected error",
    )


def parser() -> argparse.ArgumentParser:
    """The argument parser: global options and one subparser per command."""
    p = argparse.ArgumentParser(
        prog="sitegen",
        description="Build a static news digest from raw articles.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--version",
        action="version",
        version=f"sitegen {__version__} (normalizer version {NORMALIZER_VERSION})",
    )
    _global_options(p, Path("."), False)
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, argparse.SUPPRESS, argparse.SUPPRESS)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    s = sub.add_parser(
        "init",
        parents=[common],
        help="create a new site skeleton",
        description="Create a new, working site.",
    )
    s.add_argument(
        "dir", nargs="?", type=Path, help="folder to create the site in (default: --site)"
    )
    s.add_argument("--title", default="News digest", help="the site's title")
    s.add_argument(
        "--ci",
        choices=["github"],
        help="also write a workflow that updates, builds and deploys the site every hour "
        "(github: .github/workflows/sitegen.yml)",
    )
    s.set_defaults(func=cmd_init)

    s = sub.add_parser(
        "import",
        parents=[common],
        help="import raw articles into content/articles",
        description=f"Normalize raw articles into content/articles/<slug>.md: {INPUT_FORMATS}. "
        "Folders are read for every supported file. Files edited by hand are never "
        "overwritten. A file that cannot be read gets one error line; the rest go through "
        "(exit 1 when any failed).",
    )
    s.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or http(s) URLs")
    s.set_defaults(func=cmd_import)

    s = sub.add_parser(
        "normalize",
        parents=[common],
        help="print one raw file normalized",
        description="Print the normalized Markdown for one raw file to stdout.",
    )
    s.add_argument("file", nargs="?", type=Path, metavar="FILE")
    s.add_argument(
        "--disable", action="append", metavar="RULE", help="switch a boilerplate rule off"
    )
    s.add_argument("--rules", action="store_true", help="list the boilerplate rules in order")
    s.add_argument(
        "--explain",
        action="store_true",
        help="print each line of FILE with what became of it and the rule that decided",
    )
    s.set_defaults(func=cmd_normalize)

    s = sub.add_parser(
        "build",
        parents=[common],
        help="build the site into build/",
        description="Group content into events and render the digest into build/.",
    )
    s.add_argument("--base-url", help="override base_url from sitegen.yaml")
    s.add_argument(
        "--clean",
        action="store_true",
        help="empty the caches (.sitegen-cache/) and rewrite every file in build/",
    )
    _jobs_option(s, "render pages")
    s.set_defaults(func=cmd_build)

    s = sub.add_parser(
        "check",
        parents=[common],
        help="validate content and the built site's links",
        description="Report content that fails to load and broken internal links; "
        "exits non-zero on any problem.",
    )
    s.set_defaults(func=cmd_check)

    s = sub.add_parser(
        "config",
        parents=[common],
        help="list every sitegen.yaml key with its value and meaning",
        description="Print every key sitegen.yaml may set: its value for this site (the default "
        "where the site sets none) and what it means.",
    )
    s.set_defaults(func=cmd_config)

    _feeds_parser(sub, common)

    s = sub.add_parser(
        "serve",
        parents=[common],
        help="preview the site, rebuilding as files change",
        description="Build the site, serve it from memory and rebuild what each change to "
        "content/, templates/, the theme, static/, sitegen.yaml or inbox/ touches; open pages "
        "reload themselves. Raw files dropped into inbox/ are imported.",
    )
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=8000, help="port (default 8000; 0 picks a free one)")
    s.add_argument("--open", action="store_true", help="open the site in a web browser")
    s.set_defaults(func=cmd_serve)

    s = sub.add_parser(
        "deploy",
        parents=[common],
        help="publish the built site",
        description="Build, then send only what changed to TARGET: a folder, git+REMOTE "
        "(a branch, gh-pages by default) or s3://bucket/prefix, or a target named in "
        "sitegen.yaml's `deploy` section.",
    )
    s.add_argument("target", metavar="TARGET", help="folder, git+URL, s3://bucket/prefix or NAME")
    s.add_argument("--dry-run", action="store_true", help="say what would change, change nothing")
    s.add_argument("--delete", action="store_true", help="remove files the build no longer has")
    s.add_argument("--branch", help="git targets: the branch to publish to (default gh-pages)")
    s.add_argument("--cname", help="git targets: custom domain written to CNAME")
    s.add_argument("--endpoint-url", help="s3 targets: an S3-compatible endpoint")
    s.set_defaults(func=cmd_deploy)

    s = sub.add_parser(
        "update",
        parents=[common],
        help="fetch the feeds the site follows and import what is new",
        description="Fetch every feed under `feeds:` in sitegen.yaml (conditionally, politely, "
        "a few requests per host at a time), fetch the full page of teaser-only entries, and "
        "import what is new through the normal importer.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    s.add_argument("--build", action="store_true", help="build the site afterwards")
    s.add_argument(
        "--deploy", metavar="TARGET", help="build, then deploy to TARGET (as `sitegen deploy`)"
    )
    s.add_argument("-v", "--verbose", action="store_true", help="print every request")
    _jobs_option(s, "normalize articles")
    s.set_defaults(func=cmd_update)

    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``sitegen`` console script."""
    args = parser().parse_args(argv)
    logging.basicConfig(
        level=logging.ERROR if args.quiet else logging.WARNING, format="warning: %(message)s"
    )
    try:
        return int(args.func(args))
    except SitegenError as exc:
        for line in exc.lines():
            print(_shown(line), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("sitegen: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # whoever read the output (`| head`) has stopped: not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        if exc.errno not in ENVIRONMENT_ERRNOS or args.debug:
            return _unexpected(exc, args.debug)
        where = _shown(exc.filename) if exc.filename else "sitegen"
        print(
            f"error: {where}: {exc.strerror} (stopped there: what was written before is whole)",
            file=sys.stderr,
        )
        return EXIT_NOTHING
    except Exception as exc:
        return _unexpected(exc, args.debug)


ENVIRONMENT_ERRNOS = frozenset(
    {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
)
"""Errors of the machine, not of sitegen (a read-only folder, a full disk, a file-size
limit): one line naming the path, no traceback."""


def _unexpected(exc: BaseException, debug: bool) -> int:
    """A bug: one line for the person, the traceback kept for a report."""
    if debug:
        traceback.print_exception(exc)
    else:
        where = _keep_traceback(exc)
        print(
            f"error: unexpected {type(exc).__name__}: {_shown(exc)} (a bug in sitegen; "
            f"traceback in {where}, or run again with --debug)",
            file=sys.stderr,
        )
    return EXIT_NOTHING


def _keep_traceback(exc: BaseException) -> str:
    """Write ``exc``'s traceback to a new file in the temporary folder; returns its path."""
    fd, path = tempfile.mkstemp(prefix="sitegen-traceback-", suffix=".txt")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(f"sitegen {__version__}: {' '.join(sys.argv)}\n")
        out.write("".join(traceback.format_exception(exc)))
    return path


if __name__ == "__main__":
    sys.exit(main())
