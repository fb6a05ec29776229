"""Domain events: facts a unit of work records, published only after it commits."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from fulfillment.domain.models import Customer, Order

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DomainEvent:
    """Base of every event."""


@dataclass(frozen=True)
class OrderPlaced(DomainEvent):
    """An order was committed (from any channel: HTTP, voice, Alexa)."""

    order: Order
    customer: Customer


Handler = Callable[[DomainEvent], None]


class EventBus:
    """Hands committed events to their subscribers; a failing subscriber never undoes the commit."""

    def __init__(self) -> None:
        self._handlers: dict[type[DomainEvent], list[Handler]] = {}

    def subscribe(self, kind: type[DomainEvent], handler: Handler) -> None:
        self._handlers.setdefault(kind, []).append(handler)

    def publish(self, events: list[DomainEvent]) -> None:
        for event in events:
            for handler in self._handlers.get(type(event), ()):
                try:
                    handler(event)
                except Exception:  # the order stands; its e-mail (say) is what failed
                    log.exception("handler %r failed for %s", handler, type(event).__name__)
