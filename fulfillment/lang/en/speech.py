"""English for the speech stages: what Whisper invents on silence, and how Piper must read symbols."""

from __future__ import annotations

from fulfillment.lang.speech import TtsRules

ASR_HALLUCINATIONS = frozenset(
    {
        "you",
        "thank you",
        "thanks",
        "thank you very much",
        "thank you so much",
        "thanks for watching",
        "thank you for watching",
        "thanks for listening",
        "please subscribe",
        "bye",
        "so",
        "subtitles by the amara org community",
    }
)
"""Whisper's inventions on silence (after lowercasing and dropping punctuation)."""

ASR_PROMPT = "Emma, the shop assistant: cart, basket, order, check out."
"""What Whisper decodes after, as if it had just heard it: the assistant's name and the words of a
shopping conversation (~15 tokens). With tiny.en it cut WER from 21.9 % to 19.7 % on 286 held-out
spoken NLU test phrases (16 % to 11 % on the bench's 40), where the 80 catalog names as hotwords
(~230 tokens) cost more time and made it loop on product names."""

_EURO = ("euro", "euros", "cent", "cents")
_DOLLAR = ("dollar", "dollars", "cent", "cents")
_POUND = ("pound", "pounds", "penny", "pence")

TTS = TtsRules(
    currencies={
        "€": _EURO, "EUR": _EURO, "euro": _EURO, "euros": _EURO,
        "$": _DOLLAR, "USD": _DOLLAR,
        "£": _POUND, "GBP": _POUND,
    },
    signs_before=("€", "$", "£"),
    written_after=("€", "EUR", "euro", "euros", "USD", "GBP"),
    units={
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
    },
    abbreviations={
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
    },
    number_abbreviation="no.",
    street_abbreviation="St.",
    number_word="number",
    and_word="and",
    percent_word="percent",
    per_word="per",
    times_words=("time", "times"),
    street_words=("Street", "Saint"),
)
