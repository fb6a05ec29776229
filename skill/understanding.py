"""What Alexa understood, as the `NluResult` the conversation core reads: no second NLU pass.

Alexa has recognised the intent and filled the slots already. Built-in and seed intents map to
Emma's intents (`ALEXA_TO_EMMA`), the intents generated from Emma's Rasa data map back to their
Rasa names, and slots become entities normalized as Rasa's are (`nlu.entities`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from fulfillment.lang import DEFAULT
from fulfillment.lang.lexicon import Lexicon
from nlu.entities import normalize_entities
from nlu.parser import FALLBACK_INTENT, NluResult
from skill.interaction_model import rasa_intent_name, slot_entity
from skill.model_seeds import CATCH_ALL_INTENT, QUERY_SLOT, VOICE_CODE_SLOT

LAUNCH = "LaunchRequest"
ALEXA_CONFIDENCE = 1.0
"""Alexa sends no confidence: the intent it routed to is taken as certain."""
NEXT = {"ordinal": "next"}

ALEXA_TO_EMMA: Mapping[str, tuple[str, Mapping[str, str]]] = {
    LAUNCH: ("greet", {}),
    "AMAZON.NavigateHomeIntent": ("greet", {}),
    "AMAZON.HelpIntent": ("help", {}),
    "AMAZON.StopIntent": ("goodbye", {}),
    "AMAZON.CancelIntent": ("goodbye", {}),
    "AMAZON.YesIntent": ("affirm", {}),
    "AMAZON.NoIntent": ("deny", {}),
    "AMAZON.RepeatIntent": ("repeat", {}),
    "AMAZON.NextIntent": ("select_option", NEXT),
    "AMAZON.MoreIntent": ("select_option", NEXT),
    CATCH_ALL_INTENT: ("search_product", {}),
    "QuantityIntent": ("add_to_cart", {}),  # "I'll take three", "three of those"
    "SizeIntent": ("select_option", {}),
    # Emma's NLU has no intent for a bare code: an open PIN question reads the digits from the
    # words, anywhere else four digits are not understood.
    "VoiceCodeIntent": (FALLBACK_INTENT, {}),
}
"""Alexa's built-in and seed intents: Emma's intent, with the entities the intent itself implies."""
DECLINE = "deny"
"""Cancel while a question is open declines it (never `cancel_order`)."""
_SPELLED_LETTER = re.compile(r"(?<![^\W\d_])([^\W\d_])\.")
"""Alexa writes spelled letters as "k. 7 m. 3", "x. l."; Emma reads "k 7 m 3", "x l"."""


def emma_intent(alexa_intent: str) -> str | None:
    """Emma's intent for an Alexa request or intent name; None when it has no meaning for Emma."""
    if alexa_intent in ALEXA_TO_EMMA:
        return ALEXA_TO_EMMA[alexa_intent][0]
    return rasa_intent_name(alexa_intent)


def understood(
    alexa_intent: str, slots: Mapping[str, str], lexicon: Lexicon = DEFAULT.lexicon, language: str = "en",
) -> NluResult:
    """The NLU result of one Alexa request (`LaunchRequest` or an intent name) and its slot values;
    `lexicon` and `language` are the request's, for values like "two", "zweiundzwanzig" or "medium"."""
    name = emma_intent(alexa_intent)
    if name is None:
        raise ValueError(f"{alexa_intent} has no Emma intent")
    implied = ALEXA_TO_EMMA.get(alexa_intent, (name, {}))[1]
    raw = [{"entity": entity, "value": value} for entity, value in implied.items()]
    raw += [
        {"entity": slot_entity(slot), "value": value}
        for slot, value in slots.items()
        if slot not in (QUERY_SLOT, VOICE_CODE_SLOT)
    ]
    return NluResult(words(slots), name, ALEXA_CONFIDENCE, normalize_entities(raw, lexicon, language))


def words(slots: Mapping[str, str]) -> str:
    """What the shopper said as far as Alexa tells: the free query, else the slot values."""
    return slots.get(QUERY_SLOT) or " ".join(slots.values())


def transcript(alexa_intent: str, slots: Mapping[str, str]) -> str:
    """The turn's text for the record: the words without the voice code, else the intent's name."""
    public = {slot: value for slot, value in slots.items() if slot != VOICE_CODE_SLOT}
    return words(public) or alexa_intent


def slot_values(slots: Mapping[str, Any] | None) -> dict[str, str]:
    """ask-sdk `Slot`s to values, preferring the canonical value entity resolution matched."""
    values: dict[str, str] = {}
    for name, slot in (slots or {}).items():
        value = _resolved_name(slot) or getattr(slot, "value", None)
        if value:
            values[name] = _SPELLED_LETTER.sub(r"\1", str(value)).strip()
    return {name: value for name, value in values.items() if value}


def _resolved_name(slot: Any) -> str | None:
    resolutions = getattr(slot, "resolutions", None)
    for authority in getattr(resolutions, "resolutions_per_authority", None) or []:
        status = getattr(getattr(authority, "status", None), "code", None)
        code = getattr(status, "value", status)
        values = getattr(authority, "values", None) or []
        if code == "ER_SUCCESS_MATCH" and values:
            return getattr(values[0].value, "name", None)
    return None
