"""What went wrong in a rebuild, as the overlay shows it: a file, a line and a message."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from jinja2 import TemplateSyntaxError

from sitegen.config import ConfigError
from sitegen.model import ReadError
from sitegen.site.template_errors import TemplateFailure, failure, location, shown_path

_LINE = re.compile(r"\bline (\d+)\b")


@dataclass(frozen=True, slots=True)
class Problem:
    """One error to show in the page and on the terminal."""

    file: str
    """The file at fault, relative to the site when it is inside it ("" if none is known)."""
    line: int | None
    """1-based line in that file, when known."""
    message: str
    """One line saying what is wrong."""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}" if where else self.message

    def as_json(self) -> dict[str, object]:
        """The problem as the reload script receives it."""
        return {"file": self.file, "line": self.line, "message": self.message}


def from_read_error(site: Path, err: ReadError) -> Problem:
    """A content file that could not be loaded (its message may name a line)."""
    match = _LINE.search(err.message)
    return Problem(
        shown_path(site, err.origin), int(match.group(1)) if match else None, err.message
    )


def _yaml_line(path: Path) -> int | None:
    """The line of the first YAML syntax error in ``path``, if it has one."""
    try:
        yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return int(mark.line) + 1 if mark is not None else None
    except (OSError, UnicodeDecodeError):
        return None
    return None


def from_exception(site: Path, exc: BaseException) -> Problem:
    """The best file, line and message an exception from a rebuild gives."""
    if isinstance(exc, TemplateFailure):
        return Problem(exc.file, exc.line, exc.message)
    if isinstance(exc, ConfigError):
        message = "; ".join(exc.errors) or str(exc)
        return Problem(shown_path(site, exc.path), _yaml_line(exc.path), message)
    if isinstance(exc, TemplateSyntaxError) or location(exc) is not None:
        return from_exception(site, failure(site, exc))
    message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return Problem("", None, f"{type(exc).__name__}: {message}")
