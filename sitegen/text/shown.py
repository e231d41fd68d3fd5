"""Which names an event shows: the short forms a set of texts uses folded under the one full
name they stand for ("Trump" under "Donald Trump"), counts merged, and the names used most."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from sitegen.text.namewords import is_acronym, is_link


def canonical_names(mentioned: Iterable[Iterable[str]]) -> dict[str, str]:
    """Short form -> the full name it stands for, across texts (each an iterable of names).

    A one-word name that is the first or last word of longer names used in the same
    texts ("Trump" and "Donald Trump", "Kong" and "Hong Kong"), or an acronym of their
    initials ("IE" and "Internet Explorer", "FDA" and "Food and Drug Administration"),
    stands for the one of them used in the most texts, if that one is used in at least
    twice as many as the next ("Smith" beside "John Smith" and "Anna Smith" equally often
    stays "Smith").  An acronym's initials are preferred to its place in a longer name
    ("IE" is "Internet Explorer" before "IE 7").  A name written in two cases is the one
    written more often.
    """
    counts: Counter[str] = Counter()
    for names in mentioned:
        counts.update(set(names))
    longer: dict[str, list[str]] = {}
    spelled: dict[str, list[str]] = {}
    for name in counts:
        words = name.split()
        if len(words) > 1:
            for part in dict.fromkeys((words[0], words[-1])):
                longer.setdefault(part, []).append(name)
            letters = _initials(words)
            if letters:
                spelled.setdefault(letters, []).append(name)
    out: dict[str, str] = {}
    spellings: dict[str, list[str]] = {}
    for name in counts:
        spellings.setdefault(name.lower(), []).append(name)
    for forms in spellings.values():
        forms.sort(key=lambda n: (-counts[n], n))
        for other in forms[1:]:
            out[other] = forms[0]  # one name in two cases ("Javascript", "JavaScript")
    for name in counts:
        if name in out:
            continue
        plain = name.replace(".", "")
        found = spelled.get(plain, ()) if is_acronym(name) else ()
        options = sorted(found or longer.get(name, ()), key=lambda n: (-counts[n], n))
        if " " in name or not options:
            continue
        if len(options) == 1 or counts[options[0]] >= 2 * counts[options[1]]:
            out[name] = options[0]
    return out


def _initials(words: list[str]) -> str:
    """The acronym a name of several words makes, or ``""`` ("Internet Explorer": "IE")."""
    heads = [w for w in words if not is_link(w)]
    if len(heads) < 2 or not all(w[0].isupper() for w in heads):
        return ""
    return "".join(w[0] for w in heads)


def merge_counts(counts: Mapping[str, float], canonical: Mapping[str, str]) -> dict[str, float]:
    """Name counts with each short form folded into the full name it stands for."""
    out: dict[str, float] = {}
    for name, n in counts.items():
        full = canonical.get(name, name)
        out[full] = out.get(full, 0.0) + n
    return out


SHOWN = 8
"""Most names an event shows."""
MIN_MENTIONS = 2
"""Times an event's coverage must use a name for the event to show it: a name said once in
passing is no part of what the event is about (and is where a name finder errs most)."""


def shown_names(reports: Mapping[str, float], times: Mapping[str, float]) -> tuple[str, ...]:
    """The names an event shows, from how many of its reports use each (``reports``) and
    how often (``times``): used at least :data:`MIN_MENTIONS` times, those most reports
    use first, then the most used, then the alphabet; at most :data:`SHOWN`."""
    kept = [n for n, k in times.items() if k >= MIN_MENTIONS]
    kept.sort(key=lambda n: (-reports.get(n, 0.0), -times[n], n))
    return tuple(kept[:SHOWN])
