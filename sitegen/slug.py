"""Safe, readable file and URL names."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection

MAX_LEN = 80
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)
"""Names Windows gives to devices: no file or folder may bear them (``nul.md`` neither), so a
site with one cannot be checked out there."""


def slugify(text: str, fallback: str = "item") -> str:
    """Lower-case ASCII letters, digits, ``-`` and ``_`` only; never empty, never dot-led."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9_]+", "-", ascii_text.lower()).strip("-_")[:MAX_LEN].strip("-_")
    if not slug:
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
        slug = f"{fallback}-{digest}"
    if slug in WINDOWS_RESERVED:
        slug = f"{slug}-{fallback}"
    return slug


def unique_slug(text: str, taken: Collection[str], fallback: str = "item") -> str:
    """A slug for ``text`` not in ``taken`` (adds ``-2``, ``-3``... when needed)."""
    base = slugify(text, fallback)
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug
