"""SQL of data protection: retention settings, purges, a customer's data (export) and its erasure."""

from __future__ import annotations

import json
import sqlite3
from typing import Any, cast

from fulfillment.adapters.ports import ShopDatabase
from fulfillment.adapters.sqlite.database import Database

_JSON_COLUMNS = {"entities", "timings", "asr", "result", "state", "conversation", "cart", "sizes",
                 "favourite_brands", "status_dates"}


def _row(row: sqlite3.Row) -> dict[str, Any]:
    out = dict(row)
    for key in _JSON_COLUMNS & out.keys():
        if isinstance(out[key], str):
            out[key] = json.loads(out[key])
    return out


def _referencing(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """(table, column) pairs with a foreign key to `table`: later schema versions may add some (annotations)."""
    if not isinstance(conn, sqlite3.Connection):  # PostgreSQL in SQLite's shape (adapters/postgres/facade.py)
        return list(conn.foreign_keys_to(table))
    found = []
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
        for key in conn.execute(f"PRAGMA foreign_key_list('{name}')").fetchall():
            if key["table"] == table:
                found.append((name, key["from"]))
    return found


class PrivacyStore:
    def __init__(self, db: ShopDatabase) -> None:
        self.db = db

    # --- retention settings ---

    def retention_rows(self) -> dict[str, int]:
        rows = self.db.connection().execute("SELECT name, days FROM retention_settings").fetchall()
        return {name: days for name, days in rows}

    def set_retention_row(self, conn: sqlite3.Connection, name: str, days: int, at: str, by: str | None) -> None:
        conn.execute(
            "INSERT INTO retention_settings (name, days, updated_at, updated_by) VALUES (?,?,?,?)"
            " ON CONFLICT (name) DO UPDATE SET days = excluded.days, updated_at = excluded.updated_at,"
            " updated_by = excluded.updated_by",
            (name, days, at, by),
        )

    # --- purges ---

    def delete_turns(self, conn: sqlite3.Connection, where: str, params: tuple[Any, ...]) -> list[str]:
        """Deletes the turns matching `where` (and rows that point at them); returns their ids."""
        ids = [r[0] for r in conn.execute(f"SELECT id FROM turns WHERE {where}", params).fetchall()]
        for table, column in _referencing(conn, "turns"):
            conn.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM turns WHERE {where})", params)
        conn.execute(f"DELETE FROM turns WHERE {where}", params)
        return ids

    def delete_idle_sessions(self, conn: sqlite3.Connection, before: str) -> int:
        """Dialogue state of sessions without turns left, untouched since `before`."""
        return conn.execute(
            "DELETE FROM sessions WHERE updated_at < ?"
            " AND NOT EXISTS (SELECT 1 FROM turns WHERE turns.session_id = sessions.id)",
            (before,),
        ).rowcount

    def clear_ticket_conversations(self, conn: sqlite3.Connection, before: str) -> int:
        """Tickets keep a copy of the conversation; it expires with the transcripts."""
        return conn.execute(
            "UPDATE tickets SET conversation = '[]', reason = '' WHERE created_at < ?"
            " AND (conversation != '[]' OR reason != '')",
            (before,),
        ).rowcount

    def unredacted_turns(self, limit: int = 500) -> list[dict[str, Any]]:
        """Turns stored before redaction existed (schema version 4 and older)."""
        rows = self.db.connection().execute(
            "SELECT id, text, reply, entities, result FROM turns WHERE text_raw IS NULL LIMIT ?", (limit,)
        ).fetchall()
        return [_row(r) for r in rows]

    def update_turn_text(
        self, conn: sqlite3.Connection, turn_id: str, text: str, text_raw: str, reply: str | None,
        entities: list[dict[str, Any]], result: dict[str, Any] | None,
    ) -> None:
        conn.execute(
            "UPDATE turns SET text = ?, text_raw = ?, reply = ?, entities = ?, result = ? WHERE id = ?",
            (text, text_raw, reply, json.dumps(entities), json.dumps(result) if result else None, turn_id),
        )

    # --- one customer ---

    def customer_data(self, customer_id: str) -> dict[str, Any] | None:
        conn = self.db.connection()
        profile = conn.execute("SELECT * FROM customers WHERE id = ?", (customer_id,)).fetchone()
        orders = [_row(r) for r in conn.execute(
            "SELECT * FROM orders WHERE customer_id = ? ORDER BY placed_at", (customer_id,)).fetchall()]
        turns = [_row(r) for r in conn.execute(
            "SELECT * FROM turns WHERE customer_id = ? ORDER BY created_at", (customer_id,)).fetchall()]
        if profile is None and not orders and not turns:
            return None
        for order in orders:
            order["items"] = [dict(r) for r in conn.execute(
                "SELECT sku, title, quantity, price_cents FROM order_items WHERE order_id = ? ORDER BY rowid",
                (order["id"],)).fetchall()]
            order.pop("idempotency_key", None)

        def rows(sql: str) -> list[dict[str, Any]]:
            return [_row(r) for r in conn.execute(sql, (customer_id,)).fetchall()]

        return {
            "profile": _row(profile) if profile else None,
            "cart": rows("SELECT sku, quantity, added_at FROM cart_items WHERE customer_id = ? ORDER BY added_at"),
            "orders": orders,
            "returns": rows("SELECT r.* FROM returns r JOIN orders o ON o.id = r.order_id WHERE o.customer_id = ?"
                            " ORDER BY r.created_at"),
            "sessions": rows("SELECT * FROM sessions WHERE customer_id = ? ORDER BY updated_at"),
            "transcripts": turns,
            "tickets": rows("SELECT * FROM tickets WHERE customer_id = ? ORDER BY created_at"),
            "alexa_links": rows("SELECT substr(token_hash, 1, 12) AS token_hash_prefix, created_at"
                                " FROM alexa_links WHERE customer_id = ? ORDER BY created_at"),
        }

    def turn_ids(self, customer_id: str, conn: sqlite3.Connection | None = None) -> list[str]:
        rows = (conn or self.db.connection()).execute("SELECT id FROM turns WHERE customer_id = ?", (customer_id,))
        return [r[0] for r in rows.fetchall()]

    def erase_customer(self, conn: sqlite3.Connection, customer_id: str, pseudonym: str) -> dict[str, int]:
        """Removes what identifies the customer; orders stay for the books under `pseudonym`."""
        counts = {"transcripts": len(self.delete_turns(conn, "customer_id = ?", (customer_id,)))}
        for table, column in _referencing(conn, "sessions"):
            conn.execute(f"DELETE FROM {table} WHERE {column} IN"
                         " (SELECT id FROM sessions WHERE customer_id = ?)", (customer_id,))
        counts["sessions"] = conn.execute("DELETE FROM sessions WHERE customer_id = ?", (customer_id,)).rowcount
        counts["tickets"] = conn.execute(
            "UPDATE tickets SET customer_id = ?, session_id = ?, conversation = '[]', cart = '{}', reason = '',"
            " notes = '' WHERE customer_id = ?", (pseudonym, pseudonym, customer_id)).rowcount
        counts["cart_items"] = conn.execute("DELETE FROM cart_items WHERE customer_id = ?", (customer_id,)).rowcount
        counts["alexa_links"] = conn.execute("DELETE FROM alexa_links WHERE customer_id = ?", (customer_id,)).rowcount
        counts["orders"] = conn.execute(
            "UPDATE orders SET customer_id = ?, address = NULL, idempotency_key = NULL WHERE customer_id = ?",
            (pseudonym, customer_id)).rowcount
        conn.execute("UPDATE audit_log SET subject = ? WHERE subject = ?", (pseudonym, customer_id))
        for table, column in _referencing(conn, "customers"):
            conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (customer_id,))
        counts["customer"] = conn.execute("DELETE FROM customers WHERE id = ?", (customer_id,)).rowcount
        return counts

    def compact(self) -> bool:
        """Makes deleted rows unreadable in the file: merges full-text indexes (their old segments still hold
        deleted words), rewrites the file (VACUUM) and empties the write-ahead log. False if another process
        kept the database busy; the next compaction finishes the job."""
        if not isinstance(self.db, Database):  # PostgreSQL (adapters/postgres): VACUUM of its own
            return bool(cast(Any, self.db).compact())
        conn = self.db.connection()
        try:
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"
            ).fetchall():
                conn.execute(f"INSERT INTO {name} ({name}) VALUES ('optimize')")
            conn.execute("VACUUM")
            busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except sqlite3.OperationalError:
            return False
        return not busy
