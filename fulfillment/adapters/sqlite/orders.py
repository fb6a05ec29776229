"""Orders, their lines, returns and status changes."""

from __future__ import annotations

import json
import sqlite3

from fulfillment.adapters.sqlite.conversations import scoped_key
from fulfillment.adapters.sqlite.database import Database
from fulfillment.domain.models import Order, OrderLine


class OrderRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def insert(self, order: Order, idempotency_key: str | None) -> None:
        conn = self.db.writer()
        conn.execute(
            "INSERT INTO orders (id, customer_id, idempotency_key, status, address, shipping_cents,"
            " total_cents, placed_at, status_dates) VALUES (?,?,?,?,?,?,?,?,?)",
            (
                order.id, order.customer_id, scoped_key(order.customer_id, idempotency_key),
                order.status, order.address,
                order.shipping_cents, order.total_cents, order.placed_at, json.dumps(order.status_dates),
            ),
        )
        conn.executemany(
            "INSERT INTO order_items (order_id, sku, title, quantity, price_cents) VALUES (?,?,?,?,?)",
            [(order.id, x.sku, x.title, x.quantity, x.price_cents) for x in order.lines],
        )

    def get(self, order_id: str, conn: sqlite3.Connection | None = None) -> Order | None:
        conn = conn or self.db.connection()
        row = conn.execute("SELECT * FROM orders WHERE id = ?", (order_id,)).fetchone()
        return self._order(conn, row) if row else None

    def by_idempotency_key(self, customer_id: str, key: str) -> Order | None:
        conn = self.db.connection()
        row = conn.execute(
            "SELECT * FROM orders WHERE idempotency_key = ?", (scoped_key(customer_id, key),)
        ).fetchone()
        return self._order(conn, row) if row else None

    def latest(self, customer_id: str) -> Order | None:
        conn = self.db.connection()
        row = conn.execute(
            "SELECT * FROM orders WHERE customer_id = ? ORDER BY placed_at DESC, rowid DESC LIMIT 1",
            (customer_id,),
        ).fetchone()
        return self._order(conn, row) if row else None

    def for_customer(self, customer_id: str) -> list[Order]:
        conn = self.db.connection()
        rows = conn.execute(
            "SELECT * FROM orders WHERE customer_id = ? ORDER BY placed_at DESC, rowid DESC",
            (customer_id,),
        ).fetchall()
        return [self._order(conn, r) for r in rows]

    def set_status(self, order: Order, status: str, when: str) -> bool:
        """Moves an order on only from the status the caller saw (no lost updates)."""
        dates = {**order.status_dates, status: when}
        cur = self.db.writer().execute(
            "UPDATE orders SET status = ?, status_dates = ? WHERE id = ? AND status = ?",
            (status, json.dumps(dates), order.id, order.status),
        )
        return cur.rowcount == 1

    def add_return(self, return_id: str, order_id: str, when: str) -> None:
        self.db.writer().execute(
            "INSERT INTO returns (id, order_id, created_at) VALUES (?,?,?)", (return_id, order_id, when)
        )

    def id_taken(self, kind: str, value: str) -> bool:
        if kind not in ("orders", "returns", "tickets"):
            raise ValueError(f"unknown id kind {kind!r}")
        sql = f"SELECT 1 FROM {kind} WHERE id = ?"
        return self.db.connection().execute(sql, (value,)).fetchone() is not None

    @staticmethod
    def _order(conn: sqlite3.Connection, row: sqlite3.Row) -> Order:
        lines = conn.execute(
            "SELECT sku, title, quantity, price_cents FROM order_items WHERE order_id = ? ORDER BY rowid",
            (row["id"],),
        )
        return Order(
            id=row["id"], customer_id=row["customer_id"], status=row["status"],
            lines=tuple(OrderLine(r[0], r[1], r[2], r[3]) for r in lines),
            shipping_cents=row["shipping_cents"], total_cents=row["total_cents"],
            placed_at=row["placed_at"], address=row["address"],
            status_dates=json.loads(row["status_dates"]),
        )
