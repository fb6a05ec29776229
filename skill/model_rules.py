"""Amazon's rules for an Alexa interaction model, checked before anything is written or uploaded.

Limits follow the ASK documentation ("Create the Interaction Model for Your Skill", "Choose the
Invocation Name", "Interaction model limits"): slot values up to 140 characters, at most 50,000 slot
values per skill and 250 intents; sample utterances use letters, spaces, apostrophes and periods
only (numbers spelled out); an `AMAZON.SearchQuery` slot needs a carrier phrase and no other slot.
The words an invocation name may not contain depend on the language (`SkillLocale.invocation_rules`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from skill.locales import InvocationRules
from skill.locales.en_us import INVOCATION_RULES as ENGLISH_RULES

SEARCH_QUERY = "AMAZON.SearchQuery"
REQUIRED_BUILTIN_INTENTS = (
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.CancelIntent",
    "AMAZON.NavigateHomeIntent",
)
MAX_INTENTS = 250
MAX_SAMPLE_CHARS = 200
MAX_SLOT_VALUE_CHARS = 140
MAX_SLOT_VALUES_TOTAL = 50_000
MAX_INVOCATION_CHARS = 50

_INVOCATION = re.compile(r"^[^\W\d_](?:[^\W\d_]|[' .])*$")
_NAME = re.compile(r"^[A-Za-z_]+$")
_SLOT_REF = re.compile(r"\{([^{}]*)\}")
_SAMPLE_TEXT = re.compile(r"^[^\W\d_]+(?:['.][^\W\d_]*)*$")


def language_model(model: Mapping[str, Any]) -> Mapping[str, Any]:
    """Accepts `{interactionModel: {languageModel}}`, `{languageModel}` or the language model."""
    if "interactionModel" in model:
        model = model["interactionModel"]
    return model.get("languageModel", model)


def sample_key(sample: str) -> str:
    """How Amazon compares samples: case and spacing do not count."""
    return " ".join(sample.lower().split())


def validate_interaction_model(model: Mapping[str, Any], rules: InvocationRules = ENGLISH_RULES) -> list[str]:
    """Every rule broken by the model, as readable sentences; empty when the model is fine. `rules` are
    the invocation-name rules of the model's language."""
    lm = language_model(model)
    types = {t.get("name"): t for t in lm.get("types", [])}
    intents = list(lm.get("intents", []))
    problems = check_invocation_name(str(lm.get("invocationName", "")), rules)
    problems += _check_intents(intents, types)
    problems += _check_types(types.values())
    return problems


def check_invocation_name(name: str, rules: InvocationRules = ENGLISH_RULES) -> list[str]:
    label = f"invocation name {name!r}"
    if not _INVOCATION.match(name) or name != name.lower():
        return [f"{label}: use lowercase letters, spaces, apostrophes and periods only"]
    problems = []
    words = name.replace(".", " ").split()
    if len(name) > MAX_INVOCATION_CHARS:
        problems.append(f"{label}: longer than {MAX_INVOCATION_CHARS} characters")
    if len(words) < 2:
        problems.append(f"{label}: needs two or more words")
    if len(words) == 2 and rules.two_word_fillers & set(words):
        problems.append(f"{label}: a two-word name cannot contain an article or preposition")
    for word in words:
        if word.strip("'") in rules.forbidden_words:
            problems.append(f"{label}: contains the forbidden word {word!r}")
    return problems


def _check_intents(intents: list[Mapping[str, Any]], types: Mapping[str, Any]) -> list[str]:
    problems: list[str] = []
    names = [str(intent.get("name", "")) for intent in intents]
    if len(intents) > MAX_INTENTS:
        problems.append(f"{len(intents)} intents, more than the {MAX_INTENTS} allowed")
    for required in REQUIRED_BUILTIN_INTENTS:
        if required not in names:
            problems.append(f"required built-in intent {required} is missing")
    for duplicate in sorted({name for name in names if names.count(name) > 1}):
        problems.append(f"intent {duplicate} is defined more than once")
    owners: dict[str, str] = {}
    for intent in intents:
        problems += _check_intent(intent, types, owners)
    return problems


def _check_intent(
    intent: Mapping[str, Any], types: Mapping[str, Any], owners: dict[str, str]
) -> list[str]:
    name = str(intent.get("name", ""))
    problems = []
    if not name.startswith("AMAZON.") and not _NAME.match(name):
        problems.append(f"intent name {name!r}: letters and underscores only")
    if not name.startswith("AMAZON.") and not intent.get("samples"):
        problems.append(f"intent {name} has no sample utterances")
    slots: dict[str, str] = {}
    for slot in intent.get("slots", []):
        slot_name, slot_type = str(slot.get("name", "")), str(slot.get("type", ""))
        slots[slot_name] = slot_type
        if not _NAME.match(slot_name):
            problems.append(f"{name}: slot name {slot_name!r}: letters and underscores only")
        if not slot_type.startswith("AMAZON.") and slot_type not in types:
            problems.append(f"{name}: slot {slot_name} has undefined type {slot_type!r}")
    seen_here: set[str] = set()
    for sample in intent.get("samples", []):
        problems += _check_sample(name, str(sample), slots)
        key = sample_key(str(sample))
        if key in seen_here:
            problems.append(f"{name}: sample {sample!r} is duplicated")
            continue
        seen_here.add(key)
        owner = owners.setdefault(key, name)
        if owner != name:
            problems.append(f"sample {sample!r} is duplicated across intents {owner} and {name}")
    return problems


def _check_sample(intent: str, sample: str, slots: Mapping[str, str]) -> list[str]:
    label = f"{intent}: sample {sample!r}"
    problems = []
    if len(sample) > MAX_SAMPLE_CHARS:
        problems.append(f"{label}: longer than {MAX_SAMPLE_CHARS} characters")
    used = _SLOT_REF.findall(sample)
    for slot in used:
        if slot not in slots:
            problems.append(f"{label}: slot {{{slot}}} is not defined on {intent}")
    for slot in sorted({slot for slot in used if used.count(slot) > 1}):
        problems.append(f"{label}: slot {{{slot}}} is used twice")
    words = _SLOT_REF.sub(" ", sample).split()
    if any(ch.isdigit() for ch in sample):
        problems.append(f"{label}: spell numbers out as words")
    elif not all(_SAMPLE_TEXT.match(word) for word in words):
        problems.append(f"{label}: use letters, spaces, apostrophes and periods only")
    if not used and not words:
        problems.append(f"{intent}: empty sample")
    if any(slots.get(slot) == SEARCH_QUERY for slot in used):
        if not words:
            problems.append(f"{label}: a {SEARCH_QUERY} slot needs a carrier phrase")
        if len(used) > 1:
            problems.append(f"{label}: a {SEARCH_QUERY} slot cannot share a sample with slots")
    return problems


def _check_types(types: Any) -> list[str]:
    problems: list[str] = []
    total = 0
    for slot_type in types:
        name = str(slot_type.get("name", ""))
        values = list(slot_type.get("values", []))
        total += len(values)
        if not _NAME.match(name):
            problems.append(f"slot type name {name!r}: letters and underscores only")
        if not values:
            problems.append(f"slot type {name} has no values")
        for entry in values:
            spoken = entry.get("name", {})
            for value in [spoken.get("value", ""), *spoken.get("synonyms", [])]:
                if not str(value).strip():
                    problems.append(f"slot type {name}: empty value")
                elif len(str(value)) > MAX_SLOT_VALUE_CHARS:
                    problems.append(
                        f"slot type {name}: value {str(value)[:40]!r}... is longer than "
                        f"{MAX_SLOT_VALUE_CHARS} characters"
                    )
    if total > MAX_SLOT_VALUES_TOTAL:
        problems.append(f"{total} slot values, more than the {MAX_SLOT_VALUES_TOTAL} allowed")
    return problems
