"""A conversation whose NLU says what each test tells it: the dialogue is what is under test."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fulfillment.domain.conversation import Conversation
from fulfillment.domain.models import Product
from fulfillment.domain.turns import TurnRequest, TurnResult
from nlu.entities import normalize_entities
from nlu.parser import NluResult


class ToldNlu:
    """Answers the next parse with the intent and entities it was told."""

    def __init__(self) -> None:
        self.next: tuple[str, list[tuple[str, Any]]] = ("nlu_fallback", [])

    async def parse(self, text: str) -> NluResult:
        intent, entities = self.next
        raw = [{"entity": name, "value": value} for name, value in entities]
        return NluResult(text, intent, 0.95, normalize_entities(raw), {"entities": raw})


Chat = Callable[..., Awaitable[TurnResult]]


def chat_with(shop: Any) -> Chat:
    nlu = ToldNlu()
    conversation = Conversation(shop, nlu)

    async def chat(text: str, intent: str = "search_product", *entities: tuple[str, Any],
                   customer: str = "demo", session: str = "s1") -> TurnResult:
        nlu.next = (intent, list(entities))
        return await conversation.handle(TurnRequest(session, text, customer, "test"))

    return chat


def listed(shop: Any, result: TurnResult) -> list[Product]:
    """The products a reply listed, from the catalog."""
    return [p for item in result.data.get("products", [])
            if (p := shop.catalog.get(shop.catalog.product_id_for_sku(item["sku"]) or 0)) is not None]
