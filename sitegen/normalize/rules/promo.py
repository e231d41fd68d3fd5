"""Promotion and cross-links: ``More stories like this ...``, ``Read more``, ``Sign up ...``,
newsletter and subscription offers, tip lines."""

from __future__ import annotations

from sitegen.normalize.draft import JUNK, Draft, compile_all, label_matching

PATTERNS = compile_all(
    r"^more (?:stories|articles|news) (?:like this|from|on)\b",
    r"\bavailable (?:on|at) \S+\.(?:com|org|net|co\.\w+)\b",
    r"^(?:read|see|watch|listen) (?:more|also|next|the full)\b",
    r"^(?:related|recommended|trending|most read|popular|also read|you may also like)\b"
    r"\s*(?:stories|articles|posts|news)?\s*:?$",
    r"^(?:related(?: (?:stories|story|articles?|coverage|content|links?))?|see also|"
    r"also (?:read|see|on \S+))\s*:\s*\S",
    r"^(?:sign up|subscribe|register)\b.*\b(?:newsletter|free|today|now|updates|here)\b",
    r"^(?:download|get) (?:our|the) (?:free )?app\b",
    r"^subscribe to\b",
    r"\bsubscribe to (?:our |the )?(?:\S+ ){0,3}(?:newsletters?|rss|feed|podcast|channel)\b",
    r"^(?:get|receive|sign up|subscribe|enter your email)\b"
    r".*\b(?:your (?:email )?(?:inbox|letterbox|mailbox))\b",
    r"^enter your email\b",
    r"\bsign up (?:for|to) (?:our |the |a |free )*(?:\w+ )?"
    r"(?:emails?|newsletters?|alerts?|updates|briefings?)\b",
    r"\bclick(?:ing)? here\b",
    r"^(?:have|got) a (?:news )?tip\b",
    r"\b(?:may|can) be reached at \S+@",
    r"^advertisement$|^sponsored( content)?$|^ad$",
    r"^(?:skip to (?:main )?content|jump to)\b",
)


def apply(draft: Draft) -> Draft:
    """Label promotional lines as junk."""
    return label_matching(draft, PATTERNS, JUNK, "promo", max_words=25)
