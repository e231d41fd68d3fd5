"""Comment-thread furniture and post navigation."""

from __future__ import annotations

from sitegen.normalize.draft import JUNK, Draft, compile_all, label_matching

PATTERNS = compile_all(
    r"^(?:post|leave|add|write) a (?:comment|reply)\b",
    r"^\d+\s+comments?$|^comments?(?:\s*\(\d+\))?$|^no comments?(?: yet)?\s*[.!]?$",
    r"^(?:previous|next|older|newer) (?:post|article|story|entry)\b",
    r"^show comments\b|^view comments\b|^load more comments\b",
    r"^you must be logged in to post a comment",
    r"\b(?:comments?|coment[áa]rios?|commentaires?|kommentare?)\b.*"
    r"\b(?:moderat\w*|moderad\w*|aprovad\w*|approv\w*|review\w*)\b",
)
MAX_WORDS = 30
"""Comment furniture is short; a comment policy runs to a sentence or two."""


def apply(draft: Draft) -> Draft:
    """Label comment and post-navigation lines as junk."""
    return label_matching(draft, PATTERNS, JUNK, "comments", max_words=MAX_WORDS)
