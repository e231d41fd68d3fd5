"""Names in running text: people, places and organisations (pure).

A name is a run of capitalised words ("Hong Kong", "Michael McDonald", "Bank of
England", "NASA").  What is not a name is told from the language and from the text
itself, never from a list of particular names:
- calendar words, function words and page words are dropped from either end of a run,
  and a run of nothing else is no name ("Monday", "The", "Share");
- a title or role inside a run starts the name after it ("President Donald Trump" and
  "Police Chief Charles Craft" are "Donald Trump" and "Charles Craft");
- "of" after a name of several words joins two names ("Areej Mehdi of Lahore");
- nationality, religion and ideology adjectives alone are no name ("American"), nor is
  a lone demonym ("Balinese"), nor a one-word name the same text also writes in lower
  case ("Air" beside "air");
- a sentence's first word is capitalised whatever it is: it is dropped from a longer run
  when the text also writes it in lower case ("Definitely Rosie Garthwaite"), and a
  one-word run there counts only if the text also uses it mid-sentence;
- a line in title case (a headline, a menu) names nothing unless the text confirms it.

:func:`mentions` lists the names of a text as written, once per mention;
:func:`canonical_names` maps the short forms a set of texts uses ("Trump") to the one
full name they stand for ("Donald Trump").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

_WORD = r"(?:[A-Z](?:[a-z]+|['’][A-Z][a-z]+)(?:[A-Z][a-z]+)*|[A-Z]{2,6}s?)"
"""One capitalised word: "Kong", "McDonald", "O'Brien", "DiCaprio", an acronym "NASA"."""
_LINK = r"(?:(?:of|for)(?:\sthe)?|de|da|di|du|del|della|van|von|der|den|al|bin|la|le|y)"
"""Lower-case words that sit inside names ("Bank of England", "Ludwig van Beethoven")."""
_RUN = re.compile(rf"(?<![\w'’-]){_WORD}(?:(?:[ -]|\s(?:{_LINK}\s)+){_WORD})*(?![\w-])")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;…]|[\"“‘«(\[—–]|\s[-•*])\s*$")

CALENDAR = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december jan feb mar apr jun jul aug sep
    sept oct nov dec mon tue tues wed thu thur thurs fri sat sun today tonight yesterday
    tomorrow christmas easter thanksgiving halloween weekend spring summer autumn fall winter
    am pm gmt utc est edt pst pdt bst cet""".split()
)
"""Days, months, seasons and clock words: dates, not names."""
TITLES = frozenset(
    """mr mrs ms miss mx dr prof professor sir dame lord lady president vice prime minister
    premier chancellor secretary senator sen rep representative congressman congresswoman
    governor gov mayor judge justice chief officer detective det sergeant sgt lieutenant lt
    captain capt colonel col gen maj admiral commander cmdr private pvt
    king queen prince princess duke duchess pope cardinal bishop archbishop father rev reverend
    pastor rabbi imam sheikh coach chairman chairwoman chair ceo cfo cto founder
    director manager spokesman spokeswoman spokesperson attorney lawyer dj former acting
    deputy assistant associate ambassador councillor councilman councilwoman commissioner
    inspector superintendent sheriff trooper agent host star singer actor actress rapper
    author writer reporter editor producer""".split()
)
"""Titles and roles that stand before a name and are not part of it."""
ADJECTIVES = frozenset(
    """american americans african asian european western eastern northern southern central
    british english scottish welsh irish french german italian spanish portuguese dutch
    belgian swiss austrian swedish norwegian danish finnish icelandic polish czech slovak
    hungarian romanian bulgarian greek turkish russian ukrainian belarusian serbian croatian
    bosnian albanian georgian armenian azerbaijani kazakh uzbek chinese japanese korean
    taiwanese vietnamese thai cambodian malaysian indonesian filipino singaporean indian
    pakistani afghan bangladeshi nepali iranian iraqi syrian lebanese israeli palestinian
    jordanian saudi emirati qatari kuwaiti yemeni omani egyptian libyan tunisian algerian
    moroccan nigerian ghanaian kenyan ethiopian somali sudanese ugandan rwandan congolese
    angolan zimbabwean zambian mozambican canadian mexican cuban haitian jamaican brazilian
    argentine argentinian chilean peruvian colombian venezuelan ecuadorian bolivian
    uruguayan paraguayan australian zealander latino latina hispanic arab arabic persian
    kurdish jewish muslim islamic christian catholic protestant orthodox buddhist hindu sikh
    democratic republican conservative liberal socialist communist federal national
    international global regional local royal imperial soviet nazi celtic nordic baltic
    atlantic pacific arctic antarctic mediterranean caribbean latin anglo""".split()
)
"""Nationality, religion, ideology and region adjectives: they describe, they do not name."""
COMMON = frozenset(
    """i i'm i've i'd i'll he she it we they you me him her us them my his its our their your
    this that these those there here what which who whom whose when where why how all any
    each every both either neither some many much more most other another such no not nor
    yes ok okay oh hey hi hello thanks please sorry well so and or but if then than as at by
    for from in into of on onto to with without a an the is are was were be been being do
    does did have has had will would can could should may might must shall after before
    while during since until about above below over under between among again also just only
    even still yet now never always often sometimes perhaps maybe however meanwhile despite
    although though because unlike like photo photos image images video videos watch read
    click share follow subscribe comments comment reply related advertisement updated posted
    published source sources news breaking live update editor note chapter part section
    page home menu search login sign top next previous back more first last""".split()
)
"""Function words and page words that are capitalised only because they start a line."""


def _key(word: str) -> str:
    return word.lower().replace("’", "'").removesuffix("'s").rstrip(".")


def _is_link(word: str) -> bool:
    return word.islower()


def _not_name(word: str, adjective: bool = True) -> bool:
    key = _key(word)
    return key in CALENDAR or key in COMMON or _is_link(word) or (adjective and key in ADJECTIVES)


def _pieces(words: list[str]) -> list[list[str]]:
    """A run cut where it joins two names: at a title inside it, when a name follows
    ("Police Chief Charles Craft": the name is what follows; "Department of Justice"
    keeps its last word), and at "of" after a name of several words ("Areej Mehdi of
    Lahore", not "Bank of England")."""
    titles = [
        k
        for k, w in enumerate(words)
        if _key(w) in TITLES and not _is_link(w) and any(not _is_link(x) for x in words[k + 1 :])
    ]
    if titles:
        words = words[titles[-1] + 1 :]
    pieces: list[list[str]] = [[]]
    for word in words:
        current = pieces[-1]
        if word == "of" and len([w for w in current if not _is_link(w)]) > 1:
            pieces.append([])
            continue
        current.append(word)
    return [p for p in pieces if p]


def _clean(words: list[str]) -> str:
    """The name a piece of a run holds, or ``""``: leading and trailing words that are no
    part of a name (links, common words, adjectives, dates) removed."""
    while words and _not_name(words[0], adjective=False):
        words = words[1:]
    while words and (_is_link(words[-1]) or _key(words[-1]) in CALENDAR):
        words = words[:-1]
    if not words or all(_not_name(w) for w in words):
        return ""
    if len(words) == 1 and (len(words[0]) < 2 or words[0].endswith("ese")):
        return ""  # a demonym ("Balinese") or a lone letter
    return " ".join(words)


_LOWER = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")
_LINE_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _title_case(line: str) -> bool:
    """A line in title case (a headline, a menu): its capitals say nothing of names."""
    major = [w for w in _LINE_WORD.findall(line) if len(w) > 3]
    return len(major) >= 3 and sum(w[0].isupper() for w in major) >= 0.8 * len(major)


def mentions(text: str) -> list[str]:
    """Every name the text uses, as written, once per mention (see the module's notes)."""
    lower = {w.replace("’", "'") for w in _LOWER.findall(text)}
    found: list[tuple[str, bool]] = []
    for line in text.splitlines(keepends=True):
        headline = _title_case(line)
        for match in _RUN.finditer(line):
            words = [w for w in match.group(0).replace("-", " - ").split() if w != "-"]
            starts = bool(_SENTENCE_START.search(line, max(0, match.start() - 3), match.start()))
            if starts and len(words) > 1 and _key(words[0]) in lower:
                words = words[1:]  # a common word, capitalised to start the sentence
            for piece in _pieces(words):
                name = _clean(piece)
                if not name:
                    continue
                single = " " not in name
                if single and _key(name) in lower:
                    continue  # the text also uses it as a common word
                sure = not headline and not (starts and single and len(words) == 1)
                found.append((name, sure))
    confirmed = {n for n, sure in found if sure}
    return [n for n, sure in found if sure or n in confirmed]


def canonical_names(mentioned: Iterable[Iterable[str]]) -> dict[str, str]:
    """Short form -> the full name it stands for, across texts (each an iterable of names).

    A one-word name that is the first or last word of longer names used in the same
    texts ("Trump" and "Donald Trump", "Kong" and "Hong Kong") stands for the one of
    them used in the most texts, if that one is used in at least twice as many as the
    next ("Smith" beside "John Smith" and "Anna Smith" equally often stays "Smith").
    """
    counts: Counter[str] = Counter()
    for names in mentioned:
        counts.update(set(names))
    longer: dict[str, list[str]] = {}
    for name in counts:
        words = name.split()
        if len(words) > 1:
            for part in dict.fromkeys((words[0], words[-1])):
                longer.setdefault(part, []).append(name)
    out: dict[str, str] = {}
    for name in counts:
        options = sorted(longer.get(name, ()), key=lambda n: (-counts[n], n))
        if " " in name or not options:
            continue
        if len(options) == 1 or counts[options[0]] >= 2 * counts[options[1]]:
            out[name] = options[0]
    return out


def merge_counts(counts: Mapping[str, float], canonical: Mapping[str, str]) -> dict[str, float]:
    """Name counts with each short form folded into the full name it stands for."""
    out: dict[str, float] = {}
    for name, n in counts.items():
        full = canonical.get(name, name)
        out[full] = out.get(full, 0.0) + n
    return out
