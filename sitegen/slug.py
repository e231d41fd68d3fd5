"""Safe, readable file and URL names."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection

from anyascii import anyascii

MAX_LEN = 80
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)
"""Names Windows gives to devices: no file or folder may bear them (``nul.md`` neither), so a
site with one cannot be checked out there."""


_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")
_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])")
"""Where one transliterated syllable ends and the next begins (``BeiJing``)."""


def _latin(run: str) -> str:
    """A run of non-ASCII text in Latin letters: each letter transliterated (anyascii, pinned
    in the lock: the same text always gives the same slug), syllables apart; symbols and
    pictographs dropped."""
    letters = "".join(
        c if unicodedata.category(c)[0] in "LMN" else " " for c in unicodedata.normalize("NFC", run)
    )
    return " ".join(_HUMP.sub(" ", anyascii(word)) for word in letters.split())


def _unaccented(text: str) -> str:
    """``text`` with the accents off its Latin letters (São -> Sao, ﬁ -> fi); the marks of
    other scripts are part of their letters (ピ is not ヒ) and stay."""
    out = []
    for c in unicodedata.normalize("NFC", text):
        if c.isascii() or not unicodedata.name(c, "").startswith("LATIN"):
            out.append(c)
        else:
            parts = unicodedata.normalize("NFKD", c)
            out.append("".join(d for d in parts if unicodedata.category(d) != "Mn"))
    return "".join(out)


def _transliterated(found: re.Match[str]) -> str:
    """A run of non-ASCII text: Latin letters (ß, ø) as they are spelt within their word,
    other scripts as words of their own."""
    run = found.group(0)
    if all(unicodedata.name(c, "").startswith("LATIN") for c in run):
        return anyascii(run)
    return " " + _latin(run) + " "


def slugify(text: str, fallback: str = "item") -> str:
    """Lower-case ASCII letters, digits, ``-`` and ``_`` only; never empty, never dot-led.
    Text in other scripts is transliterated (``Путин`` -> ``putin``, ``北京`` -> ``bei-jing``),
    accents dropped."""
    ascii_text = _NOT_ASCII.sub(_transliterated, _unaccented(text))
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
