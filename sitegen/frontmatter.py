"""Markdown files with YAML front matter: split, parse, and write them back."""

from __future__ import annotations

import re
from typing import Any

import yaml

from sitegen.errors import SitegenError

FENCE = "---"


class FrontMatterError(SitegenError, ValueError):
    """The front matter is not a YAML mapping."""


def split(text: str) -> tuple[dict[str, Any], str]:
    """Return ``(front matter, body)``; a text without a leading ``---`` block has none."""
    text = text.lstrip("\ufeff")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        return {}, text
    for i in range(1, len(lines)):
        if lines[i].rstrip() in (FENCE, "..."):
            head = "\n".join(lines[1:i])
            body = "\n".join(lines[i + 1 :])
            return parse(head), body.lstrip("\n")
    raise FrontMatterError("front matter starts with --- but never ends")


class _Loader(yaml.SafeLoader):
    """The safe loader without aliases (``*name``): a few lines of them can stand for
    billions of values (a YAML "billion laughs"), and front matter has no need of them."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            alias: yaml.AliasEvent = self.peek_event()  # type: ignore[no-untyped-call]
            mark = alias.start_mark
            where = f" (line {mark.line + 2})" if mark is not None else ""
            raise FrontMatterError(f"front matter uses a YAML alias{where}, not allowed")
        return super().compose_node(parent, index)


_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(value: Any) -> Any:
    """``value`` with every lone surrogate (a ``"\\ud800"`` escape in YAML or JSON) in its
    strings, lists and mappings replaced by U+FFFD: such text cannot be written as UTF-8."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [scrub(v) for v in value]
    if isinstance(value, dict):
        return {scrub(k): scrub(v) for k, v in value.items()}
    return value


_FAST = getattr(yaml, "CSafeLoader", None)
"""libyaml's safe loader: ten times faster, but it follows aliases and recurses in C (deep
nesting crashes the process), so it only gets heads that can have neither."""
_NESTING = re.compile(r"^[ ?-]*", re.MULTILINE)
MAX_FAST_NESTING = 64


def _plain(head: str) -> bool:
    """True if ``head`` has no anchors or aliases and is nested at most a few levels deep."""
    if "&" in head or "*" in head or head.count("[") + head.count("{") > MAX_FAST_NESTING:
        return False
    return max((len(m) for m in _NESTING.findall(head)), default=0) <= MAX_FAST_NESTING


def _load(head: str) -> Any:
    if _FAST is not None and _plain(head):
        try:
            return yaml.load(head, Loader=_FAST)  # noqa: S506 - libyaml's SafeLoader
        except yaml.YAMLError:
            pass  # the pure loader says what is wrong, in its own words
    return yaml.load(head, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


def parse(head: str) -> dict[str, Any]:
    """Parse a front-matter block with the safe loader (no aliases); it must be a mapping."""
    try:
        data = scrub(_load(head))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise FrontMatterError(f"front matter is not valid YAML{where}") from None
    except RecursionError:
        raise FrontMatterError("front matter is nested too deeply") from None
    except (ValueError, OverflowError) as exc:  # PyYAML's own, for 2024-02-30 or a huge number
        raise FrontMatterError(f"front matter is not valid YAML: {exc}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise FrontMatterError("front matter must be a mapping of keys to values")
    return {str(k): v for k, v in data.items()}


_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


_SafeDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
"""libyaml's emitter when PyYAML has it (seven times faster, the same text), else PyYAML's."""


class _Dumper(_SafeDumper):  # type: ignore[valid-type,misc]
    """Safe dumping, with strings holding control or line-separator characters written
    double-quoted (escaped), so that they read back exactly."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if _UNSAFE.search(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def dump(meta: dict[str, Any], body: str) -> str:
    """Serialize front matter and body into one document (keys kept in the given order)."""
    head = yaml.dump(
        meta,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=10_000,
    )
    return f"{FENCE}\n{head}{FENCE}\n\n{body.strip()}\n"
