"""Turns Rasa's entity strings into values the dialogue can use ("two" -> 2, "medium" -> "M")."""

from __future__ import annotations

import re
from typing import Any

from fulfillment.domain.ids import normalize_spoken_id
from nlu.parser import Entity

_UNITS = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_MULTIPLIERS = {"couple": 2, "pair": 2, "dozen": 12, "hundred": 100}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "last": "last", "next": "next", "more": "next", "cheapest": "cheapest", "cheaper": "cheapest",
    "cheap": "cheapest", "expensive": "priciest", "priciest": "priciest",
}
SIZES = {
    "extra small": "XS", "xs": "XS", "x s": "XS", "small": "S", "s": "S", "medium": "M",
    "m": "M", "large": "L", "l": "L", "extra large": "XL", "xl": "XL", "x l": "XL",
    "double extra large": "XXL", "xxl": "XXL",
}


def words_to_number(text: str) -> int | None:
    """'two' -> 2, 'forty five' -> 45, 'one hundred and twenty' -> 120, '3' -> 3, '49.90' -> 49."""
    text = text.lower().replace("-", " ").replace(",", "").strip()
    digits = re.search(r"\d+(?:\.\d+)?", text)
    if digits:
        return int(float(digits.group()))
    total, current, seen = 0, 0, False
    for word in text.split():
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _MULTIPLIERS:  # "a couple" = 2, "two dozen" = 24
            current = max(current, 1) * _MULTIPLIERS[word]
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        elif word in ("and", "euros", "euro", "dollars", "bucks"):
            continue
        else:
            continue
        seen = True
    return total + current if seen else None


def normalize_value(name: str, value: Any) -> Any:
    raw = str(value).strip()
    low = raw.lower()
    if name in ("quantity", "price_max", "price_min"):
        return words_to_number(low)
    if name == "ordinal":
        if low in _ORDINALS:
            return _ORDINALS[low]
        number = words_to_number(low.removeprefix("number "))
        return number if number is not None else low
    if name == "size":
        return SIZES.get(low, raw.upper() if len(raw) <= 3 else raw)
    if name == "order_id":
        return normalize_spoken_id(raw)
    return low


def normalize_entities(raw: list[dict[str, Any]]) -> tuple[Entity, ...]:
    """Rasa entities -> Entity values; entities whose value can't be read are dropped."""
    entities = []
    for item in raw:
        name = item.get("entity")
        if not name:
            continue
        value = normalize_value(name, item.get("value", ""))
        if value is None or value == "":
            continue
        entities.append(Entity(name, value, str(item.get("value", ""))))
    return tuple(entities)
