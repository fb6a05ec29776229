"""The intents and slot types every Emma interaction model has, in any locale.

The words of each locale (carrier phrases, seed samples, catalog templates) are in `skill/locales/`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

CATCH_ALL_INTENT = "ShopIntent"
QUERY_SLOT = "query"
"""The catch-all's AMAZON.SearchQuery slot: the shopper's own words."""
VOICE_CODE_SLOT = "pin"
"""VoiceCodeIntent's slot: a secret, so it is never an entity nor part of the transcript."""
BUILTIN_INTENTS = (
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.CancelIntent",
    "AMAZON.FallbackIntent",
    "AMAZON.NavigateHomeIntent",
    "AMAZON.YesIntent",
    "AMAZON.NoIntent",
    "AMAZON.RepeatIntent",
    "AMAZON.NextIntent",
)
"""The same names in every locale (Alexa ships their samples in each language)."""
RASA_TO_BUILTIN = {
    "affirm": "AMAZON.YesIntent",
    "deny": "AMAZON.NoIntent",
    "goodbye": "AMAZON.StopIntent",
    "help": "AMAZON.HelpIntent",
    "repeat": "AMAZON.RepeatIntent",
    "stop": "AMAZON.StopIntent",
}
SKIPPED_RASA_INTENTS = frozenset({"nlu_fallback", "out_of_scope"})
ENTITY_SLOT_TYPES = {
    "product": "PRODUCT",
    "brand": "BRAND",
    "color": "COLOR",
    "colour": "COLOR",
    "size": "SIZE",
    "quantity": "AMAZON.NUMBER",
    "number": "AMAZON.NUMBER",
    "amount": "AMAZON.NUMBER",
    "count": "AMAZON.NUMBER",
    "ordinal": "AMAZON.Ordinal",
    "pin": "AMAZON.FOUR_DIGIT_NUMBER",
    "voice_code": "AMAZON.FOUR_DIGIT_NUMBER",
    "code": "AMAZON.FOUR_DIGIT_NUMBER",
}
_SLOT_REF = re.compile(r"\{([a-z_]+)\}")


def catalog_samples(
    vocabulary: Mapping[str, Sequence[str]], templates: Mapping[str, Sequence[str]]
) -> list[tuple[str, list[str]]]:
    """Catch-all samples naming catalog words, so Alexa learns the vocabulary in context: the locale's
    templates (by the slot type they teach) whose slot types all have words; none without products."""
    present = {vocabulary_type(key) for key, words in vocabulary.items() if words}
    if "PRODUCT" not in present:
        return []
    result = []
    for slot_type, samples in templates.items():
        usable = [s for s in samples if {slot.upper() for slot in _SLOT_REF.findall(s)} <= present]
        if slot_type in present and usable:
            result.append((slot_type, usable))
    return result


def vocabulary_type(key: str) -> str:
    """Slot type of a vocabulary key: `products`, `Colours`, `SIZE` -> PRODUCT, COLOR, SIZE."""
    upper = key.strip().upper()
    aliases = {
        "PRODUCTS": "PRODUCT",
        "BRANDS": "BRAND",
        "COLORS": "COLOR",
        "COLOURS": "COLOR",
        "COLOUR": "COLOR",
        "SIZES": "SIZE",
    }
    return aliases.get(upper, upper)
