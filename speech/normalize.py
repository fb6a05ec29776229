"""Rewrite a written reply into words a TTS voice reads correctly.

Piper (through espeak-ng) reads digits fine but stumbles on currency signs, unit
symbols, abbreviations and order ids. Each rule below is one regular expression
and one replacement, applied in a fixed order:

1. abbreviations and symbols (`approx.`, `e.g.`, `&`, `%`),
2. prices (`€24.90`, `24.90 euros`, `€1,299.00`),
3. quantities with units (`250 g`, `1 kg`, `2x`, `3L`, `€5/kg`),
4. order ids (`K7M3PX` -> `K 7 M 3 P X`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
"""An integer, optionally with thousands separators (1,299)."""

_NOT_AFTER_WORD = r"(?<![\w.,])"
"""Lookbehind so a number glued to a word (`K7M3`) or a decimal is not matched."""

_CURRENCIES: dict[str, tuple[str, str, str, str]] = {
    # sign or code: (singular, plural, singular minor, plural minor)
    "€": ("euro", "euros", "cent", "cents"),
    "EUR": ("euro", "euros", "cent", "cents"),
    "euro": ("euro", "euros", "cent", "cents"),
    "euros": ("euro", "euros", "cent", "cents"),
    "$": ("dollar", "dollars", "cent", "cents"),
    "USD": ("dollar", "dollars", "cent", "cents"),
    "£": ("pound", "pounds", "penny", "pence"),
    "GBP": ("pound", "pounds", "penny", "pence"),
}

_UNITS: dict[str, tuple[str, str]] = {
    # symbol: (singular, plural); matched case-sensitively
    "mg": ("milligram", "milligrams"),
    "g": ("gram", "grams"),
    "kg": ("kilogram", "kilograms"),
    "ml": ("milliliter", "milliliters"),
    "mL": ("milliliter", "milliliters"),
    "cl": ("centiliter", "centiliters"),
    "l": ("liter", "liters"),
    "L": ("liter", "liters"),
    "mm": ("millimeter", "millimeters"),
    "cm": ("centimeter", "centimeters"),
    "m": ("meter", "meters"),
    "km": ("kilometer", "kilometers"),
    "oz": ("ounce", "ounces"),
    "lb": ("pound", "pounds"),
    "lbs": ("pound", "pounds"),
    "h": ("hour", "hours"),
    "hrs": ("hour", "hours"),
    "min": ("minute", "minutes"),
    "mins": ("minute", "minutes"),
    "sec": ("second", "seconds"),
    "W": ("watt", "watts"),
    "kW": ("kilowatt", "kilowatts"),
    "V": ("volt", "volts"),
    "mAh": ("milliamp hour", "milliamp hours"),
    "Wh": ("watt hour", "watt hours"),
    "MB": ("megabyte", "megabytes"),
    "GB": ("gigabyte", "gigabytes"),
    "TB": ("terabyte", "terabytes"),
    "pcs": ("piece", "pieces"),
    "°C": ("degree Celsius", "degrees Celsius"),
    "°F": ("degree Fahrenheit", "degrees Fahrenheit"),
}

_ABBREVIATIONS: dict[str, str] = {
    # written form (matched case-sensitively, at a word start): spoken form
    "approx.": "approximately",
    "e.g.": "for example",
    "i.e.": "that is",
    "etc.": "et cetera",
    "incl.": "including",
    "excl.": "excluding",
    "vs.": "versus",
    "qty.": "quantity",
    "Mr.": "Mister",
    "Mrs.": "Missus",
    "Dr.": "Doctor",
}
"""Abbreviations the sentence splitter must not treat as a sentence end."""

_ORDER_ID = re.compile(
    r"(?<![\w-])(?=[A-Z0-9]{5,8}(?![\w-]))(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]+"
)
"""5-8 uppercase letters and digits with at least one of each. Pure numbers (a price in
euros, a quantity) are left alone so they are read as numbers."""


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _amount(whole: str, minor: str | None, names: tuple[str, str, str, str]) -> str:
    one, many, minor_one, minor_many = names
    units = int(whole.replace(",", ""))
    cents = int(minor) if minor else 0
    if units == 0 and cents:
        return f"{cents} {minor_one if cents == 1 else minor_many}"
    spoken = f"{units} {one if units == 1 else many}"
    return f"{spoken} {cents}" if cents else spoken


def _price_before(m: re.Match[str]) -> str:
    return _amount(m["whole"], m["minor"], _CURRENCIES[m["cur"]])


_PRICE_SIGN_FIRST = re.compile(
    rf"(?P<cur>[€$£])\s?(?P<whole>{_NUMBER})(?:\.(?P<minor>\d{{2}}))?(?!\d)"
)
_PRICE_SIGN_LAST = re.compile(
    rf"{_NOT_AFTER_WORD}(?P<whole>{_NUMBER})(?:[.,](?P<minor>\d{{2}}))?\s?"
    rf"(?P<cur>€|EUR\b|euros?\b|USD\b|GBP\b)"
)

_PER_UNIT = re.compile(rf"\s?/\s?(?P<unit>{_alternatives(list(_UNITS))})(?![\w])")
_QUANTITY = re.compile(
    rf"{_NOT_AFTER_WORD}(?P<num>\d+(?:\.\d+)?)\s?(?P<unit>{_alternatives(list(_UNITS))})"
    r"(?![\w°])"
)
_TIMES = re.compile(rf"{_NOT_AFTER_WORD}(?P<num>\d+)\s?[x×](?![\w])")
_PERCENT = re.compile(r"(?P<num>\d)\s?%")
_NUMBER_SIGN = re.compile(r"(?:\b[Nn]o\.|#)\s?(?=[A-Z0-9]*\d)")
_STREET = re.compile(r"(?P<prev>\w\s)?\bSt\.")
_CAPITALIZED = {a[0].upper() + a[1:]: s[0].upper() + s[1:] for a, s in _ABBREVIATIONS.items()}
"""Sentence-initial forms: "Approx." -> "Approximately"."""
_ABBREVIATION = re.compile(
    rf"(?<![\w.])(?P<abbr>{_alternatives([*_ABBREVIATIONS, *_CAPITALIZED])})"
)


def _keep_final_period(spoken: str) -> Callable[[re.Match[str]], str]:
    """Replace an abbreviation; if it ended the text, its period also ended the sentence."""

    def replace(m: re.Match[str]) -> str:
        at_end = m.string[m.end() :].strip() == ""
        return spoken + ("." if at_end else "")

    return replace


def _abbreviation(m: re.Match[str]) -> str:
    abbr = m["abbr"]
    return _keep_final_period(_ABBREVIATIONS.get(abbr) or _CAPITALIZED[abbr])(m)


def _street(m: re.Match[str]) -> str:
    # "Baker St." is a street; a sentence-initial "St. Ives" is a saint.
    if m["prev"]:
        return m["prev"] + _keep_final_period("Street")(m)
    return "Saint"


def _quantity(m: re.Match[str]) -> str:
    one, many = _UNITS[m["unit"]]
    return f"{m['num']} {one if m['num'] == '1' else many}"


def _per_unit(m: re.Match[str]) -> str:
    return f" per {_UNITS[m['unit']][0]}"


def _times(m: re.Match[str]) -> str:
    return f"{m['num']} {'time' if m['num'] == '1' else 'times'}"


def _spell(m: re.Match[str]) -> str:
    return " ".join(m.group(0))


_RULES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    (_STREET, _street),
    (_ABBREVIATION, _abbreviation),
    (_NUMBER_SIGN, "number "),
    (re.compile(r"\s*&\s*"), " and "),
    (_PERCENT, r"\g<num> percent"),
    (_PRICE_SIGN_FIRST, _price_before),
    (_PRICE_SIGN_LAST, _price_before),
    (_PER_UNIT, _per_unit),
    (_TIMES, _times),
    (_QUANTITY, _quantity),
    (_ORDER_ID, _spell),
    (re.compile(r"[ \t]+"), " "),
)


def normalize_for_speech(text: str) -> str:
    """Return `text` with prices, units, abbreviations and order ids written as words."""
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text.strip()


def is_abbreviation(token: str) -> bool:
    """True if `token` (a word ending in '.') is an abbreviation rather than a sentence end.

    `no.` is not listed: "no. 5" continues a sentence but "I said no." ends one, so
    `speech.sentences` decides it from the next word.
    """
    return token in _ABBREVIATIONS or token in _CAPITALIZED or token == "St."
