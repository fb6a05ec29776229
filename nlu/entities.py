"""Turns Rasa's entity strings into values the dialogue can use ("two" -> 2, "medium" -> "M").

The words come from a language pack's lexicon (English by default, like the Rasa project).
"""

from __future__ import annotations

import re
from typing import Any

from fulfillment.domain.ids import normalize_spoken_id
from fulfillment.lang import DEFAULT
from fulfillment.lang.lexicon import Lexicon
from nlu.parser import Entity


def words_to_number(text: str, lexicon: Lexicon = DEFAULT.lexicon) -> int | None:
    """'two' -> 2, 'forty five' -> 45, 'one hundred and twenty' -> 120, '3' -> 3, '49.90' -> 49."""
    text = text.lower().replace("-", " ").replace(",", "").strip()
    digits = re.search(r"\d+(?:\.\d+)?", text)
    if digits:
        return int(float(digits.group()))
    total, current, seen = 0, 0, False
    for word in text.split():
        if word in lexicon.number_units:
            current += lexicon.number_units[word]
        elif word in lexicon.number_tens:
            current += lexicon.number_tens[word]
        elif word in lexicon.number_multipliers:  # "a couple" = 2, "two dozen" = 24
            current = max(current, 1) * lexicon.number_multipliers[word]
        elif word in lexicon.number_scales:
            total += max(current, 1) * lexicon.number_scales[word]
            current = 0
        else:  # "and", "euros" and any other word between the numbers
            continue
        seen = True
    return total + current if seen else None


def normalize_value(name: str, value: Any, lexicon: Lexicon = DEFAULT.lexicon) -> Any:
    raw = str(value).strip()
    low = raw.lower()
    if name in ("quantity", "price_max", "price_min"):
        return words_to_number(low, lexicon)
    if name == "ordinal":
        if low in lexicon.ordinals:
            return lexicon.ordinals[low]
        number = words_to_number(low.removeprefix(lexicon.ordinal_prefix), lexicon)
        return number if number is not None else low
    if name == "size":
        return lexicon.sizes.get(low, raw.upper() if len(raw) <= 3 else raw)
    if name == "order_id":
        return normalize_spoken_id(raw)
    return low


def normalize_entities(raw: list[dict[str, Any]], lexicon: Lexicon = DEFAULT.lexicon) -> tuple[Entity, ...]:
    """Rasa entities -> Entity values; entities whose value can't be read are dropped."""
    entities = []
    for item in raw:
        name = item.get("entity")
        if not name:
            continue
        value = normalize_value(name, item.get("value", ""), lexicon)
        if value is None or value == "":
            continue
        entities.append(Entity(name, value, str(item.get("value", ""))))
    return tuple(entities)
