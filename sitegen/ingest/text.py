"""Plain-text dumps: the text of a page, one block per line, boilerplate and all."""

from __future__ import annotations

from pathlib import Path

from sitegen.ingest.decode import decode, sha256, stem_id
from sitegen.model import RawDocument, ReadError


def read(path: Path, data: bytes) -> list[RawDocument | ReadError]:
    """One document per file; cleaning is left to the normalizer."""
    text = decode(path, data)
    if not text.strip():
        raise ValueError("empty file")
    return [RawDocument(path, stem_id(path), text, {}, "text", sha256(data))]
