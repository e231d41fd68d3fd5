"""Share, follow, like and donate prompts."""

from __future__ import annotations

from sitegen.normalize.draft import JUNK, Draft, compile_all, label_matching

PATTERNS = compile_all(
    r"^(?:please )?(?:follow|like|share|join|find)(?: and (?:like|share|follow))? us"
    r"(?:\s*[:!.]?\s*$|\s+(?:on|at|via|in)\s)",
    r"^(?:share|tweet|email|print|pin)(?: (?:this|on|via|article|story|post))?\b\s*[:!]?\s*$",
    r"^share (?:this|on|via)\b",
    r"^(?:show more|close(?: extra)?|more) sharing options$",
    r"^(?:like|liked|enjoy|enjoyed|love|loved) (?:this|the) (?:article|story|post)\s*[?!.]?$",
    r"^follow (?:him|her|them|me|us)\b"
    r".*\bon (?:twitter|facebook|instagram|linkedin|threads|bluesky|x)\b",
    r"^(?=.*\bdonat)(?=.*\b(?:paypal|patreon|buy me a coffee|ko-fi)\b)",
    r"^(?:via |on )?(?:paypal|patreon|buy me a coffee|ko-fi)\s*[.!:]?$",
    r"^(?:if you (?:are|can|like)\b.*\b(?:donate|support)|donate|support (?:us|our work))\b",
    r"^(?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|email|pinterest)"
    r"(?:\s*[,|/·•]?\s*(?:facebook|twitter|x|linkedin|whatsapp|telegram|reddit|email|pinterest))+$",
)


def apply(draft: Draft) -> Draft:
    """Label social prompts as junk."""
    return label_matching(draft, PATTERNS, JUNK, "social", max_words=30)
