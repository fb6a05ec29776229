"""Customers, their voice PIN state and their carts, on PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from fulfillment.adapters.postgres.database import PgDatabase
from fulfillment.adapters.sqlite.customers import hash_pin
from fulfillment.domain.models import Cart, CartLine, Customer


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class PgCustomers:
    def __init__(self, db: PgDatabase) -> None:
        self.db = db

    def get(self, customer_id: str) -> Customer | None:
        row = self.db.one("SELECT * FROM customers WHERE id = %s", (customer_id,))
        if row is None:
            return None
        return Customer(
            id=row["id"], name=row["name"], address=row["address"], email=row["email"],
            sizes=json.loads(row["sizes"]), favourite_brands=tuple(json.loads(row["favourite_brands"])),
            has_pin=row["pin_hash"] is not None, pin_failures=row["pin_failures"],
        )

    def save(self, conn: object, customer: Customer, pin: str | None = None) -> None:
        """Inserts or updates a customer inside the open transaction (`conn`: the caller's, as for SQLite)."""
        self.db.write(
            "INSERT INTO customers (id, name, email, address, sizes, favourite_brands, pin_hash, created_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
            " email = excluded.email, address = excluded.address, sizes = excluded.sizes,"
            " favourite_brands = excluded.favourite_brands,"
            " pin_hash = coalesce(excluded.pin_hash, customers.pin_hash)",
            (customer.id, customer.name, customer.email, customer.address, json.dumps(customer.sizes),
             json.dumps(list(customer.favourite_brands)), hash_pin(customer.id, pin) if pin else None, _now()),
        )

    def reset_pin_lock(self, customer_id: str) -> None:
        with self.db.transaction():
            self.db.write("UPDATE customers SET pin_failures = 0 WHERE id = %s", (customer_id,))

    def check_pin(self, customer_id: str, pin: str) -> bool:
        row = self.db.one("SELECT pin_hash FROM customers WHERE id = %s FOR UPDATE", (customer_id,))
        ok = row is not None and row[0] == hash_pin(customer_id, pin)
        self.db.write(
            "UPDATE customers SET pin_failures = CASE WHEN %s THEN 0 ELSE pin_failures + 1 END WHERE id = %s",
            (ok, customer_id),
        )
        return ok

    def ids(self) -> list[str]:
        return [r[0] for r in self.db.rows("SELECT id FROM customers ORDER BY id")]


class PgCarts:
    def __init__(self, db: PgDatabase) -> None:
        self.db = db

    def get(self, customer_id: str) -> Cart:
        rows = self.db.rows(
            "SELECT c.sku, c.quantity, v.price_cents, v.color, v.size, p.title FROM cart_items c"
            " JOIN variants v ON v.sku = c.sku JOIN products p ON p.id = v.product_id"
            " WHERE c.customer_id = %s ORDER BY c.added_at, c.rowid",
            (customer_id,),
        )
        return Cart(tuple(
            CartLine(r["sku"], r["title"], r["quantity"], int(r["price_cents"]), r["color"], r["size"]) for r in rows
        ))

    def add(self, customer_id: str, sku: str, quantity: int) -> None:
        self.db.write(
            "INSERT INTO cart_items (customer_id, sku, quantity, added_at) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT (customer_id, sku) DO UPDATE SET quantity = cart_items.quantity + excluded.quantity",
            (customer_id, sku, quantity, _now()),
        )

    def remove(self, customer_id: str, sku: str, quantity: int | None = None) -> None:
        if quantity is None:
            self.db.write("DELETE FROM cart_items WHERE customer_id = %s AND sku = %s", (customer_id, sku))
            return
        self.db.write(
            "UPDATE cart_items SET quantity = quantity - %s WHERE customer_id = %s AND sku = %s AND quantity > %s",
            (quantity, customer_id, sku, quantity),
        )
        self.db.write(
            "DELETE FROM cart_items WHERE customer_id = %s AND sku = %s AND quantity <= %s",
            (customer_id, sku, quantity),
        )

    def clear(self, customer_id: str) -> None:
        self.db.write("DELETE FROM cart_items WHERE customer_id = %s", (customer_id,))
