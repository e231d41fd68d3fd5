"""``normalize(raw) -> Article``: run the rule chain and assemble the article."""

from __future__ import annotations

import re
from collections.abc import Collection

from sitegen.dates import normalize_date
from sitegen.labels import clean_label, label_of
from sitegen.model import Article, RawDocument
from sitegen.normalize.authors import clean_author
from sitegen.normalize.draft import BODY, Draft, clean_line, to_draft
from sitegen.normalize.headline import make_headline
from sitegen.normalize.language import guess_language
from sitegen.normalize.markdown import blocks_to_markdown
from sitegen.normalize.metadata import clean_source
from sitegen.normalize.rules import RULES
from sitegen.normalize.summary import summarize
from sitegen.urls import safe_http_url

LAYOUT_RULES = frozenset({"masthead", "breadcrumb", "main_block", "header", "footer"})
"""Rules about page layout: pointless (and risky) on text an HTML extractor already isolated."""
STRUCTURED_FORMATS = frozenset({"extracted"})
"""Inputs whose readers mark headings, lists, quotes and emphasis (:mod:`sitegen.structure`)."""
KNOWN_FIELDS = ("title", "source", "author", "date", "url", "summary", "event", "title_generated")


def run_rules(draft: Draft, disabled: Collection[str] = ()) -> Draft:
    """Apply every enabled rule in order."""
    for name, rule in RULES:
        if name not in disabled:
            draft = rule(draft)
    return draft


def cleaned_draft(
    raw: RawDocument, disabled: Collection[str] = (), template: Collection[str] = ()
) -> Draft:
    """The rule chain's result for a text or extracted input: every line, labelled."""
    if raw.fmt == "extracted":
        disabled = {*disabled, *LAYOUT_RULES}
    meta = {"title": raw.fields.get("title"), "template_lines": template}
    start = to_draft(raw.text, meta, structured=raw.fmt in STRUCTURED_FORMATS)
    return run_rules(start, disabled)


def explain(
    raw: RawDocument, disabled: Collection[str] = (), template: Collection[str] = ()
) -> list[tuple[int, str, str, str]]:
    """(line, label, rule, text) for each line of the input, saying what became of it and
    which rule decided (``sitegen normalize --explain``); empty for Markdown, which has
    no rules run over it."""
    if raw.fmt == "markdown":
        return []
    draft = cleaned_draft(raw, disabled, template)
    return [(b.line, b.label or BODY, b.rule or "", b.text) for b in draft.blocks]


def normalize(
    raw: RawDocument, disabled: Collection[str] = (), template: Collection[str] = ()
) -> Article:
    """Clean one raw document into an :class:`Article` (pure: no I/O).

    ``template`` holds the keys of lines its site prints on many pages of the
    batch (:func:`sitegen.normalize.batch.template_lines`); they are removed."""
    fields = dict(raw.fields)
    if raw.fmt == "markdown":
        body = raw.text.strip()
        paragraphs = [clean_line(p) for p in re.split(r"\n\s*\n", body) if p.strip()]
        meta: dict[str, object] = {}
    else:
        draft = cleaned_draft(raw, disabled, template)
        meta = dict(draft.meta)
        kept = [b for b in draft.blocks if b.label in (None, BODY)]
        paragraphs = [b.text for b in kept]
        body = blocks_to_markdown(kept)
    title = clean_line(str(fields.get("title") or meta.get("title") or ""))
    generated = bool(fields.get("title_generated")) or not title
    if not title:
        title = make_headline(paragraphs[0]) if paragraphs else raw.id
    found = (clean_source(str(meta.get(k) or "")) for k in ("source", "source_fallback"))
    source = fields.get("source") or next((name for name in found if name), None)
    extra = {k: v for k, v in fields.items() if k not in KNOWN_FIELDS and k != "imported"}
    label = clean_label(extra.get("label")) or label_of(
        url=safe_http_url(fields.get("url")), title=title
    )
    if label:
        extra["label"] = label
    else:
        extra.pop("label", None)
    if not extra.get("language"):
        language = guess_language("\n".join([title, *paragraphs]))
        if language:
            extra["language"] = language
    return Article(
        id=raw.id,
        title=title,
        body=body,
        title_generated=generated,
        source=clean_line(str(source)) if source else None,
        author=clean_author(clean_line(str(fields.get("author") or meta.get("author") or ""))),
        date=normalize_date(
            fields.get("date") or (meta.get("date") if raw.fmt == "text" else None)
        ),
        url=safe_http_url(fields.get("url")),
        summary=clean_line(str(fields["summary"]))  # as the input states it
        if fields.get("summary")
        else summarize(str(meta.get("summary") or ""), paragraphs),
        credits=tuple(str(c) for c in meta.get("credits", ()) or ()),  # type: ignore[attr-defined]
        captions=tuple(str(c) for c in meta.get("captions", ()) or ()),  # type: ignore[attr-defined]
        event=str(fields["event"]) if fields.get("event") else None,
        extra=extra,
    )
