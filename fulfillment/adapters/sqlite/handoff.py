"""SQL of the handoff queue: tickets opened when a shopper asks for a person."""

from __future__ import annotations

import json
from typing import Any

from fulfillment.adapters.ports import ShopDatabase

STATUSES = ("open", "claimed", "resolved")


class HandoffStore:
    def __init__(self, db: ShopDatabase) -> None:
        self.db = db

    def list(self, status: str | None, limit: int = 200) -> list[dict[str, Any]]:
        """Open tickets oldest first (first come, first served); others newest first."""
        order = "created_at" if status == "open" else "created_at DESC"
        rows = self.db.connection().execute(
            "SELECT id, session_id, customer_id, status, reason, claimed_by, created_at FROM tickets"
            + (" WHERE status = ?" if status else "") + f" ORDER BY {order} LIMIT ?",
            ((status, limit) if status else (limit,)),
        ).fetchall()
        return [dict(r) for r in rows]

    def counts(self) -> dict[str, int]:
        rows = self.db.connection().execute("SELECT status, count(*) FROM tickets GROUP BY status").fetchall()
        return {status: 0 for status in STATUSES} | {r[0]: r[1] for r in rows}

    def get(self, ticket_id: str) -> dict[str, Any] | None:
        row = self.db.connection().execute("SELECT * FROM tickets WHERE id = ?", (ticket_id,)).fetchone()
        if not row:
            return None
        out = dict(row)
        out["conversation"] = json.loads(out["conversation"] or "[]")
        out["cart"] = json.loads(out["cart"] or "{}")
        return out

    def claim(self, ticket_id: str, user: str) -> bool:
        """Claims an open ticket; False when it is not open any more."""
        with self.db.transaction() as conn:
            return conn.execute(
                "UPDATE tickets SET status = 'claimed', claimed_by = ? WHERE id = ? AND status = 'open'",
                (user, ticket_id),
            ).rowcount == 1

    def append_note(self, ticket_id: str, line: str) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE tickets SET notes = CASE WHEN notes = '' THEN ? ELSE notes || char(10) || ? END WHERE id = ?",
                (line, line, ticket_id),
            )

    def resolve(self, ticket_id: str, user: str) -> bool:
        """Resolves a ticket the user claimed; False otherwise."""
        with self.db.transaction() as conn:
            return conn.execute(
                "UPDATE tickets SET status = 'resolved' WHERE id = ? AND status = 'claimed' AND claimed_by = ?",
                (ticket_id, user),
            ).rowcount == 1
