"""The ``sitegen`` command: parses arguments and calls one stage per subcommand.

``arguments`` holds the parser; ``commands`` the site's commands, ``feeds`` those of its
feeds; ``common`` what they share.  :func:`main` alone prints errors, as ``error:`` lines,
and turns anything unexpected into one line and a traceback file."""

from __future__ import annotations

import errno
import logging
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence

from sitegen import __version__
from sitegen.cli.arguments import parser
from sitegen.cli.common import INPUT_FORMATS, NotASite, _shown
from sitegen.errors import EXIT_NOTHING, EXIT_OK, SitegenError

__all__ = ["INPUT_FORMATS", "NotASite", "main", "parser"]


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
