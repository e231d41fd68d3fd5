"""Where a template went wrong: the template file and line of a Jinja error.

Jinja maps a template's frames to its source lines, so the innermost frame that is not Python
code names the template at fault. A page rendered on a worker process comes back with the
worker's traceback only as text (``multiprocessing``'s ``RemoteTraceback``), which is read the
same way.
"""

from __future__ import annotations

import re
import traceback
from pathlib import Path

from jinja2 import TemplateSyntaxError

from sitegen.errors import SitegenError

_FRAME = re.compile(r'File "([^"]+)", line (\d+)')


class TemplateFailure(SitegenError):
    """A theme or site template failed to compile or to render a page."""

    def __init__(self, file: str, line: int | None, message: str) -> None:
        self.file = file
        self.line = line
        self.message = message
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}" if where else message)


def _template_file(name: str) -> bool:
    return bool(name) and not name.endswith(".py") and not name.startswith("<")


def location(exc: BaseException) -> tuple[str, int] | None:
    """The innermost template file and line in ``exc``'s traceback, if there is one."""
    if isinstance(exc, TemplateSyntaxError) and (exc.filename or exc.name):
        return (exc.filename or exc.name or "", exc.lineno)
    found = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if _template_file(frame.filename) and frame.lineno:
            found = (frame.filename, frame.lineno)
    if found is None and exc.__cause__ is not None:  # a worker's traceback, as text
        for name, line in _FRAME.findall(str(exc.__cause__)):
            if _template_file(name):
                found = (name, int(line))
    return found


def shown_path(site: Path, path: Path | str) -> str:
    """``path`` relative to the site when it lies inside it, else as given."""
    try:
        return Path(path).resolve().relative_to(site.resolve()).as_posix()
    except (ValueError, OSError):
        return str(path)


def failure(site: Path, exc: BaseException) -> TemplateFailure:
    """``exc`` (raised while compiling or rendering templates) as file, line and one line of
    message; the file is shown relative to the site when it lies inside it."""
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if isinstance(exc, TemplateSyntaxError):
        message = exc.message or message
    else:  # UndefinedError, TypeError, ...: the kind of error says much of what went wrong
        message = f"{type(exc).__name__}: {message}"
    found = location(exc)
    if found is None:
        return TemplateFailure("", None, message)
    return TemplateFailure(shown_path(site, found[0]), found[1], message)
