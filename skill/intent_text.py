"""Turn what Alexa understood (intent + slots) back into the sentence the conversation core reads.

The core does its own NLU on text, so every Alexa request becomes a short sentence: built-in
intents map to fixed words, slots are filled into a phrase, and intents generated from the Rasa
data are filled into one of their own samples (the `Phrasebook`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nlu.rasa_yaml import load_nlu_data
from skill.interaction_model import generate_interaction_model
from skill.model_rules import language_model

log = logging.getLogger(__name__)

CORE_WORDS = {
    "LaunchRequest": "hello",
    "AMAZON.HelpIntent": "help",
    "AMAZON.StopIntent": "goodbye",
    "AMAZON.CancelIntent": "goodbye",
    "AMAZON.NavigateHomeIntent": "hello",
    "AMAZON.YesIntent": "yes",
    "AMAZON.NoIntent": "no",
}
"""What the core understands for Alexa's built-in requests."""
DECLINE = "no"
"""Cancel while a question is open declines it (never "cancel", which could cancel an order)."""

_SLOT_REF = re.compile(r"\{([A-Za-z_]+)\}")
_SPELLED_LETTER = re.compile(r"(?<![^\W\d_])([^\W\d_])\.")
"""Alexa writes spelled letters as "k. 7 m. 3"; the core reads "k 7 m 3"."""


def slot_values(slots: Mapping[str, Any] | None) -> dict[str, str]:
    """ask-sdk `Slot`s to values, preferring the canonical value entity resolution matched."""
    values: dict[str, str] = {}
    for name, slot in (slots or {}).items():
        value = getattr(slot, "value", None)
        resolved = _resolved_name(slot)
        if resolved or value:
            values[name] = _SPELLED_LETTER.sub(r"\1", str(resolved or value)).strip()
    return {name: value for name, value in values.items() if value}


def shop_text(slots: Mapping[str, str]) -> str | None:
    """ShopIntent: the free query, or the catalog words Alexa recognised."""
    if slots.get("query"):
        return slots["query"]
    words = [slots[name] for name in ("color", "brand", "product", "size") if slots.get(name)]
    return " ".join(words) or None


def order_status_text(slots: Mapping[str, str]) -> str:
    order_id = slots.get("order_id")
    return f"where is order {order_id}" if order_id else "where is my order"


def number_text(slots: Mapping[str, str], name: str) -> str | None:
    """Quantity or voice code: digits as Alexa sent them (a voice code keeps its leading zeros)."""
    value = slots.get(name, "").replace(" ", "")
    return value if value and value != "?" else None


def size_text(slots: Mapping[str, str], last_action: str | None) -> str | None:
    size = slots.get("size")
    if not size:
        return None
    return size if last_action == "ask_size" else f"size {size}"


@dataclass(frozen=True)
class Phrasebook:
    """Samples of the intents generated from the Rasa data, to refill with slot values."""

    samples: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Alexa intent name to its samples, e.g. `AddToCartIntent: ("add {quantity} {product}",)`."""

    @classmethod
    def from_model(cls, model: Mapping[str, Any]) -> Phrasebook:
        intents = language_model(model).get("intents", [])
        return cls(
            {
                intent["name"]: tuple(intent.get("samples", []))
                for intent in intents
                if intent.get("samples") and not intent["name"].startswith("AMAZON.")
            }
        )

    @classmethod
    def from_nlu_dir(cls, directory: Path | None) -> Phrasebook:
        """From `nlu/data/nlu`; empty (with a warning) when the directory is missing."""
        if directory is None or not directory.is_dir():
            log.warning(
                "no NLU data at %s: NLU-derived Alexa intents will use their words only", directory
            )
            return cls()
        draft = generate_interaction_model(load_nlu_data(directory), vocabulary={})
        return cls.from_model(draft.model)

    def knows(self, intent: str) -> bool:
        return intent in self.samples

    def sentence(self, intent: str, slots: Mapping[str, str]) -> str:
        """The first sample whose slots are exactly the filled ones, filled in.

        Falls back to the sample needing the fewest missing slots, and lastly to the intent's
        name as words plus the values (`AddToCartIntent` -> `add to cart two shirts`).
        """
        filled = {name for name, value in slots.items() if value}
        candidates = self.samples.get(intent, ())
        exact = [s for s in candidates if set(_SLOT_REF.findall(s)) == filled]
        usable = exact or sorted(
            (s for s in candidates if set(_SLOT_REF.findall(s)) <= filled),
            key=lambda s: -len(_SLOT_REF.findall(s)),
        )
        if usable:
            return " ".join(_SLOT_REF.sub(lambda m: slots[m[1]], usable[0]).split())
        words = re.sub(r"(?<!^)(?=[A-Z])", " ", intent.removesuffix("Intent")).lower()
        return " ".join([words, *(slots[name] for name in sorted(filled))])


def _resolved_name(slot: Any) -> str | None:
    resolutions = getattr(slot, "resolutions", None)
    for authority in getattr(resolutions, "resolutions_per_authority", None) or []:
        status = getattr(getattr(authority, "status", None), "code", None)
        code = getattr(status, "value", status)
        values = getattr(authority, "values", None) or []
        if code == "ER_SUCCESS_MATCH" and values:
            return getattr(values[0].value, "name", None)
    return None
