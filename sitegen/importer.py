"""``import_paths``: raw files -> normalized Markdown in ``content/articles``."""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sitegen.content import ImportResult, write_content
from sitegen.ingest import read_sources
from sitegen.ingest.registry import MAX_BYTES
from sitegen.lock import site_lock
from sitegen.model import Article, RawDocument, ReadError
from sitegen.normalize import normalize
from sitegen.normalize.batch import template_lines
from sitegen.workers import IN_PROCESS, Workers

Progress = Callable[[int, int], None]
"""Called with (done, total) while articles are normalized."""


@dataclass(frozen=True, slots=True)
class ImportReport:
    """The outcome of one import."""

    result: ImportResult
    """Files written, updated, unchanged or kept."""
    errors: tuple[ReadError, ...]
    """Inputs that failed, one per file (or JSON Lines record)."""
    warnings: tuple[ReadError, ...] = ()
    """Inputs imported with a doubt a person should hear of (an article that looks cut
    short), one line each."""


def _normalize_one(
    doc_and_template: tuple[RawDocument, frozenset[str]], disabled: Collection[str]
) -> Article | str:
    """One document normalized, or the one-line reason it could not be."""
    doc, template = doc_and_template
    try:
        return normalize(doc, disabled, template)
    except Exception as exc:
        return f"could not normalize: {type(exc).__name__}: {exc}"


def normalize_all(
    docs: Iterable[RawDocument],
    disabled: Collection[str],
    progress: Progress | None = None,
    workers: Workers = IN_PROCESS,
) -> tuple[list[tuple[RawDocument, Article]], list[ReadError]]:
    """Normalize every document on ``workers``; one that fails is an error, the rest go on.
    The result is the same on any workers.  With ``progress``, each document is reported
    as it is done, which only this process can do: the documents are then normalized
    here."""
    docs = list(docs)
    template = template_lines(docs)
    firsts: list[int] = []
    errors: list[ReadError] = []
    seen: set[tuple[str, str]] = set()
    for n, doc in enumerate(docs):
        key = (str(doc.origin), doc.entry or doc.id)  # a feed entry is known by its guid
        if key in seen:  # two records of one file (ids of other files, and entries whose
            # guids slug alike, may repeat: the writer tells those apart)
            what = f"entry {doc.entry!r}" if doc.entry else f"id {doc.id!r}"
            errors.append(ReadError(doc.origin, f"duplicate {what} in the same input"))
            continue
        seen.add(key)
        firsts.append(n)

    one = partial(_normalize_one, disabled=disabled)
    items = [(docs[n], template[n]) for n in firsts]
    if progress is None:
        results = workers.map("normalize", one, items)
    else:
        results = []
        for done, item in enumerate(items, start=1):
            results.append(one(item))
            progress(done, len(items))
    pairs: list[tuple[RawDocument, Article]] = []
    for n, result in zip(firsts, results, strict=True):
        if isinstance(result, str):
            errors.append(ReadError(docs[n].origin, result))
        else:
            pairs.append((docs[n], result))
    return pairs, errors


def import_paths(
    site: Path,
    paths: Iterable[Path | str],
    disabled: Collection[str] = (),
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES,
    say: Callable[[str], None] | None = None,
    lock_wait: float = math.inf,
) -> ImportReport:
    """Read, normalize and write every raw article under ``paths`` (files, folders, URLs);
    inputs over ``max_bytes`` are refused.  Writing holds the site lock (see :mod:`lock`)."""
    docs, read_errors = read_sources(paths, max_bytes)
    pairs, norm_errors = normalize_all(docs, disabled, progress)
    with site_lock(site, "import", lock_wait, say=say):
        result = write_content(site, pairs)
    warnings = tuple(
        ReadError(doc.origin, note.removeprefix("warning: "))
        for doc, _ in pairs
        for note in doc.notes
        if note.startswith("warning: ")
    )
    return ImportReport(result, tuple(read_errors + norm_errors), warnings)
