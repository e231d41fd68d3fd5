"""OPML 2.0: the subscription lists feed readers import and export.

Reading treats the file as hostile input: it is parsed by expat with any DOCTYPE refused (so no
entity, internal or external, is ever declared or expanded), its size is capped, and nothing it
names is fetched (an ``include`` outline is reported, not followed).  Every ``<outline>`` with an
``xmlUrl``, at any depth, is one subscription: category folders are flattened.

sitegen's own options travel as attributes in its namespace (:data:`NAMESPACE`), so a list
exported by one site and imported by another keeps every option exactly::

    <outline type="rss" text="Harbour Courier" title="Harbour Courier"
             xmlUrl="https://courier.example/rss" sitegen:full_text="always"
             sitegen:include='["harbour","/\\\\bports?\\\\b/"]' sitegen:language="en"/>

``sitegen:include`` and ``sitegen:exclude`` are JSON lists of patterns; a plain ``language``
attribute is read when ``sitegen:language`` is absent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any
from xml.parsers import expat

from sitegen.model import ReadError
from sitegen.subscribe.feeds import Subscription, parse_subscription

NAMESPACE = "https://sitegen.dev/opml/1"
"""The namespace of sitegen's own outline attributes (prefix ``sitegen:`` on export)."""
MAX_BYTES = 5 * 2**20
"""OPML files larger than this are refused unread (a reader's list of feeds is a few KB)."""
LINE_CHARS = 300
"""Most characters of the reason given for a skipped outline."""
_SEP = " "
"""expat's separator between a namespace and a local name (a space never occurs in either)."""
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot carry, not even as character references."""


@dataclass(frozen=True, slots=True)
class Outlines:
    """What an OPML file lists."""

    subscriptions: tuple[Subscription, ...]
    """One per feed outline, in document order; a URL listed again (a feed in two folders)
    is kept once, as first listed."""
    skipped: tuple[ReadError, ...]
    """Outlines that are not usable subscriptions, each with a one-line reason naming its line."""


class _Refused(Exception):
    """Raised from inside an expat handler to stop the parse."""


def parse_opml(data: bytes, origin: str) -> list[Subscription]:
    """The subscriptions an OPML file lists (see :func:`read_opml` for the skipped outlines).
    Raises ValueError, one line naming ``origin``, when the file is not usable OPML."""
    return list(read_opml(data, origin).subscriptions)


def read_opml(data: bytes, origin: str) -> Outlines:
    """Every feed outline of an OPML file, and a reason for each outline that is skipped.
    Raises ValueError, one line naming ``origin``, for a file too large, not well-formed, with
    a DOCTYPE or entity declaration, or whose root is not ``<opml>``."""
    if len(data) > MAX_BYTES:
        raise ValueError(f"{origin}: larger than {MAX_BYTES // 2**20} MB, not read")
    found: list[tuple[int, dict[str, str]]] = []
    parser = _parser(found)
    try:
        parser.Parse(data, True)
    except _Refused as exc:
        raise ValueError(f"{origin}: {exc}") from None
    except expat.ExpatError as exc:
        raise ValueError(
            f"{origin}: line {exc.lineno}, column {exc.offset + 1}: not well-formed XML "
            f"({expat.ErrorString(exc.code)})"
        ) from None
    subs: list[Subscription] = []
    skipped: list[ReadError] = []
    seen: set[str] = set()
    for line, attrs in found:
        sub = _subscription(attrs)
        if isinstance(sub, str):
            label = _cut(attrs.get("title") or attrs.get("text") or attrs.get("xmlurl") or "", 80)
            reason = _cut(f"outline {label!r}: {sub}", LINE_CHARS)
            skipped.append(ReadError(origin, f"line {line}: {reason}, skipped"))
        elif sub.url not in seen:
            seen.add(sub.url)
            subs.append(sub)
    return Outlines(tuple(subs), tuple(skipped))


def _cut(text: str, limit: int) -> str:
    """``text``, or its first ``limit`` characters and an ellipsis (a hostile file's titles and
    URLs can be megabytes long)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _parser(found: list[tuple[int, dict[str, str]]]) -> Any:
    """An expat parser that refuses any DTD and appends each ``<outline>`` that names a feed
    or an include (its line, and its attributes, see :func:`_attributes`) to ``found``."""
    parser = expat.ParserCreate(namespace_separator=_SEP)
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    root = True

    def doctype(*_: object) -> None:
        raise _Refused(f"line {parser.CurrentLineNumber}: a DOCTYPE is not allowed in OPML")

    def entity(*_: object) -> None:
        raise _Refused(f"line {parser.CurrentLineNumber}: an ENTITY is not allowed in OPML")

    def external(*_: object) -> int:
        raise _Refused(f"line {parser.CurrentLineNumber}: an external entity is not allowed")

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal root
        local = name.rsplit(_SEP, 1)[-1]
        if root and local != "opml":
            raise _Refused(f"not an OPML file (its root element is <{local}>)")
        root = False
        if local == "outline":
            attrs = _attributes(attributes)
            if "xmlurl" in attrs or attrs.get("type", "").lower() == "include":
                found.append((parser.CurrentLineNumber, attrs))

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = entity
    parser.UnparsedEntityDeclHandler = entity
    parser.ExternalEntityRefHandler = external
    parser.StartElementHandler = start
    return parser


def _attributes(attributes: Mapping[str, str]) -> dict[str, str]:
    """An outline's attributes by name: plain ones in lower case (readers differ on
    ``xmlUrl`` or ``xmlurl``), sitegen's own as ``sitegen:NAME``, other namespaces dropped."""
    out: dict[str, str] = {}
    for name, value in attributes.items():
        space, _, local = name.rpartition(_SEP)
        if not space:
            out[local.lower()] = value
        elif space == NAMESPACE:
            out[f"sitegen:{local}"] = value
    return out


def _subscription(attrs: Mapping[str, str]) -> Subscription | str:
    """One outline as a subscription, or why it is not one."""
    if "xmlurl" not in attrs:
        return f"an OPML include of {attrs.get('url', '')!r}, not fetched"
    url = attrs["xmlurl"].strip()
    item: dict[str, Any] = {"url": url}
    name = _name(attrs.get("title") or attrs.get("text") or "")
    if name and not (name == url and "title" not in attrs):  # text="URL": a feed without a name
        item["name"] = name
    if "sitegen:full_text" in attrs:
        item["full_text"] = attrs["sitegen:full_text"]
    for key in ("include", "exclude"):
        if f"sitegen:{key}" in attrs:
            patterns = _json_list(attrs[f"sitegen:{key}"])
            if patterns is None:
                return f"sitegen:{key}: must be a JSON list of patterns"
            item[key] = patterns
    language = attrs.get("sitegen:language")
    if language is not None:
        item["language"] = language
    sub = parse_subscription(item)
    plain = attrs.get("language", "").strip()
    if not isinstance(sub, str) and language is None and plain:
        with_language = parse_subscription({**item, "language": plain})
        if not isinstance(with_language, str):  # a plain language attribute that is no tag
            sub = with_language  # (`English`, say) is ignored, not a reason to skip the feed
    return sub


def _name(text: str) -> str:
    """A title as one line: a title that spans lines has its white space collapsed."""
    return " ".join(text.split()) if "\n" in text else text.strip()


def _json_list(text: str) -> list[Any] | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, list) else None


def opml_bytes(subs: Sequence[Subscription], title: str, created: datetime | None = None) -> bytes:
    """An OPML 2.0 document listing ``subs`` in order, UTF-8.  The same subscriptions and
    ``created`` (default: now) always give the same bytes.  Characters XML cannot carry
    (control characters other than tab and line breaks) are left out of names and the title;
    patterns keep them, as JSON escapes."""
    when = format_datetime((created or datetime.now(UTC)).astimezone(UTC), usegmt=True)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<opml version="2.0" xmlns:sitegen={_quoted(NAMESPACE)}>',
        "  <head>",
        f"    <title>{_escaped(title)}</title>",
        f"    <dateCreated>{when}</dateCreated>",
        "  </head>",
        "  <body>",
        *(f"    <outline {_outline(sub)}/>" for sub in subs),
        "  </body>",
        "</opml>",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _outline(sub: Subscription) -> str:
    """The attributes of one feed's outline, in a fixed order."""
    attrs = [("type", "rss"), ("text", sub.name or sub.url)]
    if sub.name:
        attrs.append(("title", sub.name))
    attrs.append(("xmlUrl", sub.url))
    if sub.full_text != "auto":
        attrs.append(("sitegen:full_text", sub.full_text))
    if sub.include:
        attrs.append(("sitegen:include", _json(sub.include)))
    if sub.exclude:
        attrs.append(("sitegen:exclude", _json(sub.exclude)))
    if sub.language:
        attrs.append(("sitegen:language", sub.language))
    return " ".join(f"{name}={_quoted(value)}" for name, value in attrs)


def _json(patterns: Sequence[str]) -> str:
    """A JSON list whose every character XML can carry: a character it cannot is written as
    a JSON escape (JSON already escapes the control characters)."""
    text = json.dumps(list(patterns), ensure_ascii=False, separators=(",", ":"))
    return _NOT_XML.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


def _escaped(text: str) -> str:
    """Text for element content: markup characters escaped, characters XML cannot carry
    dropped."""
    text = _NOT_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _quoted(text: str) -> str:
    """An attribute value that reads back as ``text``: in double quotes, or in single ones
    when it holds only double ones (a JSON list); the quote used escaped, and tabs and line
    breaks as character references (a parser turns literal ones into spaces)."""
    quote = "'" if '"' in text and "'" not in text else '"'
    text = _escaped(text).replace(quote, "&quot;" if quote == '"' else "&apos;")
    text = text.replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")
    return quote + text + quote
