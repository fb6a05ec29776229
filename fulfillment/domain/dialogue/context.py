"""The objects every dialogue handler receives and returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from types import ModuleType
from typing import Any

from fulfillment.domain.dialogue.state import DialogueState
from fulfillment.domain.models import Customer, Product
from fulfillment.domain.ports import UnitOfWork
from fulfillment.domain.shop import Shop
from fulfillment.domain.understanding import Understood, understand
from fulfillment.lang import DEFAULT, LanguagePack
from fulfillment.lang.lexicon import Lexicon
from nlu.parser import NluResult


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

    @cached_property
    def understood(self) -> Understood:
        """What the utterance asks for, read against the catalog's names (once per turn)."""
        terms = self.shop.search.terms_for(self.lang)
        return understand(self.nlu, terms, self.words, self.shop.recommender.themes(self.lang), self.customer)

    def product(self, product_id: int | None) -> Product | None:
        return self.shop.catalog.get(product_id) if product_id else None

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
        color = self.nlu.first("color")
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
