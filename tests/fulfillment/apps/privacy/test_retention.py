"""Retention windows and the purge, with a frozen clock: every call gets `now` explicitly."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest

from fulfillment.apps.server import create_server
from fulfillment.domain.errors import BadInput
from fulfillment.domain.turns import TurnRecord
from fulfillment.services.privacy.retention import Retention, get_retention, purge, set_retention
from fulfillment.settings import PrivacySettings, Settings
from tests.fakes import DEMO_FLOW, TableNlu

NOW = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)
DEFAULTS = Retention(transcript_days=30, audio_days=7)


def add_turn(shop, turn_id: str, session: str, days_ago: float, text: str = "hello") -> None:
    at = (NOW - timedelta(days=days_ago)).isoformat(timespec="milliseconds")
    with shop.db.transaction() as conn:
        shop.sessions.save(session, "demo", {"last": turn_id})
        shop.transcripts.record(TurnRecord(turn_id, session, "demo", "test", text))
        conn.execute("UPDATE turns SET created_at = ? WHERE id = ?", (at, turn_id))
        conn.execute("UPDATE sessions SET updated_at = (SELECT max(created_at) FROM turns WHERE session_id = ?)"
                     " WHERE id = ?", (session, session))


def recording(config, days_ago: int, turn_id: str):
    folder = config.home / "audio" / (NOW - timedelta(days=days_ago)).strftime("%Y-%m-%d")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{turn_id}.wav"
    path.write_bytes(b"RIFF")
    return path


def turn_ids(shop) -> set[str]:
    return {r[0] for r in shop.db.connection().execute("SELECT id FROM turns").fetchall()}


def session_ids(shop) -> set[str]:
    return {r[0] for r in shop.db.connection().execute("SELECT id FROM sessions").fetchall()}


def test_defaults_come_from_the_settings():
    assert Retention.from_settings(Settings.from_env({}).privacy) == Retention(transcript_days=365, audio_days=0)
    env = {"EMMA_RETENTION_TRANSCRIPT_DAYS": "90", "EMMA_KEEP_AUDIO_DAYS": "14"}
    assert Retention.from_settings(Settings.from_env(env).privacy) == Retention(90, 14)
    assert Retention.from_settings(PrivacySettings(transcript_days=7)) == Retention(7, 0)


def test_settings_in_the_database_override_the_environment(shop):
    assert get_retention(shop.db, DEFAULTS) == DEFAULTS
    assert set_retention(shop.db, audio_days=3, by="admin", now=NOW, defaults=DEFAULTS).audio_days == 3
    assert get_retention(shop.db, DEFAULTS) == Retention(transcript_days=30, audio_days=3)
    set_retention(shop.db, transcript_days=180, by="admin", now=NOW, defaults=DEFAULTS)
    assert get_retention(shop.db, DEFAULTS) == Retention(transcript_days=180, audio_days=3)
    row = shop.db.connection().execute("SELECT * FROM retention_settings WHERE name = 'audio_days'").fetchone()
    assert row["updated_by"] == "admin" and row["updated_at"].startswith("2025-03-10")


@pytest.mark.parametrize("days", [-1, 1.5, True, 40000])
def test_bad_windows_are_refused(shop, days):
    with pytest.raises(BadInput):
        set_retention(shop.db, transcript_days=days, defaults=DEFAULTS)


def test_purge_deletes_old_turns_and_the_state_of_emptied_sessions(shop):
    add_turn(shop, "old-a", "gone", days_ago=40)
    add_turn(shop, "old-b", "mixed", days_ago=31)
    add_turn(shop, "new-b", "mixed", days_ago=29)
    add_turn(shop, "new-c", "kept", days_ago=1)
    report = purge(shop.db, shop.config.home, now=NOW, defaults=DEFAULTS)
    assert (report.transcripts, report.sessions) == (2, 1)
    assert turn_ids(shop) == {"new-b", "new-c"}
    assert session_ids(shop) >= {"mixed", "kept"} and "gone" not in session_ids(shop)
    assert shop.sessions.load("mixed")[1] == {"last": "new-b"}  # a live session keeps its dialogue state
    again = purge(shop.db, shop.config.home, now=NOW, defaults=DEFAULTS)
    assert (again.transcripts, again.sessions, again.tickets, again.audio_files) == (0, 0, 0, 0)


def test_window_boundary_is_exact(shop):
    add_turn(shop, "just-expired", "s", days_ago=30 + 1 / 86400)
    add_turn(shop, "just-kept", "s", days_ago=30 - 1 / 86400)
    purge(shop.db, shop.config.home, now=NOW, defaults=DEFAULTS)
    assert turn_ids(shop) == {"just-kept"}


def test_purge_clears_the_conversation_copy_in_old_tickets(shop):
    with shop.db.transaction() as conn:
        for ticket_id, days_ago in (("T-OLD", 45), ("T-NEW", 2)):
            shop.tickets.open(ticket_id, "s", "demo", "talk to a person", [{"text": "hello"}], {})
            at = (NOW - timedelta(days=days_ago)).isoformat(timespec="milliseconds")
            conn.execute("UPDATE tickets SET created_at = ? WHERE id = ?", (at, ticket_id))
    assert purge(shop.db, shop.config.home, now=NOW, defaults=DEFAULTS).tickets == 1
    rows = dict(shop.db.connection().execute("SELECT id, conversation FROM tickets WHERE id LIKE 'T-%'").fetchall())
    assert json.loads(rows["T-OLD"]) == [] and json.loads(rows["T-NEW"]) == [{"text": "hello"}]


def test_purge_deletes_audio_older_than_its_own_window(shop, config):
    add_turn(shop, "t-9", "s", days_ago=9)
    add_turn(shop, "t-7", "s", days_ago=7)
    add_turn(shop, "t-5", "s", days_ago=5)
    add_turn(shop, "t-0", "s", days_ago=0)
    files = {name: recording(config, int(name[2:]), name) for name in ("t-9", "t-7", "t-5", "t-0")}
    report = purge(shop.db, config.home, now=NOW, defaults=DEFAULTS)
    assert report.audio_files == 2 and report.transcripts == 0
    assert {n for n, f in files.items() if f.exists()} == {"t-5", "t-0"}
    assert not files["t-9"].parent.exists()  # emptied day folders go too


def test_audio_of_purged_turns_goes_even_inside_the_audio_window(shop, config):
    add_turn(shop, "t-40", "s", days_ago=40)
    path = recording(config, 2, "t-40")  # e.g. kept after a replay, inside the 7-day window
    report = purge(shop.db, config.home, now=NOW, defaults=Retention(transcript_days=30, audio_days=7))
    assert report.audio_files == 1 and not path.exists()


def test_zero_days_of_audio_means_none_is_kept(shop, config):
    path = recording(config, 0, "today")
    purge(shop.db, config.home, now=NOW, defaults=Retention(transcript_days=30, audio_days=0))
    assert not path.exists()


async def test_serve_purges_at_start(config, shop, aiohttp_client):  # the app stops before the shop closes
    add_turn(shop, "ancient", "s", days_ago=4000)
    set_retention(shop.db, transcript_days=365, audio_days=0, defaults=DEFAULTS)
    app = create_server(config, shop=shop, nlu=TableNlu(DEMO_FLOW))
    await aiohttp_client(app)
    for _ in range(200):  # the purge runs in a background task; give it a moment
        if "ancient" not in turn_ids(shop):
            break
        await asyncio.sleep(0.01)
    assert "ancient" not in turn_ids(shop)
