"""Editors' notes on a wire story: ``(Recasts with details ...)``, ``(Updates with ...)``."""

from __future__ import annotations

from sitegen.normalize.draft import JUNK, Draft, compile_all, label_matching

PATTERNS = compile_all(
    r"^\((?:recasts|updates|adds|corrects|rewrites|refiles|changes|fixes|removes|moves|"
    r"repeats|updated|adds?|new throughout|story corrected|this story has been)\b.*\)\.?$",
    r"^(?:editor'?s note|correction|clarification)\s*[:\-–—]",
)


def apply(draft: Draft) -> Draft:
    """Label editors' notes as junk."""
    return label_matching(draft, PATTERNS, JUNK, "editor_note", max_words=40)
