"""Digit runs in what shoppers say or type: "4111 1111 1111 1111", "oh one seven six double two ...".

Redaction works on these runs: a run is a stretch of tokens that each stand for digits (written digit groups,
number words, "double"/"triple" + number word), optionally led by "+" or "plus".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"[A-Za-zÄÖÜäöüß][A-Za-z0-9'ÄÖÜäöüß]*|\d+|\+")

DIGIT_WORDS = {
    "zero": "0", "oh": "0", "o": "0", "nought": "0", "one": "1", "two": "2", "three": "3", "four": "4",
    "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
    # German, as read digit by digit ("vier eins eins eins ..."); "zwo" is how phone numbers are said.
    "null": "0", "eins": "1", "zwei": "2", "zwo": "2", "drei": "3", "vier": "4", "fünf": "5", "fuenf": "5",
    "sechs": "6", "sieben": "7", "acht": "8", "neun": "9",
}
_GERMAN_UNITS = ("ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun")
_GERMAN_TENS = ("zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig")
PAIR_WORDS = {
    **{word: str(10 + n) for n, word in enumerate(("zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn",
                                                      "sechzehn", "siebzehn", "achtzehn", "neunzehn"))},
    **{tens: str(20 + 10 * t) for t, tens in enumerate(_GERMAN_TENS)},
    **{f"{unit}und{tens}": str(20 + 10 * t + u + 1) for t, tens in enumerate(_GERMAN_TENS)
       for u, unit in enumerate(_GERMAN_UNITS)},
}
"""German two-digit words, as phone numbers are read in pairs ("null dreißig, zwölf vierunddreißig ...")."""
_REPEAT = {"double": 2, "triple": 3, "doppel": 2}
_SPLIT_UNITS = {unit: u + 1 for u, unit in enumerate(_GERMAN_UNITS)} | {"eins": 1}
_SPLIT_TENS = {tens: 20 + 10 * t for t, tens in enumerate(_GERMAN_TENS)}
"""Speech recognition may split a pair: "neun und vierzig" for "neunundvierzig"."""

# What may stand between two tokens of one run. Between two written digit groups no dot or comma:
# "149.95" and "1,299" are amounts, not one long number.
_WORD_GAP = re.compile(r"[\s,.\-/()]*")
_GROUP_GAP = re.compile(r"[\s\-/()]*")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def word(self) -> str:
        return self.text.lower()

    @property
    def is_group(self) -> bool:
        """A written digit group, like "4111"."""
        return self.text.isdigit()


@dataclass(frozen=True)
class DigitRun:
    """Consecutive tokens that spell a number, and the digits they spell."""

    first: int
    """Index of the run's first token (the "+"/"plus" when it has one)."""
    last: int
    """Index of its last token."""
    start: int
    end: int
    digits: str
    groups: tuple[str, ...]
    """The digits as they were grouped: ("4111", "1111", ...), or one digit per number word."""
    spoken: bool
    """At least one digit came from a number word."""
    international: bool
    """Led by "+", "plus" or "00": a phone number's country code."""


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def digits_at(tokens: list[Token], i: int) -> tuple[str, int] | None:
    """The digits token `i` stands for and how many tokens they take, or None."""
    token = tokens[i]
    if token.is_group:
        return token.text, 1
    if (token.word in _SPLIT_UNITS and i + 2 < len(tokens) and tokens[i + 1].word == "und"
            and tokens[i + 2].word in _SPLIT_TENS):
        return str(_SPLIT_TENS[tokens[i + 2].word] + _SPLIT_UNITS[token.word]), 3
    if token.word in DIGIT_WORDS:
        return DIGIT_WORDS[token.word], 1
    if token.word in PAIR_WORDS:
        return PAIR_WORDS[token.word], 1
    if token.word in _REPEAT and i + 1 < len(tokens) and tokens[i + 1].word in DIGIT_WORDS:
        return DIGIT_WORDS[tokens[i + 1].word] * _REPEAT[token.word], 2
    return None


def joined(text: str, left: Token, right: Token) -> bool:
    gap = text[left.end:right.start]
    pattern = _GROUP_GAP if left.is_group and right.is_group else _WORD_GAP
    return pattern.fullmatch(gap) is not None and gap.count(" ") <= 2


def digit_runs(text: str, tokens: list[Token]) -> list[DigitRun]:
    runs: list[DigitRun] = []
    i = 0
    while i < len(tokens):
        lead = tokens[i].word in ("+", "plus") and i + 1 < len(tokens) and joined(text, tokens[i], tokens[i + 1])
        j = i + 1 if lead else i
        if digits_at(tokens, j) is None:
            i += 1
            continue
        groups: list[str] = []
        spoken = False
        last = j
        while j < len(tokens):
            found = digits_at(tokens, j)
            if found is None or (groups and not joined(text, tokens[last], tokens[j])):
                break
            digits, width = found
            spoken = spoken or not tokens[j].is_group
            groups.extend([digits] if tokens[j].is_group else list(digits))
            last = j + width - 1
            j += width
        digits = "".join(groups)
        international = lead or digits.startswith("00")
        runs.append(DigitRun(i, last, tokens[i].start, tokens[last].end, digits, tuple(groups), spoken,
                             international))
        i = last + 1
    return runs


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def iban_valid(candidate: str) -> bool:
    """ISO 13616: two letters, two check digits, 11 to 30 letters or digits; mod 97 of the rearranged
    number is 1."""
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", candidate):
        return False
    rearranged = candidate[4:] + candidate[:4]
    return int("".join(str(int(ch, 36)) for ch in rearranged)) % 97 == 1
