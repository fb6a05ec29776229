"""PostgreSQL going away under a running shop: turns fail with 503 and Retry-After, then work again by
themselves once it is back (the pool replaces its broken connections)."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from fulfillment.domain.conversation import Conversation
from fulfillment.domain.errors import StoreUnavailable
from fulfillment.domain.turns import TurnRequest
from fulfillment.settings import Settings
from fulfillment.tools.local_postgres import LocalPostgres
from fulfillment.wiring import open_home
from tests.fakes import DEMO_FLOW, TableNlu


@pytest.fixture
def own_server() -> Iterator[LocalPostgres]:
    """A server of this test's own: stopping it must not disturb the run's shared one."""
    server = LocalPostgres.create()
    server.start()
    yield server
    server.stop()


async def test_a_restart_answers_503_then_reconnects(own_server: LocalPostgres, tmp_path):
    shop = open_home(Settings(home=tmp_path, database_url=own_server.create_database("shop")))
    conversation = Conversation(shop, TableNlu(DEMO_FLOW))
    try:
        ok = await conversation.handle(TurnRequest("s", "do you have rain jackets", "demo", "test", "k1"))
        assert ok.action == "search"

        own_server.stop(remove=False)
        with pytest.raises(StoreUnavailable) as failed:
            await conversation.handle(TurnRequest("s", "the second one", "demo", "test", "k2"))
        assert failed.value.status == 503 and failed.value.retry_after

        own_server.start()
        again = await conversation.handle(TurnRequest("s", "the second one", "demo", "test", "k2"))
        assert again.action == "select", again.reply
    finally:
        shop.close()


def test_a_connection_the_server_ended_while_idle_is_replaced_before_use(pg_url):
    from fulfillment.adapters.postgres.database import PgDatabase

    db = PgDatabase(pg_url, max_size=1, migrate=False)  # one connection: the next read must get that one back
    try:
        first = db.one("SELECT pg_backend_pid()")[0]
        with psycopg.connect(pg_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (first,))
            while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (first,)).fetchone():
                pass  # the backend has gone once it leaves pg_stat_activity

        second = db.one("SELECT pg_backend_pid()")[0]  # no error: the pool saw the goodbye and reconnected

        assert second != first
    finally:
        db.close()
