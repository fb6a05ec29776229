"""Placing orders exactly once, and what can happen to them afterwards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from fulfillment.adapters.sqlite.catalog import CatalogRepository
from fulfillment.adapters.sqlite.customers import CartRepository
from fulfillment.adapters.sqlite.database import Database
from fulfillment.adapters.sqlite.orders import OrderRepository
from fulfillment.domain.errors import BadInput, OrderNotFound, OutOfStock
from fulfillment.domain.ids import speakable_id
from fulfillment.domain.knowledge import Knowledge
from fulfillment.domain.models import CartLine, Customer, Order, OrderLine


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
    def __init__(
        self, db: Database, orders: OrderRepository, catalog: CatalogRepository,
        carts: CartRepository, knowledge: Knowledge,
    ) -> None:
        self.db = db
        self.orders = orders
        self.catalog = catalog
        self.carts = carts
        self.knowledge = knowledge

    def quote(self, lines: tuple[CartLine, ...]) -> Quote:
        subtotal = sum(line.line_cents for line in lines)
        return Quote(lines, subtotal, self.knowledge.shipping_for(subtotal))

    def place(
        self, customer: Customer, lines: tuple[CartLine, ...], idempotency_key: str,
        from_cart: bool,
    ) -> Order:
        """One transaction: stock down (never below zero), order in, cart emptied.

        Replaying the same idempotency key returns the order placed the first time.
        """
        if not lines:
            raise BadInput("There is nothing to order.", code="empty_order")
        quote = self.quote(lines)
        with self.db.transaction() as conn:
            existing = self.orders.by_idempotency_key(conn, idempotency_key)
            if existing is not None:
                return existing
            for line in lines:
                if not self.catalog.decrement_stock(conn, line.sku, line.quantity):
                    raise OutOfStock(f"Not enough stock for {line.title}.", code="out_of_stock")
            when = _now()
            order = Order(
                id=speakable_id(exists=lambda i: self.orders.id_exists(conn, "orders", i)),
                customer_id=customer.id, status="placed",
                lines=tuple(OrderLine(x.sku, x.title, x.quantity, x.price_cents) for x in lines),
                shipping_cents=quote.shipping_cents, total_cents=quote.total_cents,
                placed_at=when, address=customer.address, status_dates={"placed": when},
            )
            self.orders.insert(conn, order, idempotency_key)
            if from_cart:
                self.carts.clear(conn, customer.id)
        return order

    def find(self, customer: Customer, order_id: str | None) -> Order:
        """The named order of this customer, or their latest one."""
        order = self.orders.get(order_id) if order_id else self.orders.latest(customer.id)
        if order is None or order.customer_id != customer.id:
            raise OrderNotFound(f"No order {order_id or ''} for this customer.".replace("  ", " "))
        return order

    def cancel(self, order: Order) -> Order:
        if not order.cancellable:
            raise BadInput("The order has already shipped.", code="not_cancellable")
        with self.db.transaction() as conn:
            if not self.orders.set_status(conn, order, "cancelled", _now()):
                raise BadInput("The order changed meanwhile.", code="not_cancellable")
            for line in order.lines:
                self.catalog.restock(conn, line.sku, line.quantity)
        cancelled = self.orders.get(order.id)
        assert cancelled is not None
        return cancelled

    def start_return(self, order: Order) -> str:
        if order.status != "delivered":
            raise BadInput("Only delivered orders can be returned.", code="not_returnable")
        with self.db.transaction() as conn:
            return_id = "R" + speakable_id(5, exists=lambda i: self.orders.id_exists(conn, "returns", "R" + i))
            self.orders.add_return(conn, return_id, order.id, _now())
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
