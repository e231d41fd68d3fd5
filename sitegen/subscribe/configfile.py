"""Adding feeds to ``sitegen.yaml`` as a person would: by editing its text.

The file is a person's, with their comments, order and quoting, so it is never dumped again
through a YAML library.  New items are inserted as text right after the last item of the
top-level block ``feeds:`` list (at its indentation), or appended as a new ``feeds:`` list
when there is none; every other byte stays where it was.  The result is read back and
validated before it atomically replaces the file; anything that does not read back as the
old configuration plus the new feeds leaves the file untouched.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from sitegen.config import CONFIG_FILE, ConfigError, load_config
from sitegen.errors import SitegenError
from sitegen.fsutil import atomic_write
from sitegen.subscribe.feeds import Subscription, as_config, subscriptions

INDENT = 2
"""Where the dashes of a new ``feeds:`` list go (the same as the examples in the README)."""


class ConfigEditError(SitegenError):
    """``sitegen.yaml`` cannot be edited safely; the message says what the person should
    change. The file is untouched."""


def add_feeds(site: Path, subs: Sequence[Subscription]) -> tuple[int, int]:
    """Add the subscriptions not already listed (by URL) to ``site/sitegen.yaml``'s ``feeds:``
    list; returns (added, already listed).  Raises :class:`ConfigEditError` (or the
    :class:`ConfigError` of a file that does not validate) with the file untouched."""
    path = site / CONFIG_FILE
    existed = path.is_file()
    old = path.read_bytes() if existed else b""
    config = load_config(site)  # a file that does not validate now is the person's to fix
    listed = {sub.url for sub in subscriptions(config["feeds"])}
    new: list[Subscription] = []
    for sub in subs:
        if sub.url not in listed:
            listed.add(sub.url)
            new.append(sub)
    if not new:
        return 0, len(subs)
    text = old.decode("utf-8")  # load_config has read it as UTF-8
    items = [as_config(sub) for sub in new]
    edited = with_items(text, items, path)
    _check(path, text, edited, items)
    if not atomic_write(path, edited.encode("utf-8"), unless_changed_from=old if existed else None):
        raise ConfigEditError(f"{path}: changed while feeds were being added; run again")
    return len(new), len(subs) - len(new)


def with_items(text: str, items: Sequence[object], path: Path = Path(CONFIG_FILE)) -> str:
    """``text`` (a ``sitegen.yaml``) with ``items`` added to its top-level ``feeds:`` list."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        what = " ".join(str(exc).split())
        raise ConfigEditError(f"{path}: not valid YAML ({what}); fix it and run again") from None
    if root is None:
        return _appended(text, items)
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise ConfigEditError(
            f"{path}: the top level is not a block mapping (`key: value` lines); "
            "add the feeds by hand"
        )
    found = [(k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == "feeds"]
    if not found:
        return _appended(text, items)
    if len(found) > 1:
        raise ConfigEditError(f"{path}: `feeds:` is there twice; keep one and run again")
    key, value = found[0]
    line = key.start_mark.line + 1
    if value.start_mark.index < key.end_mark.index:  # an alias (`feeds: *list`)
        raise ConfigEditError(f"{path}: line {line}: `feeds:` is an alias; write the list there")
    if isinstance(value, yaml.MappingNode):
        raise ConfigEditError(
            f"{path}: line {line}: `feeds:` is the old section of Atom options "
            "(`feeds.max_items` is now `atom.max_items`): move `max_items` under `atom:`, "
            "then run again to get a `feeds:` list"
        )
    if isinstance(value, yaml.SequenceNode) and not value.flow_style:
        return _inserted(text, value, items)
    kind = "a flow-style list ([...])" if isinstance(value, yaml.SequenceNode) else "not a list"
    raise ConfigEditError(
        f"{path}: line {line}: `feeds:` is {kind}; write it as a block list "
        "(one `- URL` line per feed, under `feeds:`) and run again"
    )


def _block(items: Sequence[object], dash: int, gap: int) -> str:
    """``items`` as lines of a block list whose dashes are at column ``dash``, each followed
    by ``gap`` columns before the item, written by ``yaml.safe_dump`` so they read back
    exactly."""
    out: list[str] = []
    for item in items:
        first, *rest = _dumped(item).splitlines()
        out.append(" " * dash + "-" + " " * (gap - 1) + first[2:])
        out.extend(" " * (dash + gap) + _unindented(line) for line in rest)
    return "".join(line + "\n" for line in out)


def _dumped(item: object) -> str:
    """``item`` as a one-item YAML list that reads back as itself: its text as it is where
    PyYAML keeps that exact (it writes a NEL or a line separator as is, which reads back as a
    line break), else with every character past ASCII escaped."""
    for readable in (True, False):
        dumped = yaml.safe_dump(
            [item], default_flow_style=False, allow_unicode=readable, sort_keys=False, width=10**9
        )
        if yaml.safe_load(dumped) == [item]:
            return dumped
    raise ConfigEditError(f"cannot write {item!r} as YAML that reads back as itself")


def _unindented(line: str) -> str:
    """A line of an item after its first, without the two columns PyYAML indents it by."""
    return line[2:] if line.startswith("  ") else line


def _appended(text: str, items: Sequence[object]) -> str:
    """``text`` with a new ``feeds:`` list at its end."""
    if text.strip() and not text.endswith("\n\n"):  # a blank line before the new section
        text += "\n" if text.endswith("\n") else "\n\n"
    return text + "feeds:\n" + _block(items, INDENT, 2)


def _inserted(text: str, seq: yaml.SequenceNode, items: Sequence[object]) -> str:
    """``text`` with ``items`` right after the last item of the block list ``seq``."""
    dash = seq.start_mark.column  # a block list starts at its first dash
    first = seq.value[0]
    gap = first.start_mark.column - dash
    if first.start_mark.line != seq.start_mark.line or not 2 <= gap <= 8:
        gap = 2
    return _put(text, _line_end(text, _end(seq.value[-1])), _block(items, dash, gap))


def _put(text: str, at: int, lines: str) -> str:
    """``text`` with ``lines`` inserted at ``at``, the start of a line or the end of the text
    (which gets its missing final newline first)."""
    if at == len(text) and text and not text.endswith("\n"):
        return text + "\n" + lines
    return text[:at] + lines + text[at:]


def _end(node: yaml.Node) -> int:
    """Where a node's own text ends.  A block collection's end mark lies at the next token
    (past any comment lines after it), so its last item's end is taken instead."""
    while isinstance(node, yaml.CollectionNode) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return int(node.end_mark.index)


def _line_end(text: str, index: int) -> int:
    """The start of the line after the one ``index`` is on (``index`` itself when it starts a
    line, as after a block scalar), or the end of the text."""
    if index > 0 and text[index - 1] == "\n":
        return index
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _check(path: Path, old: str, edited: str, items: Sequence[object]) -> None:
    """Raise unless ``edited`` reads as ``old`` with ``items`` added to ``feeds:`` and nothing
    else changed, and validates as a configuration."""
    before: Any = yaml.safe_load(old) or {}
    try:
        after: Any = yaml.safe_load(edited)
    except yaml.YAMLError:
        after = None
    expected = {**before, "feeds": [*(before.get("feeds") or []), *items]}
    if after != expected:
        raise ConfigEditError(
            f"{path}: adding the feeds as text would change its meaning (an unusual layout); "
            "add them by hand, or write `feeds:` as a block list at the end of the file"
        )
    try:
        _validated(edited)
    except ConfigError as exc:
        raise ConfigError(path, [f"with the new feeds: {e}" for e in exc.errors]) from None


def _validated(edited: str) -> None:
    """``load_config`` on the edited text, as the file of a scratch site."""
    with tempfile.TemporaryDirectory(prefix="sitegen-feeds-") as scratch:
        (Path(scratch) / CONFIG_FILE).write_text(edited, encoding="utf-8")
        load_config(Path(scratch))
