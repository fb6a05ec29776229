"""Orders, their lines, returns and status changes, on PostgreSQL. Idempotency keys are unique in the table."""

from __future__ import annotations

import json

from fulfillment.adapters.postgres.database import PgDatabase
from fulfillment.adapters.postgres.rows import Row
from fulfillment.adapters.sqlite.conversations import scoped_key
from fulfillment.domain.models import Order, OrderLine


class PgOrders:
    def __init__(self, db: PgDatabase) -> None:
        self.db = db

    def insert(self, order: Order, idempotency_key: str | None) -> None:
        self.db.write(
            "INSERT INTO orders (id, customer_id, idempotency_key, status, address, shipping_cents,"
            " total_cents, placed_at, status_dates) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (order.id, order.customer_id, scoped_key(order.customer_id, idempotency_key), order.status,
             order.address, order.shipping_cents, order.total_cents, order.placed_at,
             json.dumps(order.status_dates)),
        )
        self.db.write_many(
            "INSERT INTO order_items (order_id, sku, title, quantity, price_cents) VALUES (%s, %s, %s, %s, %s)",
            [(order.id, x.sku, x.title, x.quantity, x.price_cents) for x in order.lines],
        )

    def get(self, order_id: str) -> Order | None:
        row = self.db.one("SELECT * FROM orders WHERE id = %s", (order_id,))
        return self._order(row) if row else None

    def by_idempotency_key(self, customer_id: str, key: str) -> Order | None:
        row = self.db.one("SELECT * FROM orders WHERE idempotency_key = %s", (scoped_key(customer_id, key),))
        return self._order(row) if row else None

    def latest(self, customer_id: str) -> Order | None:
        row = self.db.one(
            "SELECT * FROM orders WHERE customer_id = %s ORDER BY placed_at DESC, rowid DESC LIMIT 1", (customer_id,)
        )
        return self._order(row) if row else None

    def for_customer(self, customer_id: str) -> list[Order]:
        rows = self.db.rows(
            "SELECT * FROM orders WHERE customer_id = %s ORDER BY placed_at DESC, rowid DESC", (customer_id,)
        )
        return [self._order(r) for r in rows]

    def set_status(self, order: Order, status: str, when: str) -> bool:
        """Moves an order on only from the status the caller saw (no lost updates across instances)."""
        dates = {**order.status_dates, status: when}
        return self.db.write(
            "UPDATE orders SET status = %s, status_dates = %s WHERE id = %s AND status = %s",
            (status, json.dumps(dates), order.id, order.status),
        ) == 1

    def add_return(self, return_id: str, order_id: str, when: str) -> None:
        self.db.write("INSERT INTO returns (id, order_id, created_at) VALUES (%s, %s, %s)", (return_id, order_id, when))

    def id_taken(self, kind: str, value: str) -> bool:
        if kind not in ("orders", "returns", "tickets"):
            raise ValueError(f"unknown id kind {kind!r}")
        return self.db.one(f"SELECT 1 FROM {kind} WHERE id = %s", (value,)) is not None

    def _order(self, row: Row) -> Order:
        lines = self.db.rows(
            "SELECT sku, title, quantity, price_cents FROM order_items WHERE order_id = %s ORDER BY rowid", (row["id"],)
        )
        return Order(
            id=row["id"], customer_id=row["customer_id"], status=row["status"],
            lines=tuple(OrderLine(r[0], r[1], r[2], int(r[3])) for r in lines),
            shipping_cents=int(row["shipping_cents"]), total_cents=int(row["total_cents"]),
            placed_at=row["placed_at"], address=row["address"], status_dates=json.loads(row["status_dates"]),
        )
