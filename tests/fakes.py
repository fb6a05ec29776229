"""Fakes of Emma's interfaces for fast tests (the real ones are exercised by integration tests)."""

from __future__ import annotations

from nlu.entities import normalize_entities
from nlu.parser import NluResult

Parse = tuple[str, float, list[tuple[str, str]]]


class TableNlu:
    """An NluParser that answers from a table of utterance -> (intent, confidence, entities)."""

    def __init__(self, table: dict[str, Parse]) -> None:
        self.table = table
        self.calls: list[str] = []

    async def parse(self, text: str) -> NluResult:
        self.calls.append(text)
        intent, confidence, entities = self.table.get(text, ("nlu_fallback", 0.3, []))
        raw = [{"entity": name, "value": value} for name, value in entities]
        return NluResult(text, intent, confidence, normalize_entities(raw), {"entities": raw})


# The demo conversation of issue 2, as Rasa should understand it.
DEMO_FLOW: dict[str, Parse] = {
    "hi": ("greet", 0.99, []),
    "do you have rain jackets": ("search_product", 0.98, [("product", "rain jackets")]),
    "the second one": ("select_option", 0.97, [("ordinal", "2")]),
    "is it waterproof": ("product_question", 0.96, []),
    "add two in medium": ("add_to_cart", 0.97, [("quantity", "two"), ("size", "M")]),
    "add it": ("add_to_cart", 0.95, []),
    "medium": ("select_option", 0.7, [("size", "M")]),
    "what's in my cart": ("view_cart", 0.99, []),
    "check out": ("checkout", 0.99, []),
    "yes": ("affirm", 0.99, []),
    "no": ("deny", 0.99, []),
    "where is my order": ("order_status", 0.98, []),
    "order the same again": ("reorder", 0.97, []),
    "more": ("select_option", 0.9, [("ordinal", "next")]),
    "the cheaper one": ("select_option", 0.9, [("ordinal", "cheapest")]),
    "how are the reviews": ("product_question", 0.93, []),
    "what sizes does it come in": ("product_question", 0.95, []),
    "is it in stock in hamburg": ("product_question", 0.93, [("store", "hamburg")]),
    "compare the first and the second": ("compare_products", 0.9, [("ordinal", "1"), ("ordinal", "2")]),
    "i need a gift for my dad": ("recommend", 0.92, [("recipient", "dad")]),
    "something for a hiking trip": ("recommend", 0.92, [("occasion", "hiking trip")]),
    "what goes with it": ("recommend", 0.9, []),
    "what are your opening hours": ("store_info", 0.95, [("topic", "hours")]),
    "talk to a person": ("human_handoff", 0.97, []),
    "say that again": ("repeat", 0.97, []),
    "help": ("help", 0.99, []),
    "bye": ("goodbye", 0.99, []),
    "cancel my order": ("cancel_order", 0.95, []),
    "i want to return my order": ("return_item", 0.93, []),
    "tell me a joke": ("out_of_scope", 0.9, []),
    "blorp fizzle": ("nlu_fallback", 0.2, []),
    "remove it": ("remove_from_cart", 0.95, []),
    "one two three four": ("select_option", 0.5, [("quantity", "one")]),
    "four three two one": ("select_option", 0.5, []),
    "1 1 1 1": ("select_option", 0.5, []),
    "9 8 7 6": ("select_option", 0.5, []),
}
