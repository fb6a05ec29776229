"""A benchmark's shop in a PostgreSQL database: seeded before the servers start, audited directly with SQL.

The same methods as BenchHome (a SQLite home), so the reliability scenarios run unchanged on either.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import psycopg

from fulfillment.tools.bench_home import BenchHome, PlacedOrder


class PgBenchHome(BenchHome):
    """`home` holds the instances' own folders (logs); the shop itself is the database at `url`."""

    def __init__(self, home: Path, url: str) -> None:
        super().__init__(home)
        self.url = url

    def connect_pg(self) -> psycopg.Connection[tuple[object, ...]]:
        return psycopg.connect(self.url, autocommit=True)

    def add_customers(self, ids: Iterable[str]) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.connect_pg() as conn, conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO customers (id, name, address, created_at) VALUES (%s, %s, %s, %s)",
                [(i, f"Bench {i}", "Benchstraße 1, 10115 Berlin", now) for i in ids],
            )

    def variants(self, product_title: str, size: str | None = None) -> list[str]:
        with self.connect_pg() as conn:
            rows = conn.execute(
                "SELECT v.sku FROM variants v JOIN products p ON p.id = v.product_id"
                " WHERE p.title = %s AND (%s::text IS NULL OR v.size = %s) ORDER BY v.sku",
                (product_title, size, size)).fetchall()
        return [str(r[0]) for r in rows]

    def set_stock(self, stock: dict[str, int]) -> None:
        with self.connect_pg() as conn, conn.cursor() as cur:
            cur.executemany("UPDATE variants SET stock = %s WHERE sku = %s", [(n, s) for s, n in stock.items()])

    def stock_at_least(self, size: str, units: int) -> None:
        with self.connect_pg() as conn:
            conn.execute("UPDATE variants SET stock = greatest(stock, %s) WHERE size = %s", (units, size))

    def stock(self) -> dict[str, int]:
        with self.connect_pg() as conn:
            return {str(sku): int(str(n)) for sku, n in conn.execute("SELECT sku, stock FROM variants")}

    def orders(self, customer_prefix: str) -> list[PlacedOrder]:
        with self.connect_pg() as conn:
            heads = conn.execute("SELECT id, customer_id, status FROM orders WHERE customer_id LIKE %s ORDER BY id",
                                 (customer_prefix + "%",)).fetchall()
            found = []
            for order_id, customer_id, status in heads:
                lines: dict[str, int] = {}
                for sku, quantity in conn.execute(
                        "SELECT sku, quantity FROM order_items WHERE order_id = %s", (order_id,)):
                    lines[str(sku)] = lines.get(str(sku), 0) + int(str(quantity))
                found.append(PlacedOrder(str(order_id), str(customer_id), str(status), lines))
            return found

    def cart_units(self, customer_prefix: str) -> dict[str, int]:
        with self.connect_pg() as conn:
            rows = conn.execute(
                "SELECT customer_id, sum(quantity) FROM cart_items WHERE customer_id LIKE %s GROUP BY customer_id",
                (customer_prefix + "%",)).fetchall()
        return {str(c): int(str(n)) for c, n in rows}

    def count(self, sql: str) -> int:
        with self.connect_pg() as conn:
            row = conn.execute(sql.encode()).fetchone()
        return int(str(row[0])) if row else 0
