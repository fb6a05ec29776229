"""The NLU interface every channel uses, and its result type."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

FALLBACK_INTENT = "nlu_fallback"


@dataclass(frozen=True)
class Entity:
    entity: str
    value: Any
    """Normalized value: quantities and prices are ints, ordinals ints or 'last'/'next'/'cheapest'."""
    text: str = ""
    """The words the value came from."""

    def to_json(self) -> dict[str, Any]:
        return {"entity": self.entity, "value": self.value}


@dataclass(frozen=True)
class NluResult:
    text: str
    intent: str
    confidence: float
    entities: tuple[Entity, ...] = ()
    raw: dict[str, Any] = field(default_factory=dict, compare=False)
    """Rasa's parse as it came, for `emma nlu parse --json`."""

    def first(self, name: str) -> Any:
        return next((e.value for e in self.entities if e.entity == name), None)

    def all(self, name: str) -> list[Any]:
        return [e.value for e in self.entities if e.entity == name]


class NluParser(Protocol):
    async def parse(self, text: str) -> NluResult: ...


class NluRouter:
    """One NluParser per language of the shop (Rasa serves one model per process); a turn is parsed
    by the parser of its locale's language, or the default language's when the shop lacks it."""

    def __init__(self, parsers: Mapping[str, NluParser], default: str) -> None:
        if default not in parsers:
            raise ValueError(f"No NLU parser for the default language {default!r}.")
        self.parsers = dict(parsers)
        self.default = default

    def for_locale(self, locale: str | None) -> NluParser:
        """`de-DE`, `de_AT`, `de` -> the German parser."""
        language = (locale or "").replace("_", "-").split("-")[0].strip().lower()
        return self.parsers.get(language, self.parsers[self.default])

    async def parse(self, text: str) -> NluResult:
        return await self.parsers[self.default].parse(text)
