"""Markdown paragraphs as the plain text the digest reads and quotes: escapes, block
markers, emphasis and line breaks removed, inline characters left as they are."""

from __future__ import annotations

import re

_EMPHASIS = re.compile(r"(?<![\w*\\])(\*{1,2})(?=\S)(.+?)(?<=[^\s\\])\1(?![\w*])")
"""Emphasis as Markdown writes it (``*a*``, ``**a**``): the delimiters go, the words stay. A
star inside a word (``7*7``) or escaped (``\\*``) is a character of the text."""
_ESCAPE = re.compile(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
_HEADING = re.compile(r"^ {0,3}(#{1,6}(\s|$)|(```|~~~)|([-*_] *){3,}$)")
_LINE_MARK = re.compile(r"^ {0,3}(?:> ?)*(?:[-+*] +|\d{1,9}[.)] +)?")
_SPACE = re.compile(r"\s+")
_MARKS = frozenset("#>-+*_`~ \t0123456789")
"""Characters that can start a Markdown block marker: paragraphs that start otherwise and
hold no backslash or line break are plain text already."""


def plain_text(markdown: str) -> str:
    """One Markdown paragraph as plain text: escapes, block markers and line breaks removed.

    Inline characters (``*``, ``_``, brackets, ``<``...) stay as they are: the
    normalizer leaves them literal, and the template escapes them on output.
    Headings, fences and rules are not prose and give the empty string.
    """
    if (
        "\\" not in markdown
        and "\n" not in markdown
        and "*" not in markdown
        and markdown[:1] not in _MARKS
    ):
        return _SPACE.sub(" ", markdown).strip()
    if _HEADING.match(markdown):
        return ""
    lines = (_LINE_MARK.sub("", line, count=1) for line in markdown.splitlines())
    text = " ".join(line.removesuffix("\\").strip() for line in lines)
    text = _EMPHASIS.sub(r"\2", text)
    return _SPACE.sub(" ", _ESCAPE.sub(r"\1", text)).strip()


def paragraphs(body: str) -> list[str]:
    """The prose paragraphs of a Markdown body, each as plain text."""
    out = (plain_text(p) for p in re.split(r"\n[ \t]*\n", body))
    return [p for p in out if p]
