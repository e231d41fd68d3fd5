"""The checks of ``sitegen.yaml`` values that :data:`sitegen.config.OPTIONS` declares: each
takes a value of the declared type and says what is wrong with it, or None."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sitegen import languages


def url(value: Any) -> str | None:
    if not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", value):
        return (
            "must be an absolute http(s) URL without query or fragment, e.g. https://example.org/"
        )
    return None


def unit(value: Any) -> str | None:
    return None if 0.0 <= float(value) <= 1.0 else "must be between 0 and 1"


def positive(value: Any) -> str | None:
    return None if value > 0 else "must be greater than 0"


def not_negative(value: Any) -> str | None:
    return None if value >= 0 else "must be 0 or more"


def plain_name(value: Any) -> str | None:
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", value) or value.startswith("."):
        return "must be a plain folder name (letters, digits, _ . -)"
    return None


def targets(value: Any) -> str | None:
    for name, entry in value.items():
        if isinstance(entry, str):
            continue
        if not isinstance(entry, Mapping) or not isinstance(entry.get("target"), str):
            return f"{name}: must be a target string or a mapping with a `target` string"
    return None


def language_tags(value: Any) -> str | None:
    for tag in value:
        if not isinstance(tag, str) or language_tag(tag):
            return f"{tag!r}: must be a language tag like en or pt-BR"
    return None


def image_mode(value: Any) -> str | None:
    return None if value in ("link", "none") else "must be link or none"


def language_tag(value: Any) -> str | None:
    return None if languages.language_tag(value) else "must be a language tag like en or pt-BR"
