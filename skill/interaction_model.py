"""Generate an Alexa interaction model (one per locale: en-US, de-DE) from the Rasa NLU data of the
locale's language and the catalog vocabulary in that language.

- Every Rasa intent becomes an Alexa intent (`add_to_cart` -> `AddToCartIntent`) whose samples are
  its examples with entities turned into slots; `affirm`, `deny`, `goodbye`, `help`, `repeat`
  extend the matching AMAZON built-ins instead. Examples Alexa cannot take (digits, a sample already owned by
  another intent) are dropped with a note, never silently.
- `ShopIntent` is the catch-all: carrier phrases + `{query}` (AMAZON.SearchQuery).
- A few intents are always there, for values Alexa recognises best in their own intent:
  `OrderStatusIntent` (`order_id`, spelled-out ids), `QuantityIntent` (`quantity`),
  `VoiceCodeIntent` (`pin`, AMAZON.FOUR_DIGIT_NUMBER keeps leading zeros), `SizeIntent`.
- Custom slot types PRODUCT, BRAND, COLOR, SIZE come from the catalog vocabulary, Rasa lookups,
  synonyms and the entity values in the examples.
- The locale (`skill.locales`) brings the words around them: the invocation name, carrier phrases, the
  seed intents' samples and the catalog templates, in its language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from nlu.rasa_yaml import NluData, NluExample
from skill.locales import SkillLocale
from skill.locales.en_us import EN_US
from skill.model_rules import (
    MAX_SLOT_VALUE_CHARS,
    SEARCH_QUERY,
    sample_key,
    validate_interaction_model,
)
from skill.model_seeds import (
    BUILTIN_INTENTS,
    CATCH_ALL_INTENT,
    ENTITY_SLOT_TYPES,
    QUERY_SLOT,
    RASA_TO_BUILTIN,
    SKIPPED_RASA_INTENTS,
    catalog_samples,
    vocabulary_type,
)

_SLOT_REF = re.compile(r"\{([A-Za-z_]+)\}")

__all__ = ["ModelDraft", "generate_interaction_model", "validate_interaction_model"]


@dataclass
class ModelDraft:
    """A generated model and what was left out of it (and why)."""

    model: dict[str, Any]
    """`{"interactionModel": {"languageModel": ...}}`, as in `custom/<locale>.json`."""
    notes: list[str] = field(default_factory=list)


def alexa_intent_name(rasa_intent: str) -> str:
    if rasa_intent in RASA_TO_BUILTIN:
        return RASA_TO_BUILTIN[rasa_intent]
    words = re.split(r"[^A-Za-z]+", rasa_intent)
    return "".join(word[:1].upper() + word[1:] for word in words if word) + "Intent"


def rasa_intent_name(alexa_intent: str) -> str | None:
    """Inverse of `alexa_intent_name` for generated intents (`AddToCartIntent` -> `add_to_cart`);
    None for names it cannot have made (built-ins, no `Intent` suffix)."""
    if not re.fullmatch(r"[A-Z][A-Za-z]*Intent", alexa_intent):
        return None
    return re.sub(r"(?<!^)(?=[A-Z])", "_", alexa_intent.removesuffix("Intent")).lower()


def slot_entity(slot: str) -> str:
    """The entity a generated slot stands for: inverse of `example_to_sample`'s names (`ordinal_b`)."""
    return re.sub(r"(?:_b)+$", "", slot)


def generate_interaction_model(
    nlu: NluData,
    vocabulary: Mapping[str, Sequence[str]],
    invocation_name: str | None = None,
    carrier_phrases: Iterable[str] | None = None,
    locale: SkillLocale = EN_US,
) -> ModelDraft:
    """Build the model of `locale` (`nlu` and `vocabulary` in its language; the invocation name and
    carrier phrases default to the locale's); validate it with `validate_interaction_model` before use."""
    builder = _ModelBuilder(locale.and_word)
    carriers = locale.carrier_phrases if carrier_phrases is None else carrier_phrases
    builder.add(
        CATCH_ALL_INTENT,
        {QUERY_SLOT: SEARCH_QUERY},
        [f"{carrier} {{{QUERY_SLOT}}}" for carrier in carriers],
    )
    for slot_type, samples_with_slot in catalog_samples(vocabulary, locale.catalog_templates):
        builder.add(CATCH_ALL_INTENT, {slot_type.lower(): slot_type}, ())
        builder.add(CATCH_ALL_INTENT, {}, samples_with_slot)
    for name, slots, samples in locale.seed_intents:
        builder.add(name, slots, samples)
    for name in BUILTIN_INTENTS:
        builder.add(name, {}, ())

    for example in nlu.examples:
        if example.intent in SKIPPED_RASA_INTENTS:
            continue
        builder.add_example(example)

    intents = builder.intents()
    used = [slot["type"] for intent in intents for slot in intent.get("slots", [])]
    custom = [name for name in dict.fromkeys(used) if not name.startswith("AMAZON.")]
    types = _slot_types(custom, vocabulary, nlu, locale, builder.notes)
    name = locale.invocation_name if invocation_name is None else invocation_name
    language_model = {"invocationName": name, "intents": intents, "types": types}
    return ModelDraft({"interactionModel": {"languageModel": language_model}}, builder.notes)


def slot_type_for(entity: str) -> str:
    """Alexa slot type of a Rasa entity: built-in where Alexa has one, else a custom type."""
    key = entity.lower()
    if key in ENTITY_SLOT_TYPES:
        return ENTITY_SLOT_TYPES[key]
    if key in ("order_id", "order_number", "order"):
        return "ORDER_ID"
    return re.sub(r"[^A-Z_]", "_", key.upper()).strip("_") or "VALUE"


def example_to_sample(example: NluExample, and_word: str = "and") -> tuple[str, dict[str, str]] | None:
    """`add [two](quantity) [red](color) shirts` -> (`add {quantity} {color} shirts`, slots); "&" is
    said as `and_word`."""
    pieces: list[str] = []
    slots: dict[str, str] = {}
    cursor = 0
    for span in example.entities:
        pieces.append(_clean(example.text[cursor : span.start], and_word))
        name = re.sub(r"[^A-Za-z_]", "", span.entity) or "value"
        while name in slots:
            name += "_b"
        slots[name] = span.entity
        pieces.append("{" + name + "}")
        cursor = span.end
    pieces.append(_clean(example.text[cursor:], and_word))
    sample = " ".join(" ".join(pieces).split())
    if not sample or any(ch.isdigit() for ch in sample):
        return None
    return sample, slots


class _ModelBuilder:
    def __init__(self, and_word: str = "and") -> None:
        self._and_word = and_word
        self._slots: dict[str, dict[str, str]] = {}
        self._samples: dict[str, list[str]] = {}
        self._owner: dict[str, str] = {}
        self.notes: list[str] = []

    def add(self, intent: str, slots: Mapping[str, str], samples: Iterable[str]) -> None:
        known = self._slots.setdefault(intent, {})
        self._samples.setdefault(intent, [])
        for name, slot_type in slots.items():
            known.setdefault(name, slot_type)
        for sample in samples:
            self._add_sample(intent, sample)

    def add_example(self, example: NluExample) -> None:
        intent = alexa_intent_name(example.intent)
        converted = example_to_sample(example, self._and_word)
        if converted is None:
            self.notes.append(f"skipped {example.intent} example {example.text!r}: has digits")
            return
        sample, slot_entities = converted
        if intent.startswith("AMAZON.") and slot_entities:
            self.notes.append(
                f"skipped {example.intent} example {example.text!r}: {intent} takes no slots"
            )
            return
        slots = {name: slot_type_for(entity) for name, entity in slot_entities.items()}
        self.add(intent, slots, [sample])

    def _add_sample(self, intent: str, sample: str) -> None:
        key = sample_key(sample)
        owner = self._owner.setdefault(key, intent)
        if owner == intent and sample not in self._samples[intent]:
            self._samples[intent].append(sample)
        elif owner != intent:
            self.notes.append(f"dropped {sample!r} from {intent}: already a sample of {owner}")

    def intents(self) -> list[dict[str, Any]]:
        result = []
        for name, slots in self._slots.items():
            if not name.startswith("AMAZON.") and not self._samples[name]:
                self.notes.append(f"left out {name}: none of its samples could be used")
                continue
            samples = self._samples[name]
            intent: dict[str, Any] = {"name": name, "samples": samples}
            used = {slot for sample in samples for slot in _SLOT_REF.findall(sample)}
            if used:
                intent["slots"] = [{"name": n, "type": t} for n, t in slots.items() if n in used]
            result.append(intent)
        return result


def _clean(text: str, and_word: str = "and") -> str:
    text = text.lower().replace("&", f" {and_word} ")
    text = re.sub(r"[-_/]", " ", text)
    text = re.sub(r"(?<![^\W\d_])\.|\.(?![^\W\d_])", " ", text)  # keep periods of "t.v." only
    return re.sub(r"[^\w\s'.]|_", " ", text)


def _entity_values(nlu: NluData) -> dict[str, set[str]]:
    values: dict[str, set[str]] = {}
    for example in nlu.examples:
        for span in example.entities:
            values.setdefault(span.entity, set()).add(span.value)
    return values


def _slot_types(
    used: list[str],
    vocabulary: Mapping[str, Sequence[str]],
    nlu: NluData,
    locale: SkillLocale,
    notes: list[str],
) -> list[dict[str, Any]]:
    values: dict[str, list[str]] = {name: [] for name in used}
    for key, words in vocabulary.items():
        if vocabulary_type(key) in values:
            values[vocabulary_type(key)].extend(words)
        elif words:
            notes.append(f"vocabulary {key!r} unused: no intent has a slot of that type")
    examples = [(entity, sorted(words)) for entity, words in _entity_values(nlu).items()]
    for entity, entity_words in [*nlu.lookups.items(), *examples]:
        slot_type = slot_type_for(entity)
        if slot_type in values:
            values[slot_type].extend(entity_words)
    if "SIZE" in values and "SIZE" not in {vocabulary_type(key) for key in vocabulary}:
        values["SIZE"].extend(locale.default_sizes)
    if "ORDER_ID" in values and not values["ORDER_ID"]:
        values["ORDER_ID"].extend(locale.default_order_ids)
    return [
        {"name": name, "values": _slot_values(name, words, nlu.synonyms, notes)}
        for name, words in values.items()
    ]


def _slot_values(
    slot_type: str, words: Iterable[str], synonyms: Mapping[str, list[str]], notes: list[str]
) -> list[dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    lowered_synonyms = {canonical.lower(): others for canonical, others in synonyms.items()}
    for word in words:
        value = " ".join(str(word).split())
        if not value or value.lower() in entries:
            continue
        if len(value) > MAX_SLOT_VALUE_CHARS:
            notes.append(f"skipped {slot_type} value {value[:40]!r}...: too long")
            continue
        name: dict[str, Any] = {"value": value}
        extra = [s for s in lowered_synonyms.get(value.lower(), []) if len(s) <= 140]
        if extra:
            name["synonyms"] = list(dict.fromkeys(extra))
        entries[value.lower()] = {"name": name}
    return list(entries.values())
