"""German agreement for replies: plurals, counts, articles by gender and case, prices and dates.

Product types arrive as the catalog stores them (English, "rain jacket") or as a shopper said them
("regenjacken"); `noun` finds the German noun for either, so articles and plurals agree.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date
from babel.numbers import format_currency

from fulfillment.lang.de.terms import COLORS, HEADS, TYPES, Noun

LOCALE = "de_DE"
_BY_GERMAN = {n.singular.lower(): n for n in TYPES.values()} | {n.plural.lower(): n for n in TYPES.values()}
_COUNT_WORDS = ("kein", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf",
                "zwölf")
# Articles by case and gender: nominative, accusative, dative.
_DEFINITE = {
    "nom": {"m": "der", "f": "die", "n": "das", "pl": "die"},
    "acc": {"m": "den", "f": "die", "n": "das", "pl": "die"},
    "dat": {"m": "dem", "f": "der", "n": "dem", "pl": "den"},
}
_INDEFINITE = {
    "nom": {"m": "ein", "f": "eine", "n": "ein", "pl": ""},
    "acc": {"m": "einen", "f": "eine", "n": "ein", "pl": ""},
    "dat": {"m": "einem", "f": "einer", "n": "einem", "pl": ""},
}
# Suffix -> gender, for nouns outside the catalog ("Geschenkidee" f, "Rucksack" via the table).
_SUFFIX_GENDER = (("ung", "f"), ("heit", "f"), ("keit", "f"), ("tion", "f"), ("e", "f"), ("chen", "n"),
                  ("set", "n"), ("er", "m"), ("el", "m"), ("ling", "m"))


def noun(word: str) -> Noun:
    """The German noun for a catalog type or a German word: 'rain jacket' and 'regenjacken' -> Regenjacke."""
    low = word.strip().lower()
    if low in TYPES:
        return TYPES[low]
    if low in _BY_GERMAN:
        return _BY_GERMAN[low]
    if low.rsplit(" ", 1)[-1] in HEADS:  # an English type outside the catalog: "hiking boot" -> Stiefel
        return HEADS[low.rsplit(" ", 1)[-1]]
    for german, known in _BY_GERMAN.items():  # a compound ending in a known noun: "kinderregenjacke"
        if low.endswith(german) and len(low) > len(german) + 2:
            head = word.strip()[: len(low) - len(german)]
            cap = head[:1].upper() + head[1:].lower()
            return Noun(cap + known.singular.lower(), cap + known.plural.lower(), known.gender)
    tail = _tail_of_known(low)
    if tail is not None:
        return tail
    title = word.strip()[:1].upper() + word.strip()[1:]
    gender = next((g for suffix, g in _SUFFIX_GENDER if low.endswith(suffix)), "n")
    return Noun(title, _plural_of(title, gender), gender)


def _tail_of_known(low: str) -> Noun | None:
    """The head of a known compound, said alone: "schuhe" (of Laufschuhe) -> Schuh, Schuhe."""
    if len(low) < 3:
        return None
    for known in TYPES.values():
        for form in (known.singular, known.plural):
            prefix = form[: len(form) - len(low)]
            if prefix and form.lower().endswith(low) and known.singular.lower().startswith(prefix.lower()) \
                    and known.plural.lower().startswith(prefix.lower()):
                singular, plural = known.singular[len(prefix):], known.plural[len(prefix):]
                return Noun(singular[:1].upper() + singular[1:], plural[:1].upper() + plural[1:], known.gender)
    return None


def _plural_of(word: str, gender: str) -> str:
    if gender == "pl" or word.endswith(("er", "el", "en", "chen", "s")):
        return word
    if word.endswith("e"):
        return word + "n"
    if word.endswith(("ung", "heit", "keit", "tion")):
        return word + "en"
    return word + ("s" if word[-1:] in "aiouy" else "e")


def plural(word: str) -> str:
    """'rain jacket' -> 'Regenjacken', 'Rucksack' -> 'Rucksäcke'."""
    return noun(word).plural


def definite(word: str, case: str = "nom") -> str:
    """The article of a noun: 'die' Regenjacke, 'den' Rucksack (acc), 'dem' Zelt (dat)."""
    return _DEFINITE[case][noun(word).gender]


def indefinite(word: str, case: str = "nom") -> str:
    return _INDEFINITE[case][noun(word).gender]


def number(n: int, gender: str = "n") -> str:
    """Small counts in words, larger ones in digits: 'eine' (f), 'zwei', '14'."""
    if n == 1:
        return {"f": "eine", "pl": "eine"}.get(gender, "ein")
    return _COUNT_WORDS[n] if 0 <= n < len(_COUNT_WORDS) else str(n)


def count(n: int, word: str, case: str = "nom") -> str:
    """'eine Regenjacke', 'einen Rucksack' (acc), 'zwei Regenjacken', '14 Zelte'."""
    found = noun(word)
    if n == 1:
        return f"{_INDEFINITE[case][found.gender] or 'eine'} {found.singular}".strip()
    return f"{number(n)} {found.plural}"


def color(name: str) -> str:
    """An English or German color name as a German adjective: 'navy' -> 'marineblau'."""
    return COLORS.get(name.lower(), name)


def color_noun(name: str) -> str:
    """A color after "in": 'in Rot', 'in Marineblau'."""
    word = color(name)
    return word[:1].upper() + word[1:]


def money(cents: int) -> str:
    """A price as written in Germany, through Babel's CLDR data: '49,90 €', '24 €', '1.299,50 €'."""
    whole = cents % 100 == 0
    text = format_currency(cents / 100, "EUR", locale=LOCALE, format="#,##0 ¤" if whole else None,
                           currency_digits=not whole)
    return text.replace("\xa0", " ")


def on_day(iso: str) -> str:
    """'2026-12-01...' -> 'am Dienstag, dem 1. Dezember' (Babel's German month and day names)."""
    try:
        when = date.fromisoformat(iso[:10])
    except ValueError:
        return iso[:10]
    return "am " + format_date(when, "EEEE, 'dem' d. MMMM", locale=LOCALE)
