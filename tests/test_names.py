"""Names are people, places and organisations, whole, and one person has one name."""

from __future__ import annotations

from sitegen.cluster import cluster
from sitegen.config import validate
from sitegen.model import Article
from sitegen.text.names import common_words, mentions
from sitegen.text.shown import canonical_names

TEXT = (
    "President Donald Trump met Michael McDonald in Hong Kong on Monday. Hong Kong police "
    "said the Department of Justice and NASA agreed. American officials said Trump's plan "
    "was new. Officials in New York disagreed. The White House said nothing.\n"
    "Air quality fell as the air grew still. O'Brien spoke to the Bank of England. "
    "Troy Police Chief Charles Craft said Areej Mehdi of Lahore went home in December. "
    "Mehdi said she was glad.\n"
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


def test_names_keep_their_joins_and_formulas_shouting_and_other_languages_have_none() -> None:
    text = (
        "The writer Ta-Nehisi Coates and Donald J. Trump spoke of the Trump-Putin summit. Trump "
        "and Putin met at Sam's Club, a branch of the Central Bureau of Investigation, in the "
        "U.S. on Friday. They left Sam's Club at noon. Trump's White House said the AK-47 was "
        "fine.\n"
        "MUST SEE: every Hermitian matrix is normal, that is AAH = AHA.\n"
    )
    found = mentions(text, common_words([text, "You must see what they see."]))
    for name in [
        "Ta-Nehisi Coates",
        "Donald J. Trump",
        "Putin",
        "Sam's Club",
        "Central Bureau of Investigation",
        "U.S.",
        "White House",
        "AK-47",
    ]:
        assert name in found, (name, found)
    for wrong in ["Trump-Putin", "Sam", "Trump's White House", "MUST SEE", "AAH", "AHA"]:
        assert wrong not in found, (wrong, found)
    # the short form is the text's own full name for him, wherever it is used
    assert "Trump" not in found and found.count("Donald J. Trump") == 4
    german = (
        "Die Messe bietet den Besuchern in diesem Jahr wieder viele Themen rund um die "
        "Digitalisierung, und die Aussteller zeigen ihre Produkte aus der Praxis. Kommen Sie "
        "an unseren Stand und lernen Sie unsere Berater kennen, die Ihnen gerne helfen. Wir "
        "freuen uns auf Ihren Besuch und auf gute Gespraeche mit Ihnen und Ihrem Team."
    )
    assert mentions(german) == []


def test_words_a_site_writes_in_lower_case_are_no_names_alone() -> None:
    texts = ["The doctors said the server was down.", "Two doctors and a server left."]
    common = common_words(texts)
    assert {"doctors", "server"} <= common
    found = mentions("Doctors praised Mike Server. Doctors left. Server rooms work.", common)
    assert "Doctors" not in found and "Server" not in found
    assert "Mike Server" in found


def test_a_short_form_stands_for_the_one_full_name_it_belongs_to() -> None:
    texts = [
        ["Donald Trump", "Trump"],
        ["Trump", "Hong Kong"],
        ["Kong"],
        ["John Smith", "Smith"],
        ["Anna Smith"],
        ["Internet Explorer", "IE", "IE 7"],
        ["Food and Drug Administration", "FDA", "U.S.", "United States"],
    ]
    canonical = canonical_names(texts)
    assert canonical["IE"] == "Internet Explorer"  # its initials, before "IE 7"
    assert canonical["FDA"] == "Food and Drug Administration"
    assert canonical["U.S."] == "United States"
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
