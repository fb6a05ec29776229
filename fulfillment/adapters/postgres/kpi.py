"""SQL behind the shop KPIs on PostgreSQL: the figures of SQLite's KpiStore (fulfillment/adapters/sqlite/kpi.py).

Every query covers turns with `since <= created_at < before` (ISO strings, compared as text on both).
"""

from __future__ import annotations

from typing import Any

from fulfillment.adapters.postgres.database import PgDatabase
from fulfillment.adapters.postgres.review import FLAG_SQL

_RANGE = "t.created_at >= %(since)s AND t.created_at < %(before)s"


def _flag(name: str) -> str:
    return f"coalesce({FLAG_SQL[name]}, false)::int"


class PgKpiStore:
    def __init__(self, db: PgDatabase) -> None:
        self.db = db

    def _all(self, sql: str, since: str, before: str, **extra: Any) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.rows(sql, {"since": since, "before": before, **extra})]

    def sessions_per_day(self, since: str, before: str) -> list[dict[str, Any]]:
        """A conversation counts on the day of its first turn in the period."""
        return self._all(
            "SELECT substr(first, 1, 10) AS day, count(*) AS conversations FROM"
            f" (SELECT min(t.created_at) AS first FROM turns t WHERE {_RANGE} GROUP BY t.session_id) AS s"
            " GROUP BY day ORDER BY day", since, before)

    def sessions_by_channel(self, since: str, before: str) -> list[dict[str, Any]]:
        return self._all(
            f"SELECT t.channel, count(DISTINCT t.session_id) AS conversations FROM turns t WHERE {_RANGE}"
            " GROUP BY t.channel ORDER BY conversations DESC, t.channel", since, before)

    def session_outcomes(self, since: str, before: str) -> dict[str, int]:
        """Conversations, and how many placed an order, fell back, or asked for a person."""
        rows = self._all(
            "SELECT count(*) AS conversations, coalesce(sum(ordered), 0) AS ordered,"
            f" coalesce(sum(handoff), 0) AS handoff FROM (SELECT max({_flag('order_placed')}) AS ordered,"
            f" max({_flag('handoff')}) AS handoff FROM turns t WHERE {_RANGE} GROUP BY t.session_id) AS s",
            since, before)
        return {k: int(v) for k, v in rows[0].items()}

    def turn_outcomes(self, since: str, before: str) -> dict[str, int]:
        rows = self._all(
            f"SELECT count(*) AS turns, coalesce(sum({_flag('fallback')}), 0) AS fallback,"
            f" coalesce(sum({_flag('no_results')}), 0) AS no_results FROM turns t WHERE {_RANGE}",
            since, before)
        return {k: int(v) for k, v in rows[0].items()}

    def voice_orders(self, since: str, before: str) -> list[dict[str, Any]]:
        """Orders placed through a turn (joined on the turn's idempotency key), one row each."""
        return [{**r, "total_cents": int(r["total_cents"])} for r in self._all(
            "SELECT o.id, o.status, o.total_cents, min(t.channel) AS channel, substr(min(t.created_at), 1, 10) AS day"
            " FROM turns t JOIN orders o ON o.idempotency_key = t.idempotency_key"
            f" WHERE t.action = 'place_order' AND {_RANGE} GROUP BY o.id ORDER BY day", since, before)]

    def audio_counts(self, since_day: str, until_day: str) -> list[dict[str, Any]]:
        return self._all(
            "SELECT channel, sum(audio_turns)::int AS audio_turns, sum(no_speech)::int AS no_speech FROM audio_stats"
            " WHERE day >= %(since)s AND day <= %(before)s GROUP BY channel ORDER BY channel", since_day, until_day)

    def stage_timings(self, since: str, before: str) -> list[tuple[str, float]]:
        rows = self.db.rows(
            f"SELECT j.key, j.value::text FROM turns t, json_each(t.timings::json) AS j WHERE {_RANGE}"
            " AND json_typeof(j.value) = 'number'", {"since": since, "before": before})
        return [(r[0], float(r[1])) for r in rows]

    def top_intents(self, since: str, before: str, limit: int) -> list[dict[str, Any]]:
        return self._all(
            f"SELECT t.intent, count(*) AS turns FROM turns t WHERE {_RANGE} AND t.intent IS NOT NULL"
            " GROUP BY t.intent ORDER BY turns DESC, t.intent LIMIT %(limit)s", since, before, limit=limit)

    def failed_searches(self, since: str, before: str) -> list[dict[str, Any]]:
        return self._all(
            f"SELECT t.text, t.entities FROM turns t WHERE {_RANGE} AND {FLAG_SQL['no_results']}", since, before)
