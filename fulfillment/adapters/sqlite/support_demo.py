"""SQL used only to lay demo conversations out over past days (screenshots, browser tests)."""

from __future__ import annotations

import json

from fulfillment.adapters.ports import ShopDatabase


class DemoSeedStore:
    def __init__(self, db: ShopDatabase) -> None:
        self.db = db

    def turn_ids(self, session_id: str) -> list[str]:
        rows = self.db.connection().execute(
            "SELECT id FROM turns WHERE session_id = ? ORDER BY created_at", (session_id,)).fetchall()
        return [r[0] for r in rows]

    def backdate(self, turn_id: str, created_at: str, timings: dict[str, float] | None) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE turns SET created_at = ? WHERE id = ?", (created_at, turn_id))
            if timings is not None:
                conn.execute("UPDATE turns SET timings = ? WHERE id = ?", (json.dumps(timings), turn_id))
            conn.execute(
                "UPDATE orders SET placed_at = ? WHERE idempotency_key = (SELECT idempotency_key FROM turns"
                " WHERE id = ?)", (created_at, turn_id))
            conn.execute("UPDATE tickets SET created_at = ? WHERE session_id ="
                         " (SELECT session_id FROM turns WHERE id = ? AND action = 'handoff')", (created_at, turn_id))

    def audio_day(self, day: str, channel: str, audio_turns: int, no_speech: int) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO audio_stats (day, channel, audio_turns, no_speech) VALUES (?,?,?,?)"
                " ON CONFLICT (day, channel) DO UPDATE SET audio_turns = excluded.audio_turns,"
                " no_speech = excluded.no_speech", (day, channel, audio_turns, no_speech))
