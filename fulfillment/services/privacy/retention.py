"""Retention: how long transcripts and kept recordings live, and the purge that enforces it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fulfillment.adapters.ports import ShopDatabase
from fulfillment.adapters.sqlite.privacy import PrivacyStore
from fulfillment.domain.errors import BadInput
from fulfillment.domain.privacy.redaction import redact, redact_entities, redact_result
from fulfillment.services.privacy import recordings
from fulfillment.settings import PrivacySettings


@dataclass(frozen=True)
class Retention:
    """How many days personal data is kept. 0 means not kept at all."""

    transcript_days: int = 365
    """Older turns, the dialogue state of their sessions and the conversation copies in handoff tickets are
    deleted."""
    audio_days: int = 0
    """Kept recordings of days this old are deleted (0 = recordings are never kept)."""

    @classmethod
    def from_settings(cls, privacy: PrivacySettings) -> Retention:
        """The defaults of Settings.privacy, in force until an admin stores other windows."""
        return cls(transcript_days=privacy.transcript_days, audio_days=privacy.audio_days)

    def to_json(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class PurgeReport:
    """What one purge removed."""

    retention: Retention
    transcripts: int = 0
    """Turns deleted."""
    sessions: int = 0
    """Sessions whose dialogue state was deleted (no turns left)."""
    tickets: int = 0
    """Handoff tickets whose copy of the conversation was cleared."""
    audio_files: int = 0
    """Kept recordings deleted: expired ones and those of deleted turns."""
    redacted: int = 0
    """Turns stored before redaction existed, redacted in place."""

    def to_json(self) -> dict[str, object]:
        return {**asdict(self), "retention": self.retention.to_json()}


_FIELDS = ("transcript_days", "audio_days")


def get_retention(db: ShopDatabase, defaults: Retention) -> Retention:
    """The windows an admin set in the database; `defaults` (from the settings) where none was set."""
    rows = PrivacyStore(db).retention_rows()
    return Retention(**{field: rows.get(field, getattr(defaults, field)) for field in _FIELDS})


def set_retention(
    db: ShopDatabase, transcript_days: int | None = None, audio_days: int | None = None, by: str | None = None,
    now: datetime | None = None, *, defaults: Retention,
) -> Retention:
    """Stores the windows given (None leaves one as it is) and returns the settings now in force."""
    changes = {"transcript_days": transcript_days, "audio_days": audio_days}
    for name, days in changes.items():
        if days is not None and (not isinstance(days, int) or isinstance(days, bool) or not 0 <= days <= 36500):
            raise BadInput(f"{name} must be a whole number of days from 0 to 36500.", code="bad_retention")
    at = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    store = PrivacyStore(db)
    with db.transaction() as conn:
        for name, days in changes.items():
            if days is not None:
                store.set_retention_row(conn, name, days, at, by)
    return get_retention(db, defaults)


def purge(
    db: ShopDatabase, home: Path, defaults: Retention, now: datetime | None = None, compact: bool = True,
) -> PurgeReport:
    """Deletes transcripts and recordings older than their windows. `now` is passed by tests (a frozen clock).
    With `compact`, a purge that deleted text also rewrites the file so the text can't be read from free pages
    or old full-text segments (`emma serve` does that once a day, not hourly: it blocks writers a moment)."""
    now = now or datetime.now(UTC)
    retention = get_retention(db, defaults)
    store = PrivacyStore(db)
    redacted = redact_stored(db)
    before = (now - timedelta(days=retention.transcript_days)).astimezone(UTC).isoformat(timespec="milliseconds")
    with db.transaction() as conn:
        turn_ids = store.delete_turns(conn, "created_at < ?", (before,))
        sessions = store.delete_idle_sessions(conn, before)
        tickets = store.clear_ticket_conversations(conn, before)
    folder = recordings.audio_dir(home)
    audio = recordings.remove(folder, turn_ids) + recordings.expire(folder, retention.audio_days, now)
    if compact and (turn_ids or tickets or redacted):
        store.compact()
    return PurgeReport(retention, len(turn_ids), sessions, tickets, audio, redacted)


def redact_stored(db: ShopDatabase, batch: int = 500) -> int:
    """Redacts turns stored before schema version 5 (text_raw NULL). Idempotent; returns how many."""
    store = PrivacyStore(db)
    done = 0
    while rows := store.unredacted_turns(batch):
        with db.transaction() as conn:
            for row in rows:
                text = redact(row["text"])
                store.update_turn_text(
                    conn, row["id"], text.text, text.raw, redact(row["reply"]).text if row["reply"] else None,
                    redact_entities(row["entities"]), redact_result(row["result"]) if row["result"] else None,
                )
        done += len(rows)
    return done
