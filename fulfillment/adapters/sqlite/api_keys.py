"""API keys in Emma's database: their hashes and what each may do, never the keys themselves."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from fulfillment.adapters.ports import ShopDatabase


@dataclass(frozen=True)
class ApiKey:
    """One API key as stored: everything but the key."""

    name: str
    prefix: str
    """The key's first characters: not secret; tells keys apart and finds the row to compare."""
    customer_id: str | None
    """The only customer the key may act for; None: any customer (a trusted front end)."""
    scopes: frozenset[str]
    created_at: str
    revoked_at: str | None = None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> ApiKey:
        return cls(row["name"], row["prefix"], row["customer_id"], frozenset(row["scopes"].split()),
                   row["created_at"], row["revoked_at"])


class ApiKeyRepository:
    def __init__(self, db: ShopDatabase) -> None:
        self.db = db

    def add(self, key: ApiKey, key_hash: str) -> bool:
        """False when an active key already has this name."""
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO api_keys (name, prefix, key_hash, customer_id, scopes, created_at)"
                " VALUES (?,?,?,?,?,?)",
                (key.name, key.prefix, key_hash, key.customer_id, " ".join(sorted(key.scopes)), key.created_at),
            )
        return cursor.rowcount == 1

    def active_with_prefix(self, prefix: str) -> list[tuple[ApiKey, str]]:
        """Unrevoked keys starting with `prefix`, each with its stored hash."""
        rows = self.db.connection().execute(
            "SELECT * FROM api_keys WHERE prefix = ? AND revoked_at IS NULL", (prefix,)
        ).fetchall()
        return [(ApiKey.from_row(r), r["key_hash"]) for r in rows]

    def all(self) -> list[ApiKey]:
        rows = self.db.connection().execute("SELECT * FROM api_keys ORDER BY created_at, id").fetchall()
        return [ApiKey.from_row(r) for r in rows]

    def revoke(self, name: str, at: str) -> bool:
        """False when no active key has this name."""
        with self.db.transaction() as conn:
            cursor = conn.execute(
                "UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", (at, name)
            )
        return cursor.rowcount == 1

    def customer_exists(self, customer_id: str) -> bool:
        row = self.db.connection().execute("SELECT 1 FROM customers WHERE id = ?", (customer_id,)).fetchone()
        return row is not None

    def active_count(self) -> int:
        row = self.db.connection().execute("SELECT count(*) FROM api_keys WHERE revoked_at IS NULL").fetchone()
        return int(row[0])
