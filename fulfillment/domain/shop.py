"""The shop as the dialogue sees it: domain services, read models and a unit-of-work factory."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fulfillment.domain.events import EventBus
from fulfillment.domain.knowledge import Knowledge, ShopKnowledge
from fulfillment.domain.orders import OrderService
from fulfillment.domain.ports import CatalogReader, CustomerRepository, UnitOfWork
from fulfillment.domain.recommend import Recommender
from fulfillment.domain.search import ProductSearch


@dataclass(frozen=True)
class ShopRules:
    """The shop's business settings that the dialogue applies."""

    nlu_confidence: float = 0.45
    """Below this intent confidence Emma asks a clarifying question."""
    pin_threshold: float = 100.0
    """Order totals (EUR) at or above this ask for the voice PIN."""
    max_text_chars: int = 500
    """Longer utterances are refused; nobody says 500 characters in one breath."""
    german_form: str = "sie"
    """How German replies address the shopper: "sie" or "du" (a form of address of the language pack)."""


@dataclass(frozen=True)
class Shop:
    """Built once per process by fulfillment.wiring."""

    rules: ShopRules
    catalog: CatalogReader
    customers: CustomerRepository
    search: ProductSearch
    recommender: Recommender
    orders: OrderService
    knowledge_by_language: ShopKnowledge
    """Policies, stores and occasions in each of the shop's languages; a turn reads `knowledge_for` its locale."""
    unit_of_work: Callable[[], UnitOfWork]
    """A new unit of work; one per turn."""
    events: EventBus
    """Receives the events of every committed unit of work (order e-mails subscribe here)."""

    @property
    def knowledge(self) -> Knowledge:
        """The default language's: the shop-wide facts (shipping figures, store ids), whatever a turn's language."""
        return self.knowledge_by_language.default

    def knowledge_for(self, locale: str | None) -> Knowledge:
        """The knowledge in the language of `locale` (`de-DE`, `en`), the default's for one the shop doesn't serve."""
        return self.knowledge_by_language.for_locale(locale)
