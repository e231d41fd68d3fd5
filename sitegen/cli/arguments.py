"""The ``sitegen`` command line: its options and subcommands, each calling its command."""

from __future__ import annotations

import argparse
from pathlib import Path

from sitegen import __version__
from sitegen.cli.commands import (
    cmd_build,
    cmd_check,
    cmd_config,
    cmd_deploy,
    cmd_import,
    cmd_init,
    cmd_normalize,
    cmd_serve,
)
from sitegen.cli.common import (
    EXIT_CODES,
    INPUT_FORMATS,
    LOCK_WAIT,
    _positive,
    _seconds,
)
from sitegen.cli.feeds import (
    _feeds_parser,
    cmd_update,
)
from sitegen.content import NORMALIZER_VERSION
from sitegen.workers import default_jobs


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
