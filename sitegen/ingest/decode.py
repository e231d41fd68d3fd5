"""Turning raw bytes into text: BOMs, UTF-8, detected legacy charsets, mojibake repair."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_MOJIBAKE = re.compile(r"[ÃÂâ][\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ¡-¿]")
"""UTF-8 read as cp1252/latin-1: "â€™" for ’, "Ã©" for é."""


def repair_mojibake(line: str) -> str:
    """Undo UTF-8 text that was decoded as cp1252 once (per line, only when it helps)."""
    if not _MOJIBAKE.search(line):
        return line
    for legacy in ("cp1252", "latin-1"):
        try:
            fixed = line.encode(legacy).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if len(_MOJIBAKE.findall(fixed)) < len(_MOJIBAKE.findall(line)):
            return fixed
    return line


WESTERN_SHARE = 0.3
"""Text read as cp1252 with fewer non-ASCII letters than this is taken as Western text."""


def _detect(data: bytes) -> str:
    """cp1252 when it reads as Western text (most legacy web text is), else a detected charset.

    Detection alone is unreliable on short texts, where it picks exotic code pages."""
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None:
        letters = [c for c in western if c.isalpha()]
        foreign = sum(1 for c in letters if not c.isascii())
        if not letters or foreign / len(letters) < WESTERN_SHARE:
            return western
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return str(best) if best is not None else data.decode("cp1252", errors="replace")


def decode(path: Path, data: bytes) -> str:
    """Text from bytes: a BOM's encoding, else UTF-8, else the detected charset; binary data
    is refused.  Line ends become ``\\n`` and mojibake lines are repaired."""
    text = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            break
    if text is None:
        if b"\x00" in data[:4096]:
            raise ValueError("looks like a binary file (NUL bytes), not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _detect(data)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if _MOJIBAKE.search(text):
        text = "\n".join(repair_mojibake(line) for line in text.split("\n"))
    return text


def stem_id(path: Path) -> str:
    """The id a file gives when its content names none: its name without extension."""
    return path.stem


def sha256(data: bytes) -> str:
    """Hex sha256 of some bytes (the provenance hash of an input)."""
    return hashlib.sha256(data).hexdigest()
