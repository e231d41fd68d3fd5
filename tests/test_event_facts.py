"""An event's lead and key terms are what its vectors give, and a kept pair needs none."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sitegen.cluster.events import headline_article
from sitegen.cluster.facts import EventFacts, key_terms
from sitegen.cluster.text import Vector, centroid
from sitegen.model import Article

VECS: dict[str, Vector] = {
    "a": {"flood": 0.8, "river": 0.6},
    "b": {"flood": 0.6, "river": 0.6, "#40": 0.529},
    "c": {"storm": 1.0},
}


class Counted(Mapping[str, Vector]):
    """The vectors above, counting how many are asked for."""

    def __init__(self) -> None:
        self.asked = 0

    def __getitem__(self, aid: str) -> Vector:
        self.asked += 1
        return VECS[aid]

    def __iter__(self) -> Iterator[str]:
        return iter(VECS)

    def __len__(self) -> int:
        return len(VECS)


class Kept:
    """A grouping store in a dict."""

    def __init__(self) -> None:
        self.entries: dict[str, list[list[Any]]] = {}

    def get(self, key: str) -> list[list[Any]] | None:
        return self.entries.get(key)

    def put(self, key: str, groups: list[list[Any]]) -> None:
        self.entries[key] = groups


def _stamp(a: Article) -> str:
    return f"{a.id}\0{a.body}"


GROUP = [Article("a", "Flood on the river", "x"), Article("b", "River floods", "y")]


def test_facts_are_the_lead_and_key_terms_of_the_vectors() -> None:
    facts = EventFacts(Counted(), _stamp)
    lead, terms = facts.of(GROUP)
    assert lead == headline_article(GROUP, VECS)
    assert terms == key_terms(centroid([VECS["a"], VECS["b"]]))
    assert "#40" not in " ".join(terms)  # numbers are no key terms


def test_kept_facts_need_no_vector_and_a_changed_member_does() -> None:
    store = Kept()
    first = EventFacts(Counted(), _stamp, store)
    made = first.of(GROUP)
    vectors = Counted()
    again = EventFacts(vectors, _stamp, store)
    assert again.of(GROUP) == made and vectors.asked == 0
    edited = [GROUP[0], Article("b", "River floods", "y, later")]
    EventFacts(vectors, _stamp, store).of(edited)
    assert vectors.asked > 0
    store.entries = {k: [["someone else"], ["x"]] for k in store.entries}  # a bad entry
    assert EventFacts(Counted(), _stamp, store).of(GROUP) == made
