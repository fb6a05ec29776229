"""Placing orders exactly once, and what can happen to them afterwards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from fulfillment.domain.errors import BadInput, NotCancellable, NotReturnable, OrderNotFound, OutOfStock
from fulfillment.domain.events import OrderPlaced
from fulfillment.domain.ids import speakable_id
from fulfillment.domain.knowledge import Knowledge
from fulfillment.domain.models import CartLine, Customer, Order, OrderLine
from fulfillment.domain.ports import CatalogReader, UnitOfWork


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Quote:
    """What an order would cost: read back before the shopper says yes."""

    lines: tuple[CartLine, ...]
    subtotal_cents: int
    shipping_cents: int

    @property
    def total_cents(self) -> int:
        return self.subtotal_cents + self.shipping_cents


class OrderService:
    """Quotes, places and changes orders. Every change happens inside the caller's unit of work."""

    def __init__(self, catalog: CatalogReader, knowledge: Knowledge) -> None:
        self.catalog = catalog
        self.knowledge = knowledge

    def quote(self, lines: tuple[CartLine, ...]) -> Quote:
        subtotal = sum(line.line_cents for line in lines)
        return Quote(lines, subtotal, self.knowledge.shipping_for(subtotal))

    def place(
        self, uow: UnitOfWork, customer: Customer, lines: tuple[CartLine, ...], idempotency_key: str,
        from_cart: bool,
    ) -> Order:
        """Stock down (never below zero), order in, cart emptied; an OrderPlaced event for after the commit.

        Replaying the same idempotency key (of the same customer) returns the order placed the first time.
        """
        if not lines:
            raise BadInput("There is nothing to order.", code="empty_order")
        existing = uow.orders.by_idempotency_key(customer.id, idempotency_key)
        if existing is not None:
            return existing
        quote = self.quote(lines)
        taken: list[CartLine] = []
        for line in lines:
            if not uow.stock.decrement_stock(line.sku, line.quantity):
                for done in taken:  # the turn goes on (and commits) without this order: give it all back
                    uow.stock.restock(done.sku, done.quantity)
                raise OutOfStock(sku=line.sku)
            taken.append(line)
        when = _now()
        order = Order(
            id=speakable_id(exists=lambda i: uow.orders.id_taken("orders", i)),
            customer_id=customer.id, status="placed",
            lines=tuple(OrderLine(x.sku, x.title, x.quantity, x.price_cents) for x in lines),
            shipping_cents=quote.shipping_cents, total_cents=quote.total_cents,
            placed_at=when, address=customer.address, status_dates={"placed": when},
        )
        uow.orders.insert(order, idempotency_key)
        if from_cart:
            uow.carts.clear(customer.id)
        uow.events.append(OrderPlaced(order, customer))
        return order

    def find(self, uow: UnitOfWork, customer: Customer, order_id: str | None) -> Order:
        """The named order of this customer, or their latest one."""
        order = uow.orders.get(order_id) if order_id else uow.orders.latest(customer.id)
        if order is None or order.customer_id != customer.id:
            raise OrderNotFound(order_id=order_id)
        return order

    def cancel(self, uow: UnitOfWork, order: Order) -> Order:
        if not order.cancellable or not uow.orders.set_status(order, "cancelled", _now()):
            raise NotCancellable(order_id=order.id)
        for line in order.lines:
            uow.stock.restock(line.sku, line.quantity)
        cancelled = uow.orders.get(order.id)
        assert cancelled is not None
        return cancelled

    def start_return(self, uow: UnitOfWork, order: Order) -> str:
        if order.status != "delivered":
            raise NotReturnable(order_id=order.id)
        return_id = "R" + speakable_id(5, exists=lambda i: uow.orders.id_taken("returns", "R" + i))
        uow.orders.add_return(return_id, order.id, _now())
        return return_id

    def lines_for_reorder(self, order: Order) -> tuple[CartLine, ...]:
        """The last order's items at today's prices (skipping what is no longer sold)."""
        lines = []
        for line in order.lines:
            product_id = self.catalog.product_id_for_sku(line.sku)
            product = self.catalog.get(product_id) if product_id else None
            variant = next((v for v in product.variants if v.sku == line.sku), None) if product else None
            if product and variant:
                lines.append(
                    CartLine(line.sku, product.title, line.quantity, variant.price_cents,
                             variant.color, variant.size)
                )
        return tuple(lines)
