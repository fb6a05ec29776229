"""Data protection on PostgreSQL: the retention purge (one instance at a time), export and erasure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fulfillment.domain.conversation import Conversation
from fulfillment.domain.turns import TurnRequest
from fulfillment.services.privacy.retention import Retention, purge
from fulfillment.services.privacy.rights import delete_customer, export_customer
from fulfillment.settings import Settings
from fulfillment.wiring import exclusively, open_shop
from tests.fakes import DEMO_FLOW, TableNlu


@pytest.fixture
def two_instances(pg_url, tmp_path):
    shops = [open_shop(Settings(home=tmp_path / name, database_url=pg_url)) for name in ("a", "b")]
    yield shops
    for shop in shops:
        shop.close()


def count(shop, sql: str, *params) -> int:
    return int(shop.db.connection().execute(sql, params).fetchone()[0])


async def test_the_purge_deletes_old_turns_and_their_sessions(two_instances, tmp_path):
    shop = two_instances[0]
    await Conversation(shop, TableNlu(DEMO_FLOW)).handle(TurnRequest("old", "do you have rain jackets", "demo", "t"))
    await Conversation(shop, TableNlu(DEMO_FLOW)).handle(TurnRequest("new", "do you have rain jackets", "demo", "t"))
    long_ago = (datetime.now(UTC) - timedelta(days=400)).isoformat()
    with shop.db.transaction() as conn:
        conn.execute("UPDATE turns SET created_at = ? WHERE session_id = 'old'", (long_ago,))
        conn.execute("UPDATE sessions SET updated_at = ? WHERE id = 'old'", (long_ago,))

    report = purge(shop.db, tmp_path, Retention(transcript_days=365, audio_days=0))
    assert (report.transcripts, report.sessions) == (1, 1)
    assert count(two_instances[1], "SELECT count(*) FROM turns WHERE session_id = ?", "old") == 0
    assert count(two_instances[1], "SELECT count(*) FROM turns WHERE session_id = ?", "new") == 1


def test_one_instance_at_a_time_holds_the_purge(two_instances):
    first, second = two_instances
    with exclusively(first, "retention-purge") as mine:
        assert mine
        with exclusively(second, "retention-purge") as theirs:
            assert not theirs
    with exclusively(second, "retention-purge") as theirs:
        assert theirs


async def test_export_and_erasure(two_instances, tmp_path):
    shop = two_instances[0]
    await Conversation(shop, TableNlu(DEMO_FLOW)).handle(TurnRequest("s", "do you have rain jackets", "demo", "t"))
    exported = export_customer(shop.db, tmp_path, "demo")
    assert exported["profile"]["id"] == "demo" and exported["transcripts"]

    report = delete_customer(shop.db, tmp_path, "demo")
    assert report.removed["customer"] == 1
    assert count(shop, "SELECT count(*) FROM turns WHERE customer_id = ?", "demo") == 0
    assert count(shop, "SELECT count(*) FROM orders WHERE customer_id = ?", "demo") == 0
    assert count(shop, 'SELECT count(*) FROM audit_log WHERE "user" = ?', "system") >= 1
