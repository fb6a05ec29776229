"""The objects every dialogue handler receives and returns."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from types import ModuleType
from typing import Any, TypeVar

from fulfillment.domain.dialogue.state import DialogueState
from fulfillment.domain.knowledge import Knowledge
from fulfillment.domain.models import CartLine, Customer, Order, OrderLine, Product
from fulfillment.domain.ports import UnitOfWork
from fulfillment.domain.shop import Shop
from fulfillment.domain.understanding import Understood, understand
from fulfillment.lang import DEFAULT, LanguagePack
from fulfillment.lang.lexicon import Lexicon
from nlu.parser import NluResult

Line = TypeVar("Line", CartLine, OrderLine)


@dataclass
class Turn:
    """One utterance being answered."""

    shop: Shop
    uow: UnitOfWork
    """Every change this turn makes goes through it and commits once, with the turn record."""
    customer: Customer
    session_id: str
    nlu: NluResult
    state: DialogueState
    idempotency_key: str
    lang: LanguagePack = DEFAULT
    """The language of the turn's locale: what the handlers say and listen for."""

    @property
    def say(self) -> ModuleType:
        """The prompts of the turn's language: every sentence a reply is made of."""
        return self.lang.prompts

    @property
    def words(self) -> Lexicon:
        """The lexicon of the turn's language: cue phrases, spoken digits, sizes."""
        return self.lang.lexicon

    @property
    def knowledge(self) -> Knowledge:
        """The shop's policies, stores and occasions in the turn's language (the default's if it has none)."""
        return self.shop.knowledge_for(self.lang.code)

    @cached_property
    def understood(self) -> Understood:
        """What the utterance asks for, read against the catalog's names (once per turn)."""
        terms = self.shop.search.terms_for(self.lang)
        return understand(self.nlu, terms, self.words, self.shop.recommender.themes(self.lang), self.customer)

    def product(self, product_id: int | None) -> Product | None:
        return self.shop.catalog.get(product_id) if product_id else None

    def titled(self, lines: tuple[Line, ...]) -> tuple[Line, ...]:
        """Cart or order lines named as the turn's language names their products: the store keeps the
        title in the catalog's own language ("Novablast 4 Running Shoe"), a German turn says the German one."""
        if self.lang is DEFAULT:
            return lines
        catalog = self.shop.catalog
        ids = {line.sku: catalog.product_id_for_sku(line.sku) for line in lines}
        titles = {p.id: p.title for p in catalog.get_many([i for i in ids.values() if i])}
        return tuple(replace(line, title=titles.get(ids[line.sku] or -1, line.title)) for line in lines)

    def titled_order(self, order: Order) -> Order:
        """`order` with its lines named in the turn's language."""
        return replace(order, lines=self.titled(order.lines))

    def listed(self) -> list[Product]:
        return self.shop.catalog.get_many(self.state.listing[: max(self.state.page, 3)])

    def referenced(self) -> Product | None:
        """The product the shopper means: by ordinal, brand or color in the last list, else 'it'."""
        listed = self.listed()
        ordinal = self.nlu.first("ordinal")
        if listed and ordinal is not None:
            if isinstance(ordinal, int) and 1 <= ordinal <= len(listed):
                return listed[ordinal - 1]
            if ordinal == "last":
                return listed[-1]
            if ordinal == "cheapest":
                return min(listed, key=lambda p: p.min_price_cents)
            if ordinal == "priciest":
                return max(listed, key=lambda p: p.min_price_cents)
        brand = self.nlu.first("brand")
        if listed and brand:
            match = next((p for p in listed if p.brand.lower() == brand), None)
            if match:
                return match
        color = self.understood.request.color or self.nlu.first("color")  # the catalog's word ("schwarz": black)
        if listed and color and ordinal is None:
            match = next((p for p in listed if color in p.colors), None)
            if match and self.nlu.intent == "select_option":
                return match
        return self.product(self.state.focus)


@dataclass(frozen=True)
class Reply:
    action: str
    text: str
    data: dict[str, Any] = field(default_factory=dict)
    expects_answer: bool = False
    end_session: bool = False
    counts_as_failure: bool = False
