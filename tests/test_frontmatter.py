"""YAML front matter: split, parse with the safe loader, dump back."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from sitegen.frontmatter import FrontMatterError, dump, split

TRICKY: dict[str, Any] = {
    "id": "zurich-tram-2024",
    "title": 'Zürich: tram drivers say "enough" — it\'s the third strike',
    "summary": "First line of the standfirst.\nSecond line: with a colon.\n",
    "source": "Le Courrier # not a comment",
    "date": "2024-03-05",
    "author": "O'Brien, Seán",
    "url": "https://example.org/a?b=1&c=2#frag",
    "credits": ["Reporting by Zoë Å. Ng", "Editing by: Ola Nordmann"],
    "count": 3,
    "flag": True,
    "empty": "",
    "yes": "yes",
    "null_text": "null",
    "dashes": "---",
    "tricky_body_fence": "a\n---\nb",
    "nested": {"file": "raw/x.txt", "sha256": "ab" * 32},
}


def test_round_trip_keeps_every_value_and_key_order() -> None:
    body = (
        "# Heading\n\nFirst paragraph with ünïcödé, “quotes” and a colon: here."
        "\n\n---\n\nAfter a rule."
    )
    text = dump(TRICKY, body)
    meta, back = split(text)
    assert meta == TRICKY
    assert list(meta) == list(TRICKY)
    assert back == body + "\n"


def test_dump_writes_unicode_as_is() -> None:
    text = dump({"title": "Ærø ferry — “on time”"}, "Body")
    assert "Ærø ferry — “on time”" in text
    assert "\\u" not in text


def test_dump_layout() -> None:
    text = dump({"id": "a", "title": "T"}, "\n\nBody text.\n\n\n")
    assert text == "---\nid: a\ntitle: T\n---\n\nBody text.\n"


def test_date_like_strings_stay_strings() -> None:
    meta, _ = split(dump({"date": "2024-03-05", "n": "007", "v": "1.10"}, "x"))
    assert meta == {"date": "2024-03-05", "n": "007", "v": "1.10"}


def test_no_front_matter_returns_text_unchanged() -> None:
    text = "Just an article.\n\n--- not a fence at the start\n"
    assert split(text) == ({}, text)


def test_leading_bom_is_ignored() -> None:
    meta, body = split("\ufeff---\ntitle: With BOM\n---\nBody")
    assert meta == {"title": "With BOM"}
    assert body == "Body"


def test_dots_close_the_block_and_blank_lines_after_it_are_dropped() -> None:
    meta, body = split("---\ntitle: Dots\n...\n\n\nBody\n")
    assert meta == {"title": "Dots"}
    assert body == "Body\n"


def test_empty_front_matter_is_an_empty_mapping() -> None:
    assert split("---\n---\nBody") == ({}, "Body")


def test_body_may_contain_a_fence_line() -> None:
    meta, body = split("---\ntitle: A\n---\nIntro\n\n---\n\nMore")
    assert meta == {"title": "A"}
    assert body == "Intro\n\n---\n\nMore"


def test_keys_are_strings() -> None:
    meta, _ = split("---\n2024: year\ntrue: flag\n---\nx")
    assert meta == {"2024": "year", "True": "flag"}


def test_unterminated_front_matter_is_an_error() -> None:
    with pytest.raises(FrontMatterError, match="never ends"):
        split("---\ntitle: Open\n\nThe body starts without a closing fence.\n")


@pytest.mark.parametrize("head", ["- a list\n- of items", "just a sentence", "42", "[1, 2]"])
def test_non_mapping_front_matter_is_an_error(head: str) -> None:
    with pytest.raises(FrontMatterError, match="mapping"):
        split(f"---\n{head}\n---\nBody")


def test_invalid_yaml_names_the_file_line() -> None:
    with pytest.raises(FrontMatterError) as info:
        split("---\ntitle: ok\nbad: [unclosed\n---\nBody")
    assert "not valid YAML" in str(info.value)
    assert "(line 3)" in str(info.value)


@pytest.mark.parametrize(
    "head",
    [
        "title: !!python/object/apply:os.system ['echo pwned']",
        "!!python/object:collections.OrderedDict {}",
        "title: !!python/name:os.system ''",
    ],
)
def test_python_tags_are_refused(head: str) -> None:
    with pytest.raises(FrontMatterError, match="not valid YAML"):
        split(f"---\n{head}\n---\nBody")


def test_dump_refuses_python_objects() -> None:
    class Thing:
        pass

    with pytest.raises(yaml.representer.RepresenterError):
        dump({"x": Thing()}, "Body")
