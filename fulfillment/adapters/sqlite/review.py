"""SQL of the support app's transcript browser: conversations (sessions) by filter, and their turns."""

from __future__ import annotations

from typing import Any

from fulfillment.adapters.sqlite.database import Database
from fulfillment.adapters.turn_query import TurnQuery

# What each flag (turn_query.FLAGS) means, as SQL over one turn `t`.
FLAG_SQL = {
    "fallback": "(t.intent = 'nlu_fallback' OR t.action IN ('clarify', 'fallback'))",
    "handoff": "t.action = 'handoff'",
    "order_placed": "t.action = 'place_order'",
    "no_results": "(t.action = 'search' AND coalesce(json_array_length(t.result, '$.data.products'), 0) = 0)",
}


def fts_query(words: tuple[str, ...]) -> str:
    """Words as an FTS5 query: every word must occur, as a word or the start of one."""
    return " ".join(f'"{w}"*' for w in words)


def where(query: TurnQuery) -> tuple[str, list[Any]]:
    conds: list[str] = []
    params: list[Any] = []
    for sql, value in (
        ("t.created_at >= ?", query.since), ("t.created_at < ?", query.before), ("t.channel = ?", query.channel),
        ("t.customer_id = ?", query.customer), ("t.intent = ?", query.intent),
        ("t.confidence < ?", query.max_confidence),
    ):
        if value is not None:
            conds.append(sql)
            params.append(value)
    conds.extend(FLAG_SQL[flag] for flag in query.flags)
    if query.words:
        conds.append("t.id IN (SELECT d.turn_id FROM turns_fts f JOIN turn_docids d ON d.docid = f.rowid"
                     " WHERE turns_fts MATCH ?)")
        params.append(fts_query(query.words))
    return (" AND ".join(conds) or "1"), params


class ReviewStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def sessions(self, query: TurnQuery, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
        """One row per matching conversation, newest first, and how many there are in all."""
        cond, params = where(query)
        conn = self.db.connection()
        total = conn.execute(f"SELECT count(DISTINCT t.session_id) FROM turns t WHERE {cond}", params).fetchone()[0]
        rows = conn.execute(
            f"SELECT t.session_id, count(*) AS matched FROM turns t WHERE {cond}"
            " GROUP BY t.session_id ORDER BY max(t.created_at) DESC, max(t.rowid) DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        ids = [r["session_id"] for r in rows]
        summaries = self._summaries(ids)
        return [{**summaries[r["session_id"]], "matched": r["matched"]} for r in rows], int(total)

    def _summaries(self, session_ids: list[str]) -> dict[str, dict[str, Any]]:
        if not session_ids:
            return {}
        marks = ",".join("?" * len(session_ids))
        flags = ", ".join(f"max({sql}) AS {name}" for name, sql in FLAG_SQL.items())
        rows = self.db.connection().execute(
            f"SELECT t.session_id, min(t.customer_id) AS customer_id, group_concat(DISTINCT t.channel) AS channels,"
            f" min(t.created_at) AS started_at, max(t.created_at) AS last_at, count(*) AS turns,"
            f" min(t.confidence) AS min_confidence, {flags},"
            f" (SELECT f.text FROM turns f WHERE f.session_id = t.session_id ORDER BY f.created_at, f.rowid LIMIT 1)"
            f" AS first_text FROM turns t WHERE t.session_id IN ({marks}) GROUP BY t.session_id",
            session_ids,
        ).fetchall()
        return {r["session_id"]: dict(r) for r in rows}

    def turns(self, session_id: str) -> list[dict[str, Any]]:
        """Every turn of a conversation, oldest first, with its annotation if it has one."""
        rows = self.db.connection().execute(
            "SELECT t.*, a.intent AS annotated_intent, a.tags AS annotation_tags FROM turns t"
            " LEFT JOIN turn_annotations a ON a.turn_id = t.id WHERE t.session_id = ? ORDER BY t.created_at, t.rowid",
            (session_id,),
        ).fetchall()
        return [dict(r) for r in rows]

    def turn(self, turn_id: str) -> dict[str, Any] | None:
        row = self.db.connection().execute("SELECT * FROM turns WHERE id = ?", (turn_id,)).fetchone()
        return dict(row) if row else None

    def choices(self) -> dict[str, list[str]]:
        """Channels and intents seen in the transcripts, for the filter form."""
        conn = self.db.connection()
        return {
            "channels": [r[0] for r in conn.execute("SELECT DISTINCT channel FROM turns ORDER BY 1")],
            "intents": [r[0] for r in conn.execute(
                "SELECT DISTINCT intent FROM turns WHERE intent IS NOT NULL ORDER BY 1")],
        }
