"""JSON Lines: one article per line with ``id``, ``title``, ``text`` and optional metadata."""

from __future__ import annotations

import json
from pathlib import Path

from sitegen.frontmatter import scrub
from sitegen.ingest.decode import decode, sha256
from sitegen.model import RawDocument, ReadError

OPTIONAL = ("source", "url", "date", "author", "summary")


def _record(path: Path, number: int, line: str) -> RawDocument:
    try:
        obj = scrub(json.loads(line))
    except json.JSONDecodeError as exc:
        raise ValueError(f"line {number}: not valid JSON ({exc.msg})") from None
    except RecursionError:
        raise ValueError(f"line {number}: JSON nested too deeply") from None
    if not isinstance(obj, dict):
        raise ValueError(f"line {number}: expected a JSON object")
    missing = [k for k in ("id", "text") if not obj.get(k)]
    if missing:
        raise ValueError(f"line {number}: missing {', '.join(missing)}")
    fields: dict[str, object] = {
        k: str(obj[k]) for k in ("title", *OPTIONAL) if isinstance(obj.get(k), str | int | float)
    }
    text = str(obj["text"])
    title = fields.get("title")
    if title:
        text = f"{title}\n\n{text}"
    digest = sha256(line.encode("utf-8"))
    return RawDocument(path, str(obj["id"]), text, fields, "extracted", digest)


def read(path: Path, data: bytes) -> list[RawDocument | ReadError]:
    """Every record: a document, or an error naming the line that is wrong."""
    out: list[RawDocument | ReadError] = []
    for number, line in enumerate(decode(path, data).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            out.append(_record(path, number, line))
        except ValueError as exc:
            out.append(ReadError(path, str(exc)))
    if not out:
        raise ValueError("empty file")
    return out
