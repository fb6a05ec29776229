"""A benchmark's throwaway EMMA_HOME: seeded before the server starts, audited from its SQLite file.

The benchmark treats the server as a black box, so it reads the database directly (read-only
queries while a server runs) rather than through the service's own repositories.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from fulfillment.tools.serve_process import EMMA


@dataclass(frozen=True)
class PlacedOrder:
    """An order as the database holds it."""

    id: str
    customer_id: str
    status: str
    lines: dict[str, int] = field(default_factory=dict)
    """sku -> quantity"""

    @property
    def units(self) -> int:
        return sum(self.lines.values())


def demo_template(folder: Path, nlu_url: str, nlu_token: str | None) -> Path:
    """`emma setup` once in `folder` (the demo shop); its database is copied for every scenario.
    With EMMA_NLU_URL set, setup does not train a model."""
    env = {**os.environ, "EMMA_NLU_URL": nlu_url, "EMMA_NLU_TOKEN": nlu_token or ""}
    done = subprocess.run([*EMMA, "--home", str(folder), "setup"], env=env, capture_output=True, text=True,
                          timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"emma setup failed:\n{done.stdout[-1500:]}{done.stderr[-1500:]}")
    return folder / "emma.db"


class BenchHome:
    def __init__(self, home: Path) -> None:
        self.home = home
        self.db_path = home / "emma.db"

    @classmethod
    def copy_of(cls, template_db: Path, home: Path) -> BenchHome:
        home.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(template_db)) as src, closing(sqlite3.connect(home / "emma.db")) as dst:
            src.backup(dst)  # consistent even if the template still had a WAL file
        return cls(home)

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        with closing(sqlite3.connect(self.db_path, timeout=30, isolation_level=None)) as conn:
            conn.execute("PRAGMA busy_timeout = 30000")
            yield conn

    # Seeding: only while no server runs on this home.

    def add_customers(self, ids: Iterable[str]) -> None:
        """Customers with an address (so they may order) and no voice PIN (so `yes` places the order)."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(
                "INSERT INTO customers (id, name, address, created_at) VALUES (?, ?, ?, ?)",
                [(i, f"Bench {i}", "Benchstraße 1, 10115 Berlin", now) for i in ids],
            )
            conn.execute("COMMIT")

    def variants(self, product_title: str, size: str | None = None) -> list[str]:
        """The product's variants in `size` (every size when None)."""
        with self.connect() as conn:
            rows = conn.execute(
                "SELECT v.sku FROM variants v JOIN products p ON p.id = v.product_id"
                " WHERE p.title = ? AND (? IS NULL OR v.size = ?) ORDER BY v.sku", (product_title, size, size))
            return [r[0] for r in rows]

    def set_stock(self, stock: dict[str, int]) -> None:
        with self.connect() as conn:
            conn.executemany("UPDATE variants SET stock = ? WHERE sku = ?", [(n, s) for s, n in stock.items()])

    def stock_at_least(self, size: str, units: int) -> None:
        """Every variant of `size` gets at least `units`, so a burst never runs out."""
        with self.connect() as conn:
            conn.execute("UPDATE variants SET stock = max(stock, ?) WHERE size = ?", (units, size))

    # Auditing.

    def stock(self) -> dict[str, int]:
        with self.connect() as conn:
            return {sku: n for sku, n in conn.execute("SELECT sku, stock FROM variants")}

    def orders(self, customer_prefix: str) -> list[PlacedOrder]:
        with self.connect() as conn:
            heads = conn.execute("SELECT id, customer_id, status FROM orders WHERE customer_id LIKE ? ORDER BY id",
                                 (customer_prefix + "%",)).fetchall()
            found = []
            for order_id, customer_id, status in heads:
                lines: dict[str, int] = {}
                for sku, quantity in conn.execute(
                        "SELECT sku, quantity FROM order_items WHERE order_id = ?", (order_id,)):
                    lines[sku] = lines.get(sku, 0) + quantity
                found.append(PlacedOrder(order_id, customer_id, status, lines))
            return found

    def cart_units(self, customer_prefix: str) -> dict[str, int]:
        """customer -> units in their cart (customers with an empty cart are absent)."""
        with self.connect() as conn:
            return dict(conn.execute(
                "SELECT customer_id, sum(quantity) FROM cart_items WHERE customer_id LIKE ? GROUP BY customer_id",
                (customer_prefix + "%",)).fetchall())


EFFECT_QUERIES = {
    "order": "SELECT count(*) FROM orders",
    "cart": "SELECT coalesce(sum(quantity), 0) FROM cart_items",
}
"""What a kill trigger watches: a new order row, or one more unit in any cart."""
