"""Deterministic, realistic-looking news articles for benchmarks.

Articles come in events (1-12 reports each) of many kinds (floods, elections,
trials...).  Events of one kind share vocabulary; what sets them apart is their
own people, places, numbers and dates, as in real coverage.  Each report words
things its own way, and some are near-copies of another report.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

KINDS = {
    "flood": "flood water river rain levee evacuation rescue damage homes rainfall",
    "election": "election vote ballot candidate poll campaign turnout party seat coalition",
    "trial": "trial court jury judge verdict prosecutor defence testimony sentence appeal",
    "earthquake": "earthquake magnitude quake tremor aftershock epicentre collapse rubble rescue",
    "strike": "strike union workers wage talks picket walkout employer contract pay",
    "wildfire": "wildfire fire blaze hectares firefighters evacuation smoke containment wind",
    "merger": "merger deal shares acquisition regulator bid shareholders takeover valuation",
    "summit": "summit leaders talks agreement delegation communique bilateral trade security",
    "outbreak": "outbreak cases virus hospital vaccine infections health ministry quarantine",
    "crash": "crash plane passengers runway investigators aircraft airline flight wreckage",
}
FILLER = (
    "officials said on statement according residents local government week meeting report "
    "spokesperson added told reporters expected later early morning evening area region "
    "council minister agency police volunteers families schools roads power services hospital "
    "crowds witnesses experts analysts insurers budget plans warning review inquiry update "
    "monday tuesday wednesday thursday friday weekend overnight afternoon dozens hundreds "
    "north south east west coast valley city town village district province capital border"
).split()
SYLLABLES = "ka lo mi ra ten vo sa del in ar bel to mar us pe ri gon al ve na dor is".split()


def _name(rng: random.Random, parts: int = 2) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


@dataclass(frozen=True, slots=True)
class FakeEvent:
    kind: str
    place: str
    people: tuple[str, ...]
    number: int
    day: date


def _events(rng: random.Random, count: int) -> Iterator[FakeEvent]:
    start = date(2024, 1, 1)
    for _ in range(count):
        people = tuple(f"{_name(rng)} {_name(rng, 3)}" for _ in range(3))
        yield FakeEvent(
            rng.choice(list(KINDS)),
            _name(rng, 3),
            people,
            rng.randint(3, 5000),
            start + timedelta(days=rng.randint(0, 364)),
        )


def _sentence(rng: random.Random, ev: FakeEvent) -> str:
    """One sentence: the kind's vocabulary, filler, and one of the event's own facts."""
    vocab = KINDS[ev.kind].split()
    words = rng.sample(vocab, 2) + rng.sample(FILLER, 6)
    rng.shuffle(words)
    fact = rng.choice(
        [f"{rng.choice(ev.people)} said", f"in {ev.place}", f"with {ev.number} people involved"]
    )
    return f"The {' '.join(words[:4])} {fact}, {' '.join(words[4:])}."


def articles(n: int, seed: int = 7) -> Iterator[dict[str, str]]:
    """``n`` articles as JSON Lines records (id, title, text, source, date; ``event`` is the
    true event label, for scoring only: never pass it to sitegen)."""
    rng = random.Random(seed)
    outlets = [
        f"{_name(rng, 2)} {rng.choice(['Times', 'Post', 'Herald', 'News', 'Daily'])}"
        for _ in range(60)
    ]
    made = 0
    for number, ev in enumerate(_events(rng, n)):
        size = min(n - made, rng.choice([1, 1, 2, 3, 4, 5, 6, 8, 12]))
        base = [_sentence(rng, ev) for _ in range(8)]
        for k in range(size):
            copy = k > 0 and rng.random() < 0.15
            body = base if copy else [_sentence(rng, ev) for _ in range(rng.randint(5, 10))]
            day = ev.day + timedelta(days=rng.randint(0, 1))
            yield {
                "id": f"gen-{made:06d}",
                "title": f"{ev.kind.title()} in {ev.place}: {rng.choice(ev.people)} speaks",
                "text": "\n\n".join(body),
                "source": outlets[(made * 7 + k) % len(outlets)],
                "date": day.isoformat(),
                "event": f"ev-{number}",
            }
            made += 1
            if made >= n:
                return
