"""SQL of turn annotations and NLU retraining runs."""

from __future__ import annotations

import json
from typing import Any

from fulfillment.adapters.ports import ShopDatabase


class AnnotationStore:
    def __init__(self, db: ShopDatabase) -> None:
        self.db = db

    def save(self, turn_id: str, text: str, intent: str | None, entities: list[dict[str, Any]], tags: list[str],
             note: str, user: str, at: str) -> None:
        """Replaces the turn's annotation; a changed annotation is imported again."""
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO turn_annotations (turn_id, text, intent, entities, tags, note, annotated_by,"
                " annotated_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (turn_id) DO UPDATE SET text = excluded.text,"
                " intent = excluded.intent, entities = excluded.entities, tags = excluded.tags,"
                " note = excluded.note, annotated_by = excluded.annotated_by,"
                " annotated_at = excluded.annotated_at, imported_at = NULL",
                (turn_id, text, intent, json.dumps(entities), json.dumps(tags), note, user, at),
            )

    def get(self, turn_id: str) -> dict[str, Any] | None:
        row = self.db.connection().execute("SELECT * FROM turn_annotations WHERE turn_id = ?", (turn_id,)).fetchone()
        return _decoded(row) if row else None

    def recent(self, limit: int = 200, pending_only: bool = False) -> list[dict[str, Any]]:
        """Newest first, with the session they belong to."""
        rows = self.db.connection().execute(
            "SELECT a.*, t.session_id, t.intent AS predicted_intent FROM turn_annotations a"
            " JOIN turns t ON t.id = a.turn_id"
            + (" WHERE a.imported_at IS NULL AND a.intent IS NOT NULL" if pending_only else "")
            + " ORDER BY a.annotated_at DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [_decoded(r) for r in rows]

    def mark_imported(self, turn_ids: list[str], at: str) -> None:
        with self.db.transaction() as conn:
            conn.executemany("UPDATE turn_annotations SET imported_at = ? WHERE turn_id = ?",
                             [(at, turn_id) for turn_id in turn_ids])


def _decoded(row: Any) -> dict[str, Any]:
    out = dict(row)
    out["entities"] = json.loads(out["entities"] or "[]")
    out["tags"] = json.loads(out["tags"] or "[]")
    return out


class TrainingRunStore:
    def __init__(self, db: ShopDatabase) -> None:
        self.db = db

    def start(self, user: str, at: str) -> int:
        with self.db.transaction() as conn:  # RETURNING rather than lastrowid: PostgreSQL runs this too
            rows = conn.execute(
                "INSERT INTO nlu_training_runs (started_by, started_at, stage) VALUES (?, ?, 'queued') RETURNING id",
                (user, at),
            ).fetchall()
        return int(rows[0][0])

    def running(self) -> int | None:
        row = self.db.connection().execute(
            "SELECT id FROM nlu_training_runs WHERE status = 'running' ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return int(row[0]) if row else None

    def stage(self, run_id: int, stage: str, report: dict[str, Any]) -> None:
        with self.db.transaction() as conn:
            conn.execute("UPDATE nlu_training_runs SET stage = ?, report = ? WHERE id = ?",
                         (stage, json.dumps(report), run_id))

    def finish(self, run_id: int, status: str, report: dict[str, Any], at: str, error: str | None = None) -> None:
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE nlu_training_runs SET status = ?, stage = ?, report = ?, finished_at = ?, error = ?"
                " WHERE id = ?",
                (status, status, json.dumps(report), at, error, run_id),
            )

    def interrupt_running(self, at: str, run_id: int | None = None) -> int:
        """Marks a run (or every run) still `running` as interrupted: a stopped server left it behind."""
        with self.db.transaction() as conn:
            return conn.execute(
                "UPDATE nlu_training_runs SET status = 'interrupted', stage = 'interrupted', finished_at = ?"
                " WHERE status = 'running'" + (" AND id = ?" if run_id is not None else ""),
                (at, run_id) if run_id is not None else (at,),
            ).rowcount

    def get(self, run_id: int) -> dict[str, Any] | None:
        row = self.db.connection().execute("SELECT * FROM nlu_training_runs WHERE id = ?", (run_id,)).fetchone()
        if not row:
            return None
        return {**dict(row), "report": json.loads(row["report"] or "{}")}

    def recent(self, limit: int = 10) -> list[dict[str, Any]]:
        rows = self.db.connection().execute(
            "SELECT * FROM nlu_training_runs ORDER BY id DESC LIMIT ?", (limit,)
        ).fetchall()
        return [{**dict(r), "report": json.loads(r["report"] or "{}")} for r in rows]
