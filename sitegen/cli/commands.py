"""The site's commands: ``init``, ``import``, ``normalize``, ``build``, ``check``, ``serve``,
``config`` and ``deploy``.

Each command imports what only it needs when it runs (importing, normalizing, checking,
deploying): a build does not wait for the readers, the normalizer or the deploy clients."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitegen.build import build_site, with_base_url
from sitegen.cli.common import (
    DEPLOY_FLAGS,
    _build_or_deploy,
    _config,
    _error,
    _say,
    _shown,
    _warn,
)
from sitegen.errors import EXIT_OK, EXIT_PARTIAL


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


def cmd_deploy(args: argparse.Namespace) -> int:
    config = _config(args)
    flags = {k: v for k, v in vars(args).items() if k in DEPLOY_FLAGS and v}
    return _build_or_deploy(args, config, args.target, flags, args.delete, args.dry_run)
