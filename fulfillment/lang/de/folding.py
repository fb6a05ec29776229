"""German words as the logic compares them: logic folds what was said to plain letters ("günstiger" ->
"gunstiger", "größe" -> "grosse"), so every German cue is listed in both spellings."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import TypeVar

V = TypeVar("V")


def fold(text: str) -> str:
    """'Größe' -> 'grosse', 'günstiger' -> 'gunstiger' (as `catalog_terms.spoken` writes a text)."""
    text = unicodedata.normalize("NFKD", text.lower().replace("ß", "ss"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def both(words: Iterable[str]) -> tuple[str, ...]:
    """The words, then their folded spellings where those differ."""
    items = list(words)
    return tuple(dict.fromkeys([*items, *(fold(w) for w in items)]))


def both_keys(table: Mapping[str, V]) -> dict[str, V]:
    """A table also keyed by the folded spellings of its keys."""
    return {**{fold(k): v for k, v in table.items()}, **table}
