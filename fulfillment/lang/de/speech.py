"""German for the speech stages: what Whisper invents on silence, and how a voice must read prices,
units, dates, times, abbreviations and order ids ("49,90 €" -> "neunundvierzig Euro neunzig",
"€ 49,90" and "CHF 49.90" alike, "2,5 kg" -> "zwei Komma fünf Kilogramm", "am 3.12." -> "am dritten
Dezember", "14:30 Uhr" -> "vierzehn Uhr dreißig", "K7M3PX" -> "K wie Kaufmann, sieben, ...")."""

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

_MONTH_NAMES = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                "November", "Dezember")
_MONTHS = "|".join(_MONTH_NAMES)
_NUMERIC_DATE = re.compile(
    r"(?<![\w.,])(?P<day>0?[1-9]|[12]\d|3[01])\.(?P<month>0?[1-9]|1[0-2])\.(?:(?P<year>(?:19|20)\d{2})(?!\d))?"
)
"""A date in figures: "3.12.", "24.12.2026" (a bare "3.12" could be a price, so the final period is required)."""
_FRIDAY = re.compile(r"\bFr\.(?=,?\s*\d)")
"""Before a date "Fr." is Freitag, not Frau."""
_TIME = re.compile(r"(?<![\w.,:])(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)\s?Uhr\b")
_RANGE = re.compile(
    r"(?<![\w.,])(?P<low>\d+)\s?(?:–|-(?=\s?\d+\s?(?:°|%|€|[a-zA-Z]{1,3}\b)))\s?(?P<high>\d+)(?![\d.,])"
)
"""A range ("10–20 °C", "2-3 kg") is read with "bis"; a hyphen only before a unit, so phone numbers keep theirs."""
_SIGN_FIRST = re.compile(r"(?P<cur>€|CHF|EUR)\s?(?P<amount>\d[\d.]*(?:[.,]\d{2})?)(?![\d,])")
"""A currency written before its amount ("€ 49,90", "CHF 49.90"): put after it, where German writes it."""
_SWISS_DECIMALS = re.compile(r"(?<![\w.,])(?P<whole>\d+)\.(?P<minor>\d{2}) ?(?=CHF\b|Fr\.(?!\w))")
"""Swiss prices use a decimal point ("49.90 CHF"): the German comma, so the amount reads as one."""
_ARTICLE_NUMBER = re.compile(r"\bArt\.-Nr\.")
_WEEKDAY = r"(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Mo\.|Di\.|Mi\.|Do\.|Fr\.|Sa\.|So\.)"
_DATE = re.compile(
    rf"(?P<before>\b(?:am|dem|vom|zum|bis zum|ab dem|bis)\s+(?:{_WEEKDAY},?\s+(?:dem\s+)?)?)?"
    rf"\b(?P<day>[1-9]|[12]\d|3[01])\.\s(?P<month>{_MONTHS})\b"
)
"""A date after a preposition takes the dative ("am dritten", "am Dienstag, dem dritten"); alone, "der dritte"."""
_THOUSANDS = re.compile(r"(?<![\d.,])(\d{1,3})\.(\d{3})(?=,\d{2}|\s?(?:€|EUR|Euro)|(?!\d))")
_ORDER_ID = re.compile(r"(?<![\w-])(?=[A-Z0-9]{5,8}(?![\w-]))(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]+")
_AMOUNT = re.compile(
    r"(?<![\w.,])(?P<num>\d{1,6})(?:,(?P<frac>\d{1,2}))?(?= (?:Euro|Cent|mal|Prozent|Stück|Gramm|Kilogramm|"
    r"Milligramm|Liter|Milliliter|Zentiliter|Millimeter|Zentimeter|Meter|Kilometer|Stunden?|Minuten?|Sekunden?|"
    r"Watt|Kilowatt|Volt|Milliamperestunden|Wattstunden|Megabyte|Gigabyte|Terabyte|Grad|Franken|Rappen|"
    r"Dollar)\b)"
)
_GLUED_STREET = re.compile(r"(?<=\w)(\w)str\.(?=\s|,|$)")
"""A street name with its abbreviation glued on: "Torstr." -> "Torstraße"."""
_CENTS_AFTER_EURO = re.compile(r"(?:(?<=\bEuro )|(?<=\bDollar )|(?<=\bFranken ))(?P<num>\d{1,2})\b")


def _words(n: int) -> str:
    return str(num2words(n, lang="de"))


def _date(m: re.Match[str]) -> str:
    ordinal = str(num2words(int(m["day"]), lang="de", to="ordinal"))  # "dritte"
    before = m["before"] or ""
    if before.startswith("bis ") and not before.startswith("bis zum"):
        before = "bis zum " + before[4:]  # "bis 24.12." is said "bis zum vierundzwanzigsten"
    if before and not before.rstrip().endswith(("dem", "am", "vom", "zum")):
        before = before.rstrip().rstrip(",") + ", dem "  # "am Dienstag 3.12." -> "am Dienstag, dem dritten"
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


def _numeric_date(m: re.Match[str]) -> str:
    year = f" {num2words(int(m['year']), lang='de', to='year')}" if m["year"] else ""
    return f"{int(m['day'])}. {_MONTH_NAMES[int(m['month']) - 1]}{year}"


def _time(m: re.Match[str]) -> str:
    minute = int(m["minute"])
    return f"{_words(int(m['hour']))} Uhr" + (f" {_words(minute)}" if minute else "")


def _sign_first(m: re.Match[str]) -> str:
    return f"{m['amount']} {m['cur']}"


def _decimal_quantity(m: re.Match[str]) -> str:
    return f"{m['whole']},{m['frac']} {_UNITS[m['unit']][1]}"


def before_rules(text: str) -> str:
    """Thousands separators, figures with a decimal comma, dates, times and order ids, before the shared
    rules see them."""
    text = _ARTICLE_NUMBER.sub("Artikelnummer", text)
    text = _FRIDAY.sub("Freitag", text)
    text = _NUMERIC_DATE.sub(_numeric_date, text)
    text = _TIME.sub(_time, text)
    text = _SIGN_FIRST.sub(_sign_first, text)
    text = _SWISS_DECIMALS.sub(r"\g<whole>,\g<minor> ", text)
    text = _THOUSANDS.sub(r"\1\2", text)
    text = _DECIMAL_UNIT.sub(_decimal_quantity, text)
    text = _RANGE.sub(lambda m: f"{_words(int(m['low']))} bis {m['high']}", text)
    text = _GLUED_STREET.sub(r"\1straße", text)
    text = _DATE.sub(_date, text)
    return _ORDER_ID.sub(_spell, text)


def after_rules(text: str) -> str:
    """Amounts with a unit or currency in words: "49 Euro 90" -> "neunundvierzig Euro neunzig"."""
    text = _AMOUNT.sub(_amount, text)
    return _CENTS_AFTER_EURO.sub(lambda m: _words(int(m["num"])), text)


_UNITS = {
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
}
"""Unit symbols and their singular and plural."""
_UNIT_SYMBOLS = "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
_DECIMAL_UNIT = re.compile(rf"(?<![\w.,])(?P<whole>\d+),(?P<frac>\d{{1,2}})\s?(?P<unit>{_UNIT_SYMBOLS})(?![\w°])")
"""A decimal comma before a unit ("2,5 kg"): the shared rules know only the decimal point."""

_EURO = ("Euro", "Euro", "Cent", "Cent")
_FRANC = ("Franken", "Franken", "Rappen", "Rappen")
_DOLLAR = ("Dollar", "Dollar", "Cent", "Cent")

TTS = TtsRules(
    currencies={
        "€": _EURO, "EUR": _EURO, "Euro": _EURO, "CHF": _FRANC, "$": _DOLLAR, "USD": _DOLLAR,
    },
    signs_before=("€", "$"),
    written_after=("€", "EUR", "Euro", "CHF", "USD"),
    units=_UNITS,
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
    ordinal_followers=_MONTH_NAMES,
    before=before_rules,
    after=after_rules,
)
