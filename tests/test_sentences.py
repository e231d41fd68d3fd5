"""The one sentence splitter, and the summaries made with it."""

from __future__ import annotations

import pytest

from sitegen.normalize.summary import MAX_CHARS, summarize
from sitegen.text.sentences import first, sentences, split


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("South Dakota Gov. Kristi Noem spoke. It rained.", 2),
        ("The deal, Mr. Smith said, was done. Next came the vote.", 2),
        ("Officials in the U.S. State Department agreed. Then they left.", 2),
        ("Er kam am 12. September an. Dann ging er.", 2),
        ("It was the worst year since 2019. The next was better.", 2),
        ("The firm, Acme Ltd. Holdings, grew. It hired.", 2),
        ("J. R. R. Tolkien wrote it. Yes.", 2),
        ("Prices rose 3.5 percent on Monday. Then they fell.", 2),
        ('"We are done." She left the room.', 2),
        ("Is it over? Nobody knows! Maybe… Later today.", 4),
        ("他来了。她走了！好吗？", 3),
        ("no end here", 1),
        ("lower case after a stop. does not split", 1),
    ],
)
def test_split_counts(text: str, expected: int) -> None:
    found = split(text)
    assert len(found) == expected, found
    assert " ".join(found).replace(" ", "") == text.replace(" ", "")  # nothing lost


def test_first_and_paragraph_breaks() -> None:
    assert first("Sen. Jane Doe voted no. The bill passed.") == "Sen. Jane Doe voted no."
    assert sentences("One here\n\nTwo there") == ["One here", "Two there"]
    assert first("") == ""


def test_summary_passes_over_labels_and_keeps_abbreviations() -> None:
    paragraphs = [
        "Photos",
        "- Order Reprints",
        "Read the full story below:",
        "South Dakota Gov. Kristi Noem defended the campaign on Monday. Critics were unmoved.",
    ]
    assert summarize(None, paragraphs) == (
        "South Dakota Gov. Kristi Noem defended the campaign on Monday."
    )
    assert summarize("Review", paragraphs) == summarize(None, paragraphs)
    standfirst = "The council has voted to reopen the harbour bridge to lorries in May."
    assert summarize(standfirst, paragraphs) == standfirst
    assert summarize(None, ["Menu", "Share"]) is None


def test_long_summaries_are_cut_at_a_word() -> None:
    long = "The council " + "voted again and again " * 40 + "on Monday."
    cut = summarize(None, [long])
    assert cut is not None and cut.endswith("…") and len(cut) <= MAX_CHARS + 1
    assert long.startswith(cut[:-1])
