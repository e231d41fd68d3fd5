"""What sitegen tells a person when something goes wrong, and what its exit codes mean.

Every error meant for a person derives from :class:`SitegenError`; the command line turns any of
them into ``error:`` lines and the exit code the error carries. Anything else that escapes a
command is a bug in sitegen: one line, and the traceback written to a file.
"""

from __future__ import annotations

EXIT_OK = 0
"""Everything asked for was done."""
EXIT_PARTIAL = 1
"""Some inputs or targets failed, each named on its own ``error:`` line; the rest went through."""
EXIT_NOTHING = 2
"""Nothing was done: a usage error, a bad configuration or theme, the site lock held too long,
or an unexpected error."""


class SitegenError(Exception):
    """An error reported to a person as ``error:`` lines, ending the command."""

    exit_code: int = EXIT_NOTHING
    """What the command exits with when this error ends it."""

    def lines(self) -> list[str]:
        """What to print on standard error, one problem a line."""
        return [f"error: {self}"]
