"""``feeds:`` in sitegen.yaml: subscriptions validated like every other key."""

from __future__ import annotations

import pytest

from sitegen.config import ConfigError, validate
from sitegen.subscribe.feeds import Subscription, as_config, matches, subscriptions


def test_a_url_or_a_mapping_is_a_subscription() -> None:
    config = validate(
        {
            "feeds": [
                "https://example.org/rss",
                {
                    "url": "http://127.0.0.1:8080/atom.xml",
                    "name": "Harbour Courier",
                    "full_text": "always",
                    "include": ["harbour", "/\\bport(s)?\\b/"],
                    "exclude": "sponsored",
                    "language": "pt-BR",
                },
            ]
        }
    )
    subs = subscriptions(config["feeds"])
    assert subs[0] == Subscription("https://example.org/rss")
    assert subs[1] == Subscription(
        "http://127.0.0.1:8080/atom.xml",
        "Harbour Courier",
        "always",
        ("harbour", "/\\bport(s)?\\b/"),
        ("sponsored",),
        "pt-BR",
    )
    first, second = config["feeds"]
    assert [as_config(s) for s in subs] == [first, {**second, "exclude": ["sponsored"]}]


@pytest.mark.parametrize(
    ("item", "problem"),
    [
        ("ftp://example.org/rss", "item 1: url 'ftp://example.org/rss': must be an absolute"),
        ({"url": "https://e.org/", "full_text": "sometimes"}, "full_text: must be one of"),
        ({"url": "https://e.org/", "include": ["/(/"]}, "include: '/(/' is not a regular"),
        ({"url": "https://e.org/", "exclude": [3]}, "exclude: must be a word"),
        ({"url": "https://e.org/", "lang": "en"}, "unknown key `lang`"),
        ({"url": "https://e.org/", "language": "english!"}, "language: must be a language tag"),
        ({"url": "https://e.org/", "name": "a\nb"}, "name: must be one line"),
        (7, "item 1: must be a feed URL or a mapping"),
    ],
)
def test_a_bad_subscription_is_named(item: object, problem: str) -> None:
    with pytest.raises(ConfigError) as caught:
        validate({"feeds": [item]})
    assert problem in "\n".join(caught.value.lines())


def test_a_feed_listed_twice_is_refused() -> None:
    with pytest.raises(ConfigError, match="listed twice"):
        validate({"feeds": ["https://e.org/rss", {"url": "https://e.org/rss"}]})


def test_the_old_feeds_section_still_reads_with_a_warning() -> None:
    config = validate({"feeds": {"max_items": 12}})
    assert config["atom.max_items"] == 12 and config["feeds"] == []
    assert any("atom.max_items" in w for w in config.warnings)


def test_include_and_exclude_match_words_and_expressions() -> None:
    sub = Subscription("https://e.org/", include=("harbour", "/\\bports?\\b/"), exclude=("ad",))
    assert matches(sub, "The Harbour reopens")
    assert matches(sub, "Two ports close")
    assert not matches(sub, "Harbourside flats")  # a word matches whole
    assert not matches(sub, "Harbour ad feature")
    assert matches(Subscription("https://e.org/"), "anything")
