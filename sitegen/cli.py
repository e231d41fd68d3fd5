"""The ``sitegen`` command: parses arguments and calls one stage per subcommand."""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from sitegen import __version__
from sitegen.build import build_site, with_base_url
from sitegen.config import Config, ConfigError, load_config
from sitegen.site.index import UrlCollision
from sitegen.site.parallel import default_jobs
from sitegen.site.theme import ThemeError

# Each command imports what only it needs when it runs (importing, normalizing, checking,
# deploying): a build does not wait for the readers, the normalizer or the deploy clients.

log = logging.getLogger("sitegen")
DEPLOY_FLAGS = ("branch", "cname", "endpoint_url")


class NotASite(Exception):
    """The --site folder has neither sitegen.yaml nor content/."""


def _say(args: argparse.Namespace, line: str) -> None:
    """Print a progress or summary line unless -q was given."""
    if not args.quiet:
        print(line)


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
    created = init_site(folder, args.title)
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
    report = import_paths(args.site, args.paths, disabled, bar, max_bytes, say=_warn)
    bar.close()
    for err in report.errors:
        _error(err.origin, err.message)
    for path in report.result.kept:
        print(
            f"kept: {_shown(path)}: edited by hand since import, not overwritten", file=sys.stderr
        )
    r = report.result
    _say(
        args,
        f"imported {len(r.written)}, updated {len(r.updated)}, unchanged {len(r.unchanged)}, "
        f"kept {len(r.kept)} (edited by hand), failed {len(report.errors)}",
    )
    return 1 if report.errors and not (r.written or r.updated or r.unchanged or r.kept) else 0


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
            for line, label, rule, text in explain(doc, disabled):
                print(f"{line:>5}  {label:<7} {rule:<15} {_shown(text)}")
            continue
        article = normalize(doc, disabled)
        sys.stdout.write(dump(article_meta(article), article.body))
    return 1 if errors else 0


def cmd_build(args: argparse.Namespace) -> int:
    config = with_base_url(_config(args), args.base_url)
    report = build_site(args.site, config, clean=args.clean, say=_warn, jobs=args.jobs)
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
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from sitegen.check import check_site

    config = _config(args)
    problems = check_site(args.site, config.base_path)
    for line in problems:
        print(line)
    _say(args, f"{len(problems)} problem(s)" if problems else "no problems found")
    return 1 if problems else 0


def cmd_serve(args: argparse.Namespace) -> int:
    from sitegen.serve import serve  # here, not at the top: only this command needs watchdog

    _config(args)
    return serve(args.site, args.host, args.port, args.strict, args.open, args.quiet)


def cmd_deploy(args: argparse.Namespace) -> int:
    from sitegen.deploy import DeployError

    try:
        return _deploy(args)
    except DeployError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _deploy(args: argparse.Namespace) -> int:
    from sitegen.deploy import deploy, named_target, parse_target
    from sitegen.progress import StatusLine

    config = _config(args)
    named = config["deploy"]
    spec, opts = named_target(args.target, named) if args.target in named else (args.target, {})
    opts = {**opts, **{k: v for k, v in vars(args).items() if k in DEPLOY_FLAGS and v}}
    target = parse_target(spec, opts)
    report = build_site(args.site, config)
    for err in report.errors:
        _error(err.origin, err.message)
    status = StatusLine(args.quiet)
    try:
        done = deploy(args.site / "build", target, args.delete, args.dry_run, status)
    finally:
        status.close()
    print(done.summary())
    return 0


def _global_options(p: argparse.ArgumentParser, site: object, flag: object) -> None:
    """--site, --strict and -q: accepted before or after the command."""
    p.add_argument("--site", type=Path, default=site, help="site folder (default: .)")
    p.add_argument("--strict", action="store_true", default=flag, help="config warnings are errors")
    p.add_argument("-q", "--quiet", action="store_true", default=flag, help="only print errors")


def parser() -> argparse.ArgumentParser:
    """The argument parser: global options and one subparser per command."""
    p = argparse.ArgumentParser(
        prog="sitegen", description="Build a static news digest from raw articles."
    )
    p.add_argument("--version", action="version", version=f"sitegen {__version__}")
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
    s.set_defaults(func=cmd_init)

    s = sub.add_parser(
        "import",
        parents=[common],
        help="import raw articles into content/articles",
        description="Normalize raw articles (.txt dumps, .md with front matter, "
        ".jsonl) into content/articles/<slug>.md. Files edited by hand are never overwritten.",
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
    s.add_argument("--clean", action="store_true", help="empty build/ first")
    s.add_argument(
        "--jobs",
        type=_positive,
        default=default_jobs(),
        metavar="N",
        help=f"render pages on N processes (default: the usable cores, here {default_jobs()})",
    )
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
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``sitegen`` console script."""
    args = parser().parse_args(argv)
    logging.basicConfig(
        level=logging.ERROR if args.quiet else logging.WARNING, format="warning: %(message)s"
    )
    try:
        return int(args.func(args))
    except ConfigError as exc:
        for warning in exc.warnings:
            print(f"warning: {exc.path}: {warning}", file=sys.stderr)
        for error in exc.errors:
            print(f"error: {exc.path}: {error}", file=sys.stderr)
        return 2
    except (ThemeError, UrlCollision, NotASite) as exc:  # DeployError: see cmd_deploy
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
