"""`emma db migrate-to`: a SQLite shop moves into PostgreSQL whole, counted on both sides."""

from __future__ import annotations

import asyncio
import shutil

from fulfillment.apps.cli.main import main
from fulfillment.domain.conversation import Conversation
from fulfillment.domain.turns import TurnRequest
from fulfillment.settings import Settings
from fulfillment.wiring import open_shop
from tests.fakes import DEMO_FLOW, TableNlu


async def test_migrate_to_copies_everything_and_refuses_a_full_database(postgres, demo_db, tmp_path, capsys):
    shutil.copyfile(demo_db, tmp_path / "emma.db")
    sqlite = open_shop(Settings(home=tmp_path))
    conversation = Conversation(sqlite, TableNlu(DEMO_FLOW))
    for text in ("do you have rain jackets", "the second one", "add two in medium", "check out", "yes"):
        answer = await conversation.handle(TurnRequest("s1", text, "demo", "test"))
    order_id = answer.data["order"]["id"]
    sqlite.close()
    url = postgres.create_database("migrate_target")
    try:
        assert await asyncio.to_thread(main, ["--home", str(tmp_path), "db", "migrate-to", url]) == 0
        out = capsys.readouterr().out
        assert "the counts match" in out and "turns" in out

        moved = open_shop(Settings(home=tmp_path / "elsewhere", database_url=url))
        try:
            assert moved.order_store.get(order_id).customer_id == "demo"
            assert len(moved.transcripts.for_session("s1")) == 5
            again = await Conversation(moved, TableNlu(DEMO_FLOW)).handle(
                TurnRequest("s2", "do you have rain jackets", "demo", "test"))
            assert again.action == "search" and again.data
        finally:
            moved.close()

        assert await asyncio.to_thread(main, ["--home", str(tmp_path), "db", "migrate-to", url]) == 2
        assert "target_not_empty" in capsys.readouterr().err
    finally:
        postgres.drop_database("migrate_target")


def test_migrate_to_wants_a_postgresql_url(tmp_path, capsys):
    assert main(["--home", str(tmp_path), "db", "migrate-to", "mysql://x"]) == 2
    assert "bad_database_url" in capsys.readouterr().err
