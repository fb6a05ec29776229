"""Dialogue state per session, the transcript store and handoff tickets."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from fulfillment.adapters.sqlite.database import Database
from fulfillment.domain.privacy.redaction import redact, redact_entities, redact_result
from fulfillment.domain.turns import TurnRecord


def scoped_key(customer_id: str, key: str | None) -> str | None:
    """Idempotency keys are unique per customer: another customer's key never finds this one's turn
    or order. Customer ids never contain '/', so the scoped form is unambiguous."""
    return f"{customer_id}/{key}" if key else None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class SessionRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def load(self, session_id: str) -> tuple[str, dict[str, Any]] | None:
        row = self.db.connection().execute(
            "SELECT customer_id, state FROM sessions WHERE id = ?", (session_id,)
        ).fetchone()
        return (row[0], json.loads(row[1])) if row else None

    def save(self, session_id: str, customer_id: str, state: dict[str, Any]) -> None:
        self.db.writer().execute(
            "INSERT INTO sessions (id, customer_id, state, updated_at) VALUES (?,?,?,?)"
            " ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id,"
            " state = excluded.state, updated_at = excluded.updated_at",
            (session_id, customer_id, json.dumps(state), _now()),
        )


class TranscriptRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(self, turn: TurnRecord) -> None:
        """Stores the turn redacted: `text` without personal data, `text_raw` without card data, and the
        reply, entities and result copy likewise."""
        text = redact(turn.text)
        self.db.writer().execute(
            "INSERT INTO turns (id, idempotency_key, session_id, customer_id, channel, created_at,"
            " text, text_raw, intent, confidence, entities, action, reply, timings, asr, error, result)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                turn.id, scoped_key(turn.customer_id, turn.idempotency_key), turn.session_id,
                turn.customer_id, turn.channel,
                _now(), text.text, text.raw, turn.intent, turn.confidence,
                json.dumps(redact_entities(turn.entities)), turn.action,
                redact(turn.reply).text if turn.reply else turn.reply, json.dumps(turn.timings or {}),
                json.dumps(turn.asr) if turn.asr else None, turn.error,
                json.dumps(redact_result(turn.result)) if turn.result else None,
            ),
        )

    def result_for_key(self, customer_id: str, key: str) -> dict[str, Any] | None:
        row = self.db.connection().execute(
            "SELECT result FROM turns WHERE idempotency_key = ?", (scoped_key(customer_id, key),)
        ).fetchone()
        return json.loads(row[0]) if row and row[0] else None

    def for_session(self, session_id: str, limit: int = 50) -> list[dict[str, Any]]:
        rows = self.db.connection().execute(
            "SELECT created_at, channel, text, intent, confidence, action, reply FROM turns"
            " WHERE session_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?",
            (session_id, limit),
        ).fetchall()
        return [dict(r) for r in reversed(rows)]

    def get(self, turn_id: str) -> dict[str, Any] | None:
        row = self.db.connection().execute("SELECT * FROM turns WHERE id = ?", (turn_id,)).fetchone()
        return dict(row) if row else None


class TicketRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def open(
        self, ticket_id: str, session_id: str, customer_id: str,
        reason: str, conversation: list[dict[str, Any]], cart: dict[str, Any],
    ) -> None:
        self.db.writer().execute(
            "INSERT INTO tickets (id, session_id, customer_id, reason, conversation, cart, created_at)"
            " VALUES (?,?,?,?,?,?,?)",
            (ticket_id, session_id, customer_id, redact(reason).text, json.dumps(_redacted(conversation)),
             json.dumps(cart), _now()),
        )

    def open_for_session(self, session_id: str) -> str | None:
        row = self.db.connection().execute(
            "SELECT id FROM tickets WHERE session_id = ? AND status = 'open'", (session_id,)
        ).fetchone()
        return row[0] if row else None


def _redacted(conversation: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A ticket's copy of the conversation (already redacted when it comes from the transcript store)."""
    return [{**line, **{k: redact(line[k]).text for k in ("text", "reply") if isinstance(line.get(k), str)}}
            for line in conversation]
