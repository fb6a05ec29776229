"""The support app's transcript browser on PostgreSQL: conversations (sessions) by filter, and their turns.

The same conditions as SQLite's (fulfillment/adapters/sqlite/review.py) in PostgreSQL's SQL: flags are
aggregated with bool_or, a search result's products are counted in the JSON text, and the words shoppers said
are matched by prefix in a tsvector (config `emma_words`: no stemming, accents folded, like SQLite's FTS5).
"""

from __future__ import annotations

from typing import Any

from fulfillment.adapters.postgres.database import PgDatabase
from fulfillment.adapters.turn_query import TurnQuery

_PRODUCTS = "(t.result::json -> 'data' -> 'products')"
FLAG_SQL = {
    "fallback": "(t.intent = 'nlu_fallback' OR t.action IN ('clarify', 'fallback'))",
    "handoff": "(t.action = 'handoff')",
    "order_placed": "(t.action = 'place_order')",
    "no_results": f"(t.action = 'search' AND coalesce(CASE WHEN json_typeof({_PRODUCTS}) = 'array'"
                  f" THEN json_array_length({_PRODUCTS}) END, 0) = 0)",
}
"""What each flag (turn_query.FLAGS) means, as SQL over one turn `t` (SQLite's json_array_length counts 0 for a
non-array)."""


def where(query: TurnQuery) -> tuple[str, list[Any]]:
    conds: list[str] = []
    params: list[Any] = []
    for sql, value in (
        ("t.created_at >= %s", query.since), ("t.created_at < %s", query.before), ("t.channel = %s", query.channel),
        ("t.customer_id = %s", query.customer), ("t.intent = %s", query.intent),
        ("t.confidence < %s", query.max_confidence),
    ):
        if value is not None:
            conds.append(sql)
            params.append(value)
    conds.extend(FLAG_SQL[flag] for flag in query.flags)
    if query.words:  # each word begins a word of the turn
        conds.append("to_tsvector('emma_words', t.text) @@ (SELECT to_tsquery('emma_words',"
                     " string_agg(quote_literal(w) || ':*', ' & ')) FROM unnest(%s::text[]) AS w)")
        params.append(list(query.words))
    return (" AND ".join(conds) or "TRUE"), params


class PgReviewStore:
    def __init__(self, db: PgDatabase) -> None:
        self.db = db

    def sessions(self, query: TurnQuery, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
        """One row per matching conversation, newest first, and how many there are in all."""
        cond, params = where(query)
        total = self.db.one(f"SELECT count(DISTINCT t.session_id) FROM turns t WHERE {cond}", params)
        rows = self.db.rows(
            f"SELECT t.session_id, count(*) AS matched FROM turns t WHERE {cond}"
            " GROUP BY t.session_id ORDER BY max(t.created_at) DESC, max(t.rowid) DESC LIMIT %s OFFSET %s",
            [*params, limit, offset],
        )
        summaries = self._summaries([r["session_id"] for r in rows])
        return ([{**summaries[r["session_id"]], "matched": r["matched"]} for r in rows],
                int(total[0]) if total else 0)

    def _summaries(self, session_ids: list[str]) -> dict[str, dict[str, Any]]:
        if not session_ids:
            return {}
        flags = ", ".join(f"bool_or({sql})::int AS {name}" for name, sql in FLAG_SQL.items())
        rows = self.db.rows(
            "SELECT t.session_id, min(t.customer_id) AS customer_id,"
            " string_agg(DISTINCT t.channel, ',') AS channels, min(t.created_at) AS started_at,"
            f" max(t.created_at) AS last_at, count(*) AS turns, min(t.confidence) AS min_confidence, {flags},"
            " (SELECT f.text FROM turns f WHERE f.session_id = t.session_id ORDER BY f.created_at, f.rowid LIMIT 1)"
            " AS first_text FROM turns t WHERE t.session_id = ANY(%s) GROUP BY t.session_id",
            (session_ids,),
        )
        return {r["session_id"]: dict(r) for r in rows}

    def turns(self, session_id: str) -> list[dict[str, Any]]:
        """Every turn of a conversation, oldest first, with its annotation if it has one."""
        rows = self.db.rows(
            "SELECT t.*, a.intent AS annotated_intent, a.tags AS annotation_tags FROM turns t"
            " LEFT JOIN turn_annotations a ON a.turn_id = t.id WHERE t.session_id = %s ORDER BY t.created_at, t.rowid",
            (session_id,),
        )
        return [_without_rowid(r) for r in rows]

    def turn(self, turn_id: str) -> dict[str, Any] | None:
        row = self.db.one("SELECT * FROM turns WHERE id = %s", (turn_id,))
        return _without_rowid(row) if row else None

    def choices(self) -> dict[str, list[str]]:
        """Channels and intents seen in the transcripts, for the filter form."""
        return {
            "channels": [r[0] for r in self.db.rows("SELECT DISTINCT channel FROM turns ORDER BY 1")],
            "intents": [r[0] for r in self.db.rows(
                "SELECT DISTINCT intent FROM turns WHERE intent IS NOT NULL ORDER BY 1")],
        }


def _without_rowid(row: Any) -> dict[str, Any]:
    """A turn as SQLite's `SELECT *` gives it (its rowid is implicit there)."""
    out = dict(row)
    out.pop("rowid", None)
    return out
