"""Turns Rasa's entity strings into values the dialogue can use ("two" -> 2, "medium" -> "M").

The words come from a language pack's lexicon (English by default, like the Rasa project). Other
languages read spoken numbers with text2num ("neunundvierzig" -> 49), which knows their grammar.
"""

from __future__ import annotations

import re
from typing import Any

from fulfillment.domain.ids import normalize_spoken_id
from fulfillment.lang import DEFAULT
from fulfillment.lang.lexicon import Lexicon
from nlu.parser import Entity

TEXT2NUM_LANGUAGES = frozenset({"de", "fr", "es", "pt", "nl", "da", "it"})
"""Languages whose number words text2num reads; English keeps the lexicon's tables ("a couple")."""


def _spoken_digits(text: str, language: str) -> str:
    """'zweiundzwanzig' -> '22', 'neunundvierzig neunzig' -> '49 90'; other words stay."""
    if language not in TEXT2NUM_LANGUAGES:
        return text
    from text_to_num import alpha2digit

    # threshold 0: small numbers too ("zwei" -> 2); a quantity is usually one.
    return str(alpha2digit(text, language, threshold=0))


def words_to_number(text: str, lexicon: Lexicon = DEFAULT.lexicon, language: str = "en") -> int | None:
    """'two' -> 2, 'forty five' -> 45, 'one hundred and twenty' -> 120, '3' -> 3, '49.90' -> 49;
    in German 'zweiundzwanzig' -> 22 and 'neunundvierzig neunzig' (euros, cents) -> 49."""
    text = text.lower().replace(",", "").strip()
    text = _spoken_digits(text, language).replace("-", " ")
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


def normalize_value(name: str, value: Any, lexicon: Lexicon = DEFAULT.lexicon, language: str = "en") -> Any:
    raw = str(value).strip()
    low = raw.lower()
    if name in ("quantity", "price_max", "price_min", "price_around"):
        return words_to_number(low, lexicon, language)
    if name == "ordinal":
        if low in lexicon.ordinals:
            return lexicon.ordinals[low]
        number = words_to_number(low.removeprefix(lexicon.ordinal_prefix), lexicon, language)
        return number if number is not None else low
    if name == "size":
        if low in lexicon.sizes:
            return lexicon.sizes[low]
        spoken = _spoken_digits(low, language)  # "dreiundvierzig" -> "43"
        raw = spoken if spoken.isdigit() else raw
        return raw.upper() if len(raw) <= 3 else raw
    if name == "order_id":
        return normalize_spoken_id(raw)
    return low


def normalize_entities(
    raw: list[dict[str, Any]], lexicon: Lexicon = DEFAULT.lexicon, language: str = "en"
) -> tuple[Entity, ...]:
    """Rasa entities -> Entity values; entities whose value can't be read are dropped."""
    entities = []
    for item in raw:
        name = item.get("entity")
        if not name:
            continue
        value = normalize_value(name, item.get("value", ""), lexicon, language)
        if value is None or value == "":
            continue
        entities.append(Entity(name, value, str(item.get("value", ""))))
    return tuple(entities)
