"""``content/events/registry.json``: the event ids and page slugs of the last build, kept
for stable URLs.

sitegen writes this file on every build (only when it changes); commit it with
the content so that event pages keep their addresses wherever the site is built.
It is machine-maintained: a person steers events with ``content/events/<id>.md``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from sitegen.errors import SitegenError
from sitegen.fsutil import atomic_write
from sitegen.model import Addresses, Grouping, Registry

REGISTRY = Path("content/events/registry.json")
VERSION = 3
"""Version 2 adds ``addresses`` and ``moved`` (article, source and name slugs); a version 1
file reads as one without them, and the slugs of that build are handed out again.  Version 3
adds ``seen``, the update each article first appeared in; in an older file, the articles it
lists were seen before updates were recorded."""


class RegistryError(SitegenError, ValueError):
    """The registry file is unreadable; the build goes on as if it were absent."""


def load_registry(site: Path) -> Registry:
    """The registry of the last build; an absent file is an empty registry."""
    path = site / REGISTRY
    if not path.is_file():
        return Registry()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        events = {str(k): tuple(str(a) for a in v) for k, v in data["events"].items()}
        redirects = {str(k): str(v) for k, v in data.get("redirects", {}).items()}
        addresses = Addresses(_by_kind(data.get("addresses", {})), _by_kind(data.get("moved", {})))
        seen = _strings(data.get("seen", {}))
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RegistryError(
            f"{path}: unreadable ({type(exc).__name__}), event ids start afresh"
        ) from None
    return Registry(events, redirects, addresses, seen)


def _strings(data: object) -> dict[str, str]:
    """``{name: text}`` of JSON, every key and value a string (else TypeError)."""
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise TypeError("not a mapping of strings")
    return {str(k): v for k, v in data.items()}


def _by_kind(data: object) -> dict[str, dict[str, str]]:
    """``{kind: {name: slug}}`` of JSON, every key and value a string (else TypeError)."""
    if not isinstance(data, dict):
        raise TypeError("not a mapping")
    out: dict[str, dict[str, str]] = {}
    for kind, names in data.items():
        if not isinstance(names, dict) or not all(isinstance(v, str) for v in names.values()):
            raise TypeError(f"{kind}: not a mapping of strings")
        out[str(kind)] = dict(names)
    return out


def registry_bytes(
    grouping: Grouping, addresses: Addresses, seen: Mapping[str, str] | None = None
) -> bytes:
    """The registry for a grouping, the slugs its index handed out and the update each
    article first appeared in, serialised deterministically."""
    data = {
        "version": VERSION,
        "events": {e.id: list(e.article_ids) for e in sorted(grouping.events, key=lambda e: e.id)},
        "redirects": dict(sorted(grouping.redirects.items())),
        "addresses": addresses.slugs,
        "moved": addresses.moved,
        "seen": dict(sorted((seen or {}).items())),
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def save_registry(
    site: Path, grouping: Grouping, addresses: Addresses, seen: Mapping[str, str] | None = None
) -> bool:
    """Write the registry if it changed; returns whether it was written."""
    path = site / REGISTRY
    data = registry_bytes(grouping, addresses, seen)
    if path.is_file() and path.read_bytes() == data:
        return False
    atomic_write(path, data)
    return True
