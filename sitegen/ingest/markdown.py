"""Markdown files with YAML front matter: already-clean articles."""

from __future__ import annotations

from pathlib import Path

from sitegen import frontmatter
from sitegen.ingest.decode import decode, sha256, stem_id
from sitegen.model import RawDocument, ReadError


def read(path: Path, data: bytes) -> list[RawDocument | ReadError]:
    """One document per file; the front matter supplies metadata and may give an ``id``."""
    try:
        meta, body = frontmatter.split(decode(path, data))
    except frontmatter.FrontMatterError as exc:
        raise ValueError(str(exc)) from None
    if not body.strip():
        raise ValueError("no article text after the front matter")
    doc_id = str(meta.pop("id", "") or stem_id(path))
    return [RawDocument(path, doc_id, body, meta, "markdown", sha256(data))]
