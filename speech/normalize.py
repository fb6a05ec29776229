"""Rewrite a written reply into words a TTS voice reads correctly.

Piper (through espeak-ng) reads digits fine but stumbles on currency signs, unit
symbols, abbreviations and order ids. Each rule below is one regular expression
and one replacement, applied in a fixed order:

1. abbreviations and symbols (`approx.`, `e.g.`, `&`, `%`),
2. prices (`€24.90`, `24.90 euros`, `€1,299.00`),
3. quantities with units (`250 g`, `1 kg`, `2x`, `3L`, `€5/kg`),
4. order ids (`K7M3PX` -> `K 7 M 3 P X`).

The expressions are fixed here; the words come from a language pack's `TtsRules`
(English by default), compiled once per rule set.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from fulfillment.lang import DEFAULT
from fulfillment.lang.speech import TtsRules

_NUMBER = r"\d{1,3}(?:,\d{3})+|\d+"
"""An integer, optionally with thousands separators (1,299)."""

_NOT_AFTER_WORD = r"(?<![\w.,])"
"""Lookbehind so a number glued to a word (`K7M3`) or a decimal is not matched."""

_ORDER_ID = re.compile(
    r"(?<![\w-])(?=[A-Z0-9]{5,8}(?![\w-]))(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]+"
)
"""5-8 uppercase letters and digits with at least one of each. Pure numbers (a price in
euros, a quantity) are left alone so they are read as numbers."""

Rule = tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]


def _alternatives(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _word_end(word: str) -> str:
    """A currency word or code must end at a word boundary ("5 euros", not "5 europe")."""
    return re.escape(word) + (r"\b" if word[-1:].isalnum() else "")


def _either_case(word: str) -> str:
    """`no.` matches "no." and "No."."""
    first = word[:1]
    return f"[{first.upper()}{first.lower()}]{re.escape(word[1:])}" if first.isalpha() else re.escape(word)


def _keep_final_period(spoken: str) -> Callable[[re.Match[str]], str]:
    """Replace an abbreviation; if it ended the text, its period also ended the sentence."""

    def replace(m: re.Match[str]) -> str:
        at_end = m.string[m.end() :].strip() == ""
        return spoken + ("." if at_end else "")

    return replace


def _spell(m: re.Match[str]) -> str:
    return " ".join(m.group(0))


class SpeechNormalizer:
    """The rewrite rules of one language, compiled."""

    def __init__(self, rules: TtsRules) -> None:
        self.rules = rules
        self._capitalized = {a[0].upper() + a[1:]: s[0].upper() + s[1:] for a, s in rules.abbreviations.items()}
        """Sentence-initial forms: "Approx." -> "Approximately"."""
        units = _alternatives(list(rules.units))
        after = "|".join(_word_end(w) for w in sorted(rules.written_after, key=len, reverse=True))
        self._rules: tuple[Rule, ...] = (
            (re.compile(rf"(?P<prev>\w\s)?\b{re.escape(rules.street_abbreviation)}"), self._street),
            (
                re.compile(rf"(?<![\w.])(?P<abbr>{_alternatives([*rules.abbreviations, *self._capitalized])})"),
                self._abbreviation,
            ),
            (
                re.compile(rf"(?:\b{_either_case(rules.number_abbreviation)}|#)\s?(?=[A-Z0-9]*\d)"),
                lambda m: f"{rules.number_word} ",
            ),
            (re.compile(r"\s*&\s*"), lambda m: f" {rules.and_word} "),
            (re.compile(r"(?P<num>\d)\s?%"), lambda m: f"{m['num']} {rules.percent_word}"),
            (
                re.compile(
                    rf"(?P<cur>{_alternatives(rules.signs_before)})\s?(?P<whole>{_NUMBER})"
                    rf"(?:\.(?P<minor>\d{{2}}))?(?!\d)"
                ),
                self._price,
            ),
            (
                re.compile(
                    rf"{_NOT_AFTER_WORD}(?P<whole>{_NUMBER})(?:[.,](?P<minor>\d{{2}}))?\s?(?P<cur>{after})"
                ),
                self._price,
            ),
            (re.compile(rf"\s?/\s?(?P<unit>{units})(?![\w])"), self._per_unit),
            (re.compile(rf"{_NOT_AFTER_WORD}(?P<num>\d+)\s?[x×](?![\w])"), self._times),
            (re.compile(rf"{_NOT_AFTER_WORD}(?P<num>\d+(?:\.\d+)?)\s?(?P<unit>{units})(?![\w°])"), self._quantity),
            (_ORDER_ID, _spell),
            (re.compile(r"[ \t]+"), " "),
        )

    def normalize(self, text: str) -> str:
        """`text` with prices, units, abbreviations and order ids written as words."""
        if self.rules.before:
            text = self.rules.before(text)
        for pattern, replacement in self._rules:
            text = pattern.sub(replacement, text)
        if self.rules.after:
            text = self.rules.after(text)
        return text.strip()

    def is_abbreviation(self, token: str) -> bool:
        """True if `token` (a word ending in '.') is an abbreviation rather than a sentence end.

        The number abbreviation (`no.`) is not one: "no. 5" continues a sentence but "I said no."
        ends one, so `speech.sentences` decides it from the next word.
        """
        return (
            token in self.rules.abbreviations
            or token in self._capitalized
            or token == self.rules.street_abbreviation
        )

    def is_number_abbreviation(self, token: str) -> bool:
        return token.lower() == self.rules.number_abbreviation.lower()

    def _abbreviation(self, m: re.Match[str]) -> str:
        abbr = m["abbr"]
        return _keep_final_period(self.rules.abbreviations.get(abbr) or self._capitalized[abbr])(m)

    def _street(self, m: re.Match[str]) -> str:
        # "Baker St." is a street; a sentence-initial "St. Ives" is a saint.
        street, saint = self.rules.street_words
        if m["prev"]:
            return m["prev"] + _keep_final_period(street)(m)
        return saint

    def _price(self, m: re.Match[str]) -> str:
        one, many, minor_one, minor_many = self.rules.currencies[m["cur"]]
        units = int(m["whole"].replace(",", ""))
        cents = int(m["minor"]) if m["minor"] else 0
        if units == 0 and cents:
            return f"{cents} {minor_one if cents == 1 else minor_many}"
        spoken = f"{units} {one if units == 1 else many}"
        return f"{spoken} {cents}" if cents else spoken

    def _quantity(self, m: re.Match[str]) -> str:
        one, many = self.rules.units[m["unit"]]
        return f"{m['num']} {one if m['num'] == '1' else many}"

    def _per_unit(self, m: re.Match[str]) -> str:
        return f" {self.rules.per_word} {self.rules.units[m['unit']][0]}"

    def _times(self, m: re.Match[str]) -> str:
        one, many = self.rules.times_words
        return f"{m['num']} {one if m['num'] == '1' else many}"


@lru_cache(maxsize=8)
def normalizer_for(rules: TtsRules = DEFAULT.tts) -> SpeechNormalizer:
    """The compiled normalizer of a rule set (rule sets hash by identity: one per language pack)."""
    return SpeechNormalizer(rules)


def normalize_for_speech(text: str, rules: TtsRules = DEFAULT.tts) -> str:
    """Return `text` with prices, units, abbreviations and order ids written as words."""
    return normalizer_for(rules).normalize(text)


def is_abbreviation(token: str, rules: TtsRules = DEFAULT.tts) -> bool:
    """True if `token` (a word ending in '.') is an abbreviation rather than a sentence end."""
    return normalizer_for(rules).is_abbreviation(token)
