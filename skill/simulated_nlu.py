"""A rough stand-in for Alexa's own NLU, for `emma skill simulate`: the most specific sample of the
interaction model that matches the words picks the intent and fills its slots.

Alexa sends intents and slots, never text; without this, a simulated "check out" could only be a
search. Slot values are checked against their type (numbers, ordinals, the custom types' values)
as Alexa would, so "red shirts" is not a quantity.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fulfillment.lang import DEFAULT
from nlu.entities import normalize_value, words_to_number
from nlu.rasa_yaml import load_nlu_data
from skill.interaction_model import generate_interaction_model
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

    @classmethod
    def from_model(cls, model: Mapping[str, Any]) -> SampleMatcher:
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
        return cls(tuple(samples), type_values)

    @classmethod
    def from_nlu_dir(cls, directory: Path) -> SampleMatcher:
        """From Emma's Rasa data, as `emma skill build` generates the model (without the catalog)."""
        return cls.from_model(generate_interaction_model(load_nlu_data(directory), {}).model)

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
        check = _BUILT_IN_TYPES.get(slot_type)
        if check is not None:
            return check(value)
        if slot_type in self.type_values:
            return value in self.type_values[slot_type]
        return True


def _is_ordinal(value: str) -> bool:
    """"second", "3rd", "last"; not a plain "three", which Alexa hears as a number."""
    if value.isdigit() or value in DEFAULT.lexicon.number_units:
        return False
    ordinal = normalize_value("ordinal", value)
    return isinstance(ordinal, int) or ordinal in DEFAULT.lexicon.ordinals.values()


_SPECIFICITY = {SEARCH_QUERY: 0, "AMAZON.NUMBER": 1, "AMAZON.FOUR_DIGIT_NUMBER": 3}
"""How narrow a slot type is (custom types and ordinals: 2); narrower wins a tie, as on Alexa."""
_BUILT_IN_TYPES: Mapping[str, Callable[[str], bool]] = {
    "AMAZON.NUMBER": lambda value: words_to_number(value) is not None
    and all(word.isdigit() or words_to_number(word) is not None for word in value.split()),
    "AMAZON.FOUR_DIGIT_NUMBER": lambda value: bool(re.fullmatch(r"\d{4}", value.replace(" ", ""))),
    "AMAZON.Ordinal": _is_ordinal,
}
