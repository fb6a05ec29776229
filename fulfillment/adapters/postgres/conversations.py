"""Dialogue state per session, the transcript and handoff tickets, on PostgreSQL.

Turns of one customer never interleave, whichever instance runs them: reading a turn's idempotency key
inside a unit of work takes the customer's transaction-scoped advisory lock first, and loading a session
takes the session's. Locks are always taken in that order (customer, then session), so turns never
deadlock on them; they are released when the turn commits or rolls back.
"""

from __future__ import annotations

import json
from typing import Any

from fulfillment.adapters.postgres.database import PgDatabase
from fulfillment.adapters.sqlite.conversations import _now, _redacted, scoped_key
from fulfillment.domain.privacy.redaction import redact, redact_entities, redact_result
from fulfillment.domain.turns import TurnRecord

_LOCK = "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))"


class PgSessions:
    def __init__(self, db: PgDatabase) -> None:
        self.db = db

    def load(self, session_id: str) -> tuple[str, dict[str, Any]] | None:
        if self.db.in_transaction:
            self.db.one(_LOCK, ("session:" + session_id,))
        row = self.db.one("SELECT customer_id, state FROM sessions WHERE id = %s", (session_id,))
        return (row[0], json.loads(row[1])) if row else None

    def save(self, session_id: str, customer_id: str, state: dict[str, Any]) -> None:
        self.db.write(
            "INSERT INTO sessions (id, customer_id, state, updated_at) VALUES (%s, %s, %s, %s)"
            " ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id,"
            " state = excluded.state, updated_at = excluded.updated_at",
            (session_id, customer_id, json.dumps(state), _now()),
        )


class PgTurns:
    def __init__(self, db: PgDatabase) -> None:
        self.db = db

    def record(self, turn: TurnRecord) -> None:
        """Stores the turn redacted, as the SQLite store does (see its TranscriptRepository)."""
        text = redact(turn.text)
        self.db.write(
            "INSERT INTO turns (id, idempotency_key, session_id, customer_id, channel, created_at,"
            " text, text_raw, intent, confidence, entities, action, reply, timings, asr, error, result)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (
                turn.id, scoped_key(turn.customer_id, turn.idempotency_key), turn.session_id,
                turn.customer_id, turn.channel, _now(), text.text, text.raw, turn.intent, turn.confidence,
                json.dumps(redact_entities(turn.entities)), turn.action,
                redact(turn.reply).text if turn.reply else turn.reply, json.dumps(turn.timings or {}),
                json.dumps(turn.asr) if turn.asr else None, turn.error,
                json.dumps(redact_result(turn.result)) if turn.result else None,
            ),
        )

    def result_for_key(self, customer_id: str, key: str) -> dict[str, Any] | None:
        """Inside a unit of work this first waits for the customer's running turn (on any instance) to end."""
        if self.db.in_transaction:
            self.db.one(_LOCK, ("customer:" + customer_id,))
        row = self.db.one("SELECT result FROM turns WHERE idempotency_key = %s", (scoped_key(customer_id, key),))
        return json.loads(row[0]) if row and row[0] else None

    def for_session(self, session_id: str, limit: int = 50) -> list[dict[str, Any]]:
        rows = self.db.rows(
            "SELECT created_at, channel, text, intent, confidence, action, reply FROM turns"
            " WHERE session_id = %s ORDER BY created_at DESC, rowid DESC LIMIT %s",
            (session_id, limit),
        )
        return [dict(r) for r in reversed(rows)]

    def get(self, turn_id: str) -> dict[str, Any] | None:
        row = self.db.one("SELECT * FROM turns WHERE id = %s", (turn_id,))
        return {k: v for k, v in dict(row).items() if k != "rowid"} if row else None


class PgTickets:
    def __init__(self, db: PgDatabase) -> None:
        self.db = db

    def open(self, ticket_id: str, session_id: str, customer_id: str, reason: str,
             conversation: list[dict[str, Any]], cart: dict[str, Any]) -> None:
        self.db.write(
            "INSERT INTO tickets (id, session_id, customer_id, reason, conversation, cart, created_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s)",
            (ticket_id, session_id, customer_id, redact(reason).text, json.dumps(_redacted(conversation)),
             json.dumps(cart), _now()),
        )

    def open_for_session(self, session_id: str) -> str | None:
        row = self.db.one("SELECT id FROM tickets WHERE session_id = %s AND status = 'open'", (session_id,))
        return row[0] if row else None
