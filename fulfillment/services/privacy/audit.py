"""Audit log: who read which transcript, and when. Admins see it in the support app."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from fulfillment.adapters.ports import ShopDatabase


@dataclass(frozen=True)
class AuditEntry:
    """One audited access."""

    id: int
    at: str
    """ISO-8601 UTC timestamp."""
    user: str
    """Support user name."""
    action: str
    """What they did, e.g. `view_transcript`, `play_audio`, `view_raw`, `export_customer`."""
    subject: str
    """What they did it to: a session, turn or customer id."""

    def to_json(self) -> dict[str, object]:
        return {"id": self.id, "at": self.at, "user": self.user, "action": self.action, "subject": self.subject}


def record_access(conn: sqlite3.Connection, user: str, action: str, subject: str, at: datetime | None = None) -> None:
    """Appends one entry. Runs on the caller's connection so it joins the caller's transaction, if any."""
    stamp = (at or datetime.now(UTC)).isoformat(timespec="seconds")
    conn.execute(
        "INSERT INTO audit_log (at, user, action, subject) VALUES (?,?,?,?)", (stamp, user, action, subject)
    )


def list_audit(db: ShopDatabase, limit: int = 100, offset: int = 0) -> list[AuditEntry]:
    """Newest first."""
    rows = db.connection().execute(
        "SELECT id, at, user, action, subject FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?", (limit, offset)
    ).fetchall()
    return [AuditEntry(*row) for row in rows]


def count_audit(db: ShopDatabase) -> int:
    return int(db.connection().execute("SELECT count(*) FROM audit_log").fetchone()[0])
