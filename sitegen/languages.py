"""Language tags as sitegen reads them (BCP 47's common shape: ``en``, ``pt-BR``, ``zh-Hant``).

Front matter, feeds and ``sitegen.yaml`` all give languages as tags; a tag is taken only in
this shape, and two tags are the same language when their first part is (``pt``, ``pt-BR``).
"""

from __future__ import annotations

import re

_TAG = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def language_tag(value: object) -> str | None:
    """``value`` if it is a well-formed language tag, else None (it is input like any other)."""
    return value if isinstance(value, str) and _TAG.fullmatch(value) else None


def primary(tag: str) -> str:
    """A tag's language, lower case: ``pt`` of ``pt-BR`` (and of ``pt_BR``, a locale's name)."""
    return tag.replace("_", "-").split("-", 1)[0].lower()
