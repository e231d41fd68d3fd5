"""Names are people, places and organisations, whole, and one person has one name."""

from __future__ import annotations

from sitegen.cluster import cluster
from sitegen.config import validate
from sitegen.model import Article
from sitegen.names import canonical_names, mentions

TEXT = (
    "President Donald Trump met Michael McDonald in Hong Kong on Monday. Hong Kong police "
    "said the Department of Justice and NASA agreed. American officials said Trump's plan "
    "was new. Officials in New York disagreed. The White House said nothing.\n"
    "Air quality fell as the air grew still. O'Brien spoke to the Bank of England. "
    "Troy Police Chief Charles Craft said Areej Mehdi of Lahore went home in December.\n"
    "Five Things To Know About Winter Driving Safety Tips\n"
)


def test_names_are_whole_and_without_calendar_words_titles_or_adjectives() -> None:
    found = mentions(TEXT)
    for name in [
        "Donald Trump",
        "Michael McDonald",
        "Hong Kong",
        "Department of Justice",
        "NASA",
        "New York",
        "White House",
        "Bank of England",
        "Charles Craft",
        "Areej Mehdi",
        "Lahore",
    ]:
        assert name in found, name
    for wrong in [
        "Monday",
        "December",
        "American",
        "Air",
        "Kong",
        "Mc",
        "President",
        "Officials",
        "The White House",
        "Winter Driving Safety Tips",
        "Police",
    ]:
        assert wrong not in found, wrong
    assert not any(n.startswith(("President", "Troy Police")) for n in found)


def test_a_short_form_stands_for_the_one_full_name_it_belongs_to() -> None:
    texts = [
        ["Donald Trump", "Trump"],
        ["Trump", "Hong Kong"],
        ["Kong"],
        ["John Smith", "Smith"],
        ["Anna Smith"],
    ]
    canonical = canonical_names(texts)
    assert canonical["Trump"] == "Donald Trump"
    assert canonical["Kong"] == "Hong Kong"
    assert "Smith" not in canonical  # two people of that name, equally used


def test_an_event_lists_one_person_under_one_name() -> None:
    body = "Donald Trump spoke in Ohio on Tuesday. Later Trump said the Ohio plant would stay."
    articles = [
        Article(id=f"a{k}", title="Plant stays open", body=body, source=f"Outlet {k}")
        for k in range(3)
    ]
    [event] = cluster(articles, validate({})).events
    assert "Donald Trump" in event.entities and "Trump" not in event.entities
    assert "Tuesday" not in event.entities
