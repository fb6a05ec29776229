"""SQL behind the shop KPIs, written once for both backends; `Dialect` holds the few spellings they don't share.

Every query covers turns with `since <= created_at < before` (ISO strings, compared as text on both).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Rows = Callable[[str, Mapping[str, Any]], Sequence[Any]]
"""Runs one query with named parameters; its rows read by column name or position (sqlite3.Row, postgres Row)."""


@dataclass(frozen=True)
class Dialect:
    param: Callable[[str], str]
    """The placeholder of a named parameter: `:name` on SQLite, `%(name)s` on PostgreSQL."""
    flags: Mapping[str, str]
    """The backend's `review.FLAG_SQL`: each turn flag as a condition over one turn `t`."""
    timing_numbers: str
    """`SELECT key, value FROM turns t, ... WHERE ...` over the numbers in each turn's timings JSON, which the
    two backends unpack and type-test differently."""


class SqlKpiStore:
    """The KPI figures (`apps.support.ports.KpiReader`) over `rows`, in `dialect`."""

    def __init__(self, rows: Rows, dialect: Dialect) -> None:
        self._rows = rows
        self.dialect = dialect
        self._range = f"t.created_at >= {dialect.param('since')} AND t.created_at < {dialect.param('before')}"

    def _all(self, sql: str, since: str, before: str, **extra: Any) -> list[dict[str, Any]]:
        return [dict(r) for r in self._rows(sql, {"since": since, "before": before, **extra})]

    def _flag(self, name: str) -> str:
        # 0 or 1 for sum() and max(): PostgreSQL sums no booleans, and a NULL condition (no intent) counts as 0.
        return f"CASE WHEN {self.dialect.flags[name]} THEN 1 ELSE 0 END"

    def sessions_per_day(self, since: str, before: str) -> list[dict[str, Any]]:
        """A conversation counts on the day of its first turn in the period."""
        return self._all(
            "SELECT substr(first, 1, 10) AS day, count(*) AS conversations FROM"
            f" (SELECT min(t.created_at) AS first FROM turns t WHERE {self._range} GROUP BY t.session_id) AS s"
            " GROUP BY day ORDER BY day", since, before)

    def sessions_by_channel(self, since: str, before: str) -> list[dict[str, Any]]:
        return self._all(
            f"SELECT t.channel, count(DISTINCT t.session_id) AS conversations FROM turns t WHERE {self._range}"
            " GROUP BY t.channel ORDER BY conversations DESC, t.channel", since, before)

    def session_outcomes(self, since: str, before: str) -> dict[str, int]:
        """Conversations, and how many placed an order, fell back, or asked for a person."""
        rows = self._all(
            "SELECT count(*) AS conversations, coalesce(sum(ordered), 0) AS ordered,"
            f" coalesce(sum(handoff), 0) AS handoff FROM (SELECT max({self._flag('order_placed')}) AS ordered,"
            f" max({self._flag('handoff')}) AS handoff FROM turns t WHERE {self._range} GROUP BY t.session_id) AS s",
            since, before)
        return {k: int(v) for k, v in rows[0].items()}

    def turn_outcomes(self, since: str, before: str) -> dict[str, int]:
        rows = self._all(
            f"SELECT count(*) AS turns, coalesce(sum({self._flag('fallback')}), 0) AS fallback,"
            f" coalesce(sum({self._flag('no_results')}), 0) AS no_results FROM turns t WHERE {self._range}",
            since, before)
        return {k: int(v) for k, v in rows[0].items()}

    def voice_orders(self, since: str, before: str) -> list[dict[str, Any]]:
        """Orders placed through a turn (joined on the turn's idempotency key), one row each."""
        return [{**r, "total_cents": int(r["total_cents"])} for r in self._all(
            "SELECT o.id, o.status, o.total_cents, min(t.channel) AS channel, substr(min(t.created_at), 1, 10) AS day"
            " FROM turns t JOIN orders o ON o.idempotency_key = t.idempotency_key"
            f" WHERE t.action = 'place_order' AND {self._range} GROUP BY o.id ORDER BY day", since, before)]

    def audio_counts(self, since_day: str, until_day: str) -> list[dict[str, Any]]:
        p = self.dialect.param
        rows = self._all(
            "SELECT channel, sum(audio_turns) AS audio_turns, sum(no_speech) AS no_speech FROM audio_stats"
            f" WHERE day >= {p('since')} AND day <= {p('before')} GROUP BY channel ORDER BY channel",
            since_day, until_day)
        # int(): PostgreSQL's sum() widens its type (to NUMERIC over BIGINT); the figures stay plain ints on both.
        return [{**r, "audio_turns": int(r["audio_turns"]), "no_speech": int(r["no_speech"])} for r in rows]

    def stage_timings(self, since: str, before: str) -> list[tuple[str, float]]:
        rows = self._rows(f"{self.dialect.timing_numbers} AND {self._range}", {"since": since, "before": before})
        return [(r[0], float(r[1])) for r in rows]

    def top_intents(self, since: str, before: str, limit: int) -> list[dict[str, Any]]:
        return self._all(
            f"SELECT t.intent, count(*) AS turns FROM turns t WHERE {self._range} AND t.intent IS NOT NULL"
            f" GROUP BY t.intent ORDER BY turns DESC, t.intent LIMIT {self.dialect.param('limit')}",
            since, before, limit=limit)

    def failed_searches(self, since: str, before: str) -> list[dict[str, Any]]:
        return self._all(
            f"SELECT t.text, t.entities FROM turns t WHERE {self._range} AND {self.dialect.flags['no_results']}",
            since, before)
