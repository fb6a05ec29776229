"""German for the speech stages: what Whisper invents on silence, and how a voice must read prices,
units, dates, abbreviations and order ids ("49,90 €" -> "neunundvierzig Euro neunzig",
"am 3. Dezember" -> "am dritten Dezember", "K7M3PX" -> "K wie Kaufmann, sieben, ...")."""

from __future__ import annotations

import re

from num2words import num2words

from fulfillment.lang.speech import TtsRules

ASR_HALLUCINATIONS = frozenset(
    {
        "untertitel im auftrag des zdf",
        "untertitel im auftrag des zdf 2017",
        "untertitel im auftrag des zdf 2018",
        "untertitel im auftrag des zdf 2019",
        "untertitel im auftrag des zdf 2020",
        "untertitel im auftrag des zdf 2021",
        "untertitel im auftrag des zdf für funk 2017",
        "untertitel der amara org community",
        "untertitelung des zdf 2020",
        "untertitelung aufgrund der amara org community",
        "vielen dank fürs zuschauen",
        "vielen dank für's zuschauen",
        "danke fürs zuschauen",
        "vielen dank für ihre aufmerksamkeit",
        "bis zum nächsten mal",
        "tschüss",
        "danke",
        "vielen dank",
        "copyright wdr 2020",
        "swr 2020",
        "abonniert den kanal",
        "musik",
    }
)
"""Whisper's inventions on silence (after lowercasing and dropping punctuation): subtitle credits of
German broadcasters it was trained on, and video sign-offs."""

SPELLING = {
    "A": "Anton", "B": "Berta", "C": "Cäsar", "D": "Dora", "E": "Emil", "F": "Friedrich", "G": "Gustav",
    "H": "Heinrich", "I": "Ida", "J": "Julius", "K": "Kaufmann", "L": "Ludwig", "M": "Martha", "N": "Nordpol",
    "O": "Otto", "P": "Paula", "Q": "Quelle", "R": "Richard", "S": "Samuel", "T": "Theodor", "U": "Ulrich",
    "V": "Viktor", "W": "Wilhelm", "X": "Xanthippe", "Y": "Ypsilon", "Z": "Zacharias",
}
"""The German spelling alphabet as callers know it from the telephone (the traditional names; DIN 5009
of 2022 uses city names instead, which few shoppers have heard yet)."""

_MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
_DATE = re.compile(
    rf"(?P<before>\b(?:am|dem|vom|zum|bis zum|ab dem)\s+)?\b(?P<day>[1-9]|[12]\d|3[01])\.\s(?P<month>{_MONTHS})\b"
)
_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})\.(\d{3})(?=,\d{2}|\s?(?:€|EUR|Euro)|(?!\d))")
_ORDER_ID = re.compile(r"(?<![\w-])(?=[A-Z0-9]{5,8}(?![\w-]))(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]+")
_AMOUNT = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,6})(?:,(?P<frac>\d{1,2}))?(?= (?:Euro|Cent|mal|Prozent|Stück|Gramm|Kilogramm|"
    r"Milligramm|Liter|Milliliter|Zentiliter|Millimeter|Zentimeter|Meter|Kilometer|Stunden?|Minuten?|Sekunden?|"
    r"Watt|Kilowatt|Volt|Milliamperestunden|Wattstunden|Megabyte|Gigabyte|Terabyte|Grad)\b)"
)
_GLUED_STREET = re.compile(r"(?<=\w)(\w)str\.(?=\s|,|$)")
"""A street name with its abbreviation glued on: "Torstr." -> "Torstraße"."""
_CENTS_AFTER_EURO = re.compile(r"(?<=\bEuro )(?P<num>\d{1,2})\b")


def _words(n: int) -> str:
    return str(num2words(n, lang="de"))


def _date(m: re.Match[str]) -> str:
    ordinal = str(num2words(int(m["day"]), lang="de", to="ordinal"))  # "dritte"
    before = m["before"] or ""
    return f"{before}{ordinal}{'n' if before else ''} {m['month']}"  # am dritten / der dritte


def _spell(m: re.Match[str]) -> str:
    return ", ".join(f"{c} wie {SPELLING[c]}" if c.isalpha() else _words(int(c)) for c in m.group(0))


def _amount(m: re.Match[str]) -> str:
    whole = int(m["num"])
    rest = m.string[m.end() :]
    spoken = "ein" if whole == 1 and not m["frac"] and not rest.startswith((" mal", " Prozent")) else _words(whole)
    if m["frac"]:
        spoken += " Komma " + " ".join(_words(int(d)) for d in m["frac"])
    return spoken


def before_rules(text: str) -> str:
    """Thousands separators, dates and order ids, before the shared rules see them."""
    text = _THOUSANDS.sub(r"\1\2", text)
    text = _GLUED_STREET.sub(r"\1straße", text)
    text = _DATE.sub(_date, text)
    return _ORDER_ID.sub(_spell, text)


def after_rules(text: str) -> str:
    """Amounts with a unit or currency in words: "49 Euro 90" -> "neunundvierzig Euro neunzig"."""
    text = _AMOUNT.sub(_amount, text)
    return _CENTS_AFTER_EURO.sub(lambda m: _words(int(m["num"])), text)


_EURO = ("Euro", "Euro", "Cent", "Cent")
_FRANC = ("Franken", "Franken", "Rappen", "Rappen")
_DOLLAR = ("Dollar", "Dollar", "Cent", "Cent")

TTS = TtsRules(
    currencies={
        "€": _EURO, "EUR": _EURO, "Euro": _EURO, "CHF": _FRANC, "$": _DOLLAR, "USD": _DOLLAR,
    },
    signs_before=("€", "$"),
    written_after=("€", "EUR", "Euro", "CHF", "USD"),
    units={
        "mg": ("Milligramm", "Milligramm"), "g": ("Gramm", "Gramm"), "kg": ("Kilogramm", "Kilogramm"),
        "ml": ("Milliliter", "Milliliter"), "mL": ("Milliliter", "Milliliter"), "cl": ("Zentiliter", "Zentiliter"),
        "l": ("Liter", "Liter"), "L": ("Liter", "Liter"), "mm": ("Millimeter", "Millimeter"),
        "cm": ("Zentimeter", "Zentimeter"), "m": ("Meter", "Meter"), "km": ("Kilometer", "Kilometer"),
        "h": ("Stunde", "Stunden"), "Std.": ("Stunde", "Stunden"), "min": ("Minute", "Minuten"),
        "Min.": ("Minute", "Minuten"), "s": ("Sekunde", "Sekunden"), "Sek.": ("Sekunde", "Sekunden"),
        "W": ("Watt", "Watt"), "kW": ("Kilowatt", "Kilowatt"), "V": ("Volt", "Volt"),
        "mAh": ("Milliamperestunden", "Milliamperestunden"), "Wh": ("Wattstunden", "Wattstunden"),
        "MB": ("Megabyte", "Megabyte"), "GB": ("Gigabyte", "Gigabyte"), "TB": ("Terabyte", "Terabyte"),
        "Stk.": ("Stück", "Stück"), "°C": ("Grad Celsius", "Grad Celsius"),
    },
    abbreviations={
        "z. B.": "zum Beispiel", "z.B.": "zum Beispiel", "d. h.": "das heißt", "d.h.": "das heißt",
        "inkl.": "inklusive", "exkl.": "exklusive", "MwSt.": "Mehrwertsteuer", "ca.": "circa",
        "bzw.": "beziehungsweise", "usw.": "und so weiter", "evtl.": "eventuell", "ggf.": "gegebenenfalls",
        "zzgl.": "zuzüglich", "vgl.": "vergleiche", "u. a.": "unter anderem", "bspw.": "beispielsweise",
        "Hr.": "Herr", "Fr.": "Frau", "Dr.": "Doktor", "Tel.": "Telefon", "Mo.": "Montag", "Di.": "Dienstag",
        "Mi.": "Mittwoch", "Do.": "Donnerstag", "Sa.": "Samstag", "So.": "Sonntag",
        # The first half of a spaced abbreviation, so the sentence splitter keeps "z. B." together.
        "z.": "z.", "d.": "d.", "u.": "u.",
    },
    number_abbreviation="Nr.",
    street_abbreviation="Str.",
    number_word="Nummer",
    and_word="und",
    percent_word="Prozent",
    per_word="pro",
    times_words=("mal", "mal"),
    street_words=("Straße", "Straße"),
    before=before_rules,
    after=after_rules,
)
