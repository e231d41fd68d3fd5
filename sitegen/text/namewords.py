"""The words names are told apart from: calendar words, titles and roles, adjectives of
nationality, religion and ideology, page and function words, common acronyms, company
suffixes (the language's words, never particular names)."""

from __future__ import annotations

from functools import lru_cache

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
    adm pastor rabbi imam sheikh coach chairman chairwoman chair ceo cfo cto founder
    director manager spokesman spokeswoman spokesperson attorney lawyer dj former acting
    deputy assistant associate ambassador councillor councilman councilwoman commissioner
    inspector superintendent sheriff trooper agent const constable executive general""".split()
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
    atlantic pacific arctic antarctic mediterranean caribbean latin anglo north south east
    west""".split()
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
    page home menu search login sign top next previous back more first last thus hence
    therefore moreover furthermore indeed instead otherwise besides nevertheless nonetheless
    finally firstly secondly lastly accordingly consequently likewise similarly namely
    overall anyway""".split()
)
"""Function words and page words that are capitalised only because they start a line."""
COMMON_ACRONYMS = frozenset(
    """usd eur gbp jpy cny rmb chf cad aud nzd inr rub brl krw hkd sgd xau xag btc
    km kg mg ml mph kph kmh kw kwh mw gw mb gb tb kb ghz mhz fps rpm psi
    pc pcs tv tvs cpu gpu ram ssd hdd usb lan wan wifi sim gsm cdma lte hd uhd hdmi lcd led
    oled dvd dvds cd cds vhs gps sms mms pdf url urls api apis faq faqs id ids pin atm ai vr
    ar iot os app apps ui ux seo ip isp vpn dns html css ceo cfo coo cto vp mp mps pm dj djs
    pr hr iq dna rna icu er mri ct ekg ppi gdp cpi ipo etf dui dwi suv suvs ev evs rv ict
    asap fyi diy rs ok""".split()
)
"""Acronyms of common things (currencies, units, devices, roles): no more names than the
words they stand for."""
SUFFIXES = frozenset("inc ltd llc plc corp co gmbh ag sa nv bv pty".split())
"""What follows a company's name: no name alone."""


@lru_cache(maxsize=65536)
def word_key(word: str) -> str:
    return word.lower().replace("’", "'").removesuffix("'s").rstrip(".")


def is_link(word: str) -> bool:
    return word.islower() or word == "&"


def is_plural_acronym(word: str) -> bool:
    """ "PDFs", "ICUs": common nouns (a name is rarely made plural)."""
    return len(word) > 2 and word.endswith("s") and word[:-1].isupper()


@lru_cache(maxsize=65536)
def is_acronym(word: str) -> bool:
    """An acronym ("NASA", "US", "BBC"): no lower-case word, whatever it spells."""
    letters = word[:-1] if word.endswith("s") else word
    return len(letters) > 1 and letters.isupper()


def is_adjective(key: str) -> bool:
    return key in ADJECTIVES or (key.endswith("s") and key[:-1] in ADJECTIVES)


@lru_cache(maxsize=65536)
def not_a_name(word: str, adjective: bool = True) -> bool:
    key = word_key(word)
    if is_acronym(word):
        return key in CALENDAR or key in COMMON_ACRONYMS or is_plural_acronym(word)
    return key in CALENDAR or key in COMMON or is_link(word) or (adjective and is_adjective(key))
