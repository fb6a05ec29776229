"""Customers, their voice PIN state and their carts."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import UTC, datetime

from fulfillment.adapters.sqlite.database import Database
from fulfillment.domain.models import Cart, CartLine, Customer


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def hash_pin(customer_id: str, pin: str) -> str:
    # Salted with the customer id: a 4-digit PIN is weak anyway; the lockout is the real defence.
    return hashlib.sha256(f"{customer_id}:{pin}".encode()).hexdigest()


class CustomerRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, customer_id: str) -> Customer | None:
        row = self.db.connection().execute(
            "SELECT * FROM customers WHERE id = ?", (customer_id,)
        ).fetchone()
        if row is None:
            return None
        return Customer(
            id=row["id"], name=row["name"], address=row["address"], email=row["email"],
            sizes=json.loads(row["sizes"]), favourite_brands=tuple(json.loads(row["favourite_brands"])),
            has_pin=row["pin_hash"] is not None, pin_failures=row["pin_failures"],
        )

    def save(self, conn: sqlite3.Connection, customer: Customer, pin: str | None = None) -> None:
        conn.execute(
            "INSERT INTO customers (id, name, email, address, sizes, favourite_brands, pin_hash,"
            " created_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET name=excluded.name,"
            " email=excluded.email, address=excluded.address, sizes=excluded.sizes,"
            " favourite_brands=excluded.favourite_brands,"
            " pin_hash=coalesce(excluded.pin_hash, customers.pin_hash)",
            (
                customer.id, customer.name, customer.email, customer.address,
                json.dumps(customer.sizes), json.dumps(list(customer.favourite_brands)),
                hash_pin(customer.id, pin) if pin else None, _now(),
            ),
        )

    def check_pin(self, customer_id: str, pin: str) -> bool:
        conn = self.db.writer()
        row = conn.execute("SELECT pin_hash FROM customers WHERE id = ?", (customer_id,)).fetchone()
        ok = row is not None and row[0] == hash_pin(customer_id, pin)
        conn.execute(
            "UPDATE customers SET pin_failures = CASE WHEN ? THEN 0 ELSE pin_failures + 1 END WHERE id = ?",
            (ok, customer_id),
        )
        return ok

    def reset_pin_lock(self, customer_id: str) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE customers SET pin_failures = 0 WHERE id = ?", (customer_id,))

    def ids(self) -> list[str]:
        return [r[0] for r in self.db.connection().execute("SELECT id FROM customers ORDER BY id")]


class CartRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, customer_id: str, conn: sqlite3.Connection | None = None) -> Cart:
        conn = conn or self.db.connection()
        rows = conn.execute(
            "SELECT c.sku, c.quantity, v.price_cents, v.color, v.size, p.title FROM cart_items c"
            " JOIN variants v ON v.sku = c.sku JOIN products p ON p.id = v.product_id"
            " WHERE c.customer_id = ? ORDER BY c.added_at, c.rowid",
            (customer_id,),
        )
        return Cart(
            tuple(
                CartLine(r["sku"], r["title"], r["quantity"], r["price_cents"], r["color"], r["size"])
                for r in rows
            )
        )

    def add(self, customer_id: str, sku: str, quantity: int) -> None:
        self.db.writer().execute(
            "INSERT INTO cart_items (customer_id, sku, quantity, added_at) VALUES (?,?,?,?)"
            " ON CONFLICT (customer_id, sku) DO UPDATE SET quantity = cart_items.quantity + ?",
            (customer_id, sku, quantity, _now(), quantity),
        )

    def remove(self, customer_id: str, sku: str, quantity: int | None = None) -> None:
        conn = self.db.writer()
        if quantity is None:
            conn.execute("DELETE FROM cart_items WHERE customer_id = ? AND sku = ?", (customer_id, sku))
            return
        conn.execute(
            "UPDATE cart_items SET quantity = quantity - ? WHERE customer_id = ? AND sku = ? AND quantity > ?",
            (quantity, customer_id, sku, quantity),
        )
        conn.execute(
            "DELETE FROM cart_items WHERE customer_id = ? AND sku = ? AND quantity <= ?",
            (customer_id, sku, quantity),
        )

    def clear(self, customer_id: str) -> None:
        self.db.writer().execute("DELETE FROM cart_items WHERE customer_id = ?", (customer_id,))
