"""A rough stand-in for Alexa's own NLU, for `emma skill simulate`: the most specific sample of the
interaction model that matches the words picks the intent and fills its slots.

Alexa sends intents and slots, never text; without this, a simulated "check out" could only be a
search. Slot values are checked against their type (numbers, ordinals, the custom types' values)
as Alexa would, so "red shirts" is not a quantity.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fulfillment.lang import DEFAULT, pack_for
from fulfillment.lang.lexicon import Lexicon
from nlu.entities import words_to_number
from nlu.rasa_yaml import load_nlu_data
from nlu.training import project_dir
from skill.interaction_model import generate_interaction_model
from skill.locales import SkillLocale
from skill.locales.en_us import EN_US
from skill.model_rules import SEARCH_QUERY, language_model

_SLOT_REF = re.compile(r"\{([A-Za-z_]+)\}")
_PUNCTUATION = re.compile(r"[?!,;:\"]")


@dataclass(frozen=True)
class _Sample:
    intent: str
    pattern: re.Pattern[str]
    slot_types: Mapping[str, str]
    literal_words: int
    """How specific the sample is: its words that are not slots."""


@dataclass(frozen=True)
class SampleMatcher:
    """Finds the intent and slots Alexa would most likely send for a sentence."""

    samples: tuple[_Sample, ...]
    type_values: Mapping[str, frozenset[str]]
    """Values and synonyms of each custom slot type, lowercased."""
    lexicon: Lexicon = DEFAULT.lexicon
    """The model's language, for number and ordinal slot values ("zweiten", "drei")."""
    language: str = "en"

    @classmethod
    def from_model(cls, model: Mapping[str, Any], language: str = "en") -> SampleMatcher:
        lm = language_model(model)
        samples = []
        for intent in lm.get("intents", []):
            types = {slot["name"]: slot["type"] for slot in intent.get("slots", [])}
            for sample in intent.get("samples", []):
                pieces = _SLOT_REF.split(sample)  # literal, slot, literal, slot, ...
                regex = "".join(
                    re.escape(piece) if i % 2 == 0 else f"(?P<{piece}>.+?)"
                    for i, piece in enumerate(pieces)
                )
                literal = sum(len(piece.split()) for piece in pieces[::2])
                samples.append(_Sample(intent["name"], re.compile(regex), types, literal))
        type_values = {
            slot_type["name"]: frozenset(
                word.lower()
                for value in slot_type.get("values", [])
                for word in [value["name"]["value"], *value["name"].get("synonyms", [])]
            )
            for slot_type in lm.get("types", [])
        }
        return cls(tuple(samples), type_values, pack_for(language).lexicon, language)

    @classmethod
    def from_nlu_dir(cls, directory: Path, locale: SkillLocale = EN_US) -> SampleMatcher:
        """From Rasa data, as `emma skill build` generates `locale`'s model (without the catalog)."""
        model = generate_interaction_model(load_nlu_data(directory), {}, locale=locale).model
        return cls.from_model(model, locale.language)

    @classmethod
    def for_locale(cls, locale: SkillLocale) -> SampleMatcher:
        """From the Rasa project of the locale's language (`nlu/data`, `nlu/de/data`)."""
        return cls.from_nlu_dir(project_dir(locale.language) / "data", locale)

    def match(self, text: str) -> tuple[str, dict[str, str]] | None:
        """(intent, slot values) of the most specific matching sample, or None."""
        words = " ".join(_PUNCTUATION.sub(" ", text.lower()).split())
        best: tuple[tuple[int, int], str, dict[str, str]] | None = None
        for sample in self.samples:
            found = sample.pattern.fullmatch(words)
            if found is None:
                continue
            slots = {name: value for name, value in found.groupdict().items() if value}
            if not all(self._fits(sample.slot_types.get(n, ""), v) for n, v in slots.items()):
                continue
            typed = sum(_SPECIFICITY.get(sample.slot_types.get(name, ""), 2) for name in slots)
            score = (sample.literal_words, typed)
            if best is None or score > best[0]:
                best = (score, sample.intent, slots)
        return (best[1], best[2]) if best else None

    def _fits(self, slot_type: str, value: str) -> bool:
        if slot_type == "AMAZON.NUMBER":
            return _is_number(value, self.lexicon, self.language)
        if slot_type == "AMAZON.Ordinal":
            return _is_ordinal(value, self.lexicon, self.language)
        if slot_type == "AMAZON.FOUR_DIGIT_NUMBER":
            return bool(re.fullmatch(r"\d{4}", value.replace(" ", "")))
        if slot_type in self.type_values:
            return value in self.type_values[slot_type]
        return True


def _is_number(value: str, lexicon: Lexicon, language: str) -> bool:
    """"three", "zweiundzwanzig", "12": every word a number (so "red shirts" is not one)."""
    return words_to_number(value, lexicon, language) is not None and all(
        word.isdigit() or words_to_number(word, lexicon, language) is not None for word in value.split()
    )


def _is_ordinal(value: str, lexicon: Lexicon, language: str) -> bool:
    """"second", "zweite", "3rd", "2.", "number two", "last"; not a plain "three", which Alexa hears as a
    number, nor a sentence that merely contains a number ("leg ihn in größe dreiundvierzig ...")."""
    if value in lexicon.ordinals:
        return value not in lexicon.number_units
    if re.fullmatch(r"\d+(?:st|nd|rd|th|\.)", value):
        return True
    rest = value.removeprefix(lexicon.ordinal_prefix)
    return rest != value and _is_number(rest, lexicon, language)


_SPECIFICITY = {SEARCH_QUERY: 0, "AMAZON.NUMBER": 1, "AMAZON.FOUR_DIGIT_NUMBER": 3}
"""How narrow a slot type is (custom types and ordinals: 2); narrower wins a tie, as on Alexa."""
