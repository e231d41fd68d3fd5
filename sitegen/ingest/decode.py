"""Turning raw bytes into text."""

from __future__ import annotations

import hashlib
from pathlib import Path


def decode(path: Path, data: bytes) -> str:
    """Decode UTF-8 (with or without BOM), falling back to cp1252; refuse binary data."""
    if b"\x00" in data[:4096]:
        raise ValueError("looks like a binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def stem_id(path: Path) -> str:
    """The id a file gives when its content names none: its name without extension."""
    return path.stem


def sha256(data: bytes) -> str:
    """Hex sha256 of some bytes (the provenance hash of an input)."""
    return hashlib.sha256(data).hexdigest()
