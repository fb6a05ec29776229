"""A store conflict (PostgreSQL: serialization failure, deadlock, a twin committed first) re-runs the whole turn."""

from __future__ import annotations

import pytest

from fulfillment.domain.conversation import TURN_ATTEMPTS, Conversation
from fulfillment.domain.errors import StoreConflict
from fulfillment.domain.turns import TurnRequest
from fulfillment.wiring import open_shop
from tests.fakes import DEMO_FLOW, TableNlu


class Conflicts:
    """A fault hook raising StoreConflict before the first `times` commits."""

    def __init__(self, times: int) -> None:
        self.left = times
        self.raised = 0

    def __call__(self, point: str) -> None:
        if point == "before_commit" and self.left > 0:
            self.left -= 1
            self.raised += 1
            raise StoreConflict("simulated conflict")


def turns_with_key(shop, key: str) -> int:
    return shop.db.connection().execute(
        "SELECT count(*) FROM turns WHERE idempotency_key = ?", (f"demo/{key}",)).fetchone()[0]


async def test_a_conflict_reruns_the_turn_and_records_it_once(config):
    conflicts = Conflicts(times=2)
    shop = open_shop(config, fault=conflicts)
    try:
        answer = await Conversation(shop, TableNlu(DEMO_FLOW)).handle(
            TurnRequest("s1", "do you have rain jackets", "demo", "test", "k-1"))
        assert answer.action == "search" and conflicts.raised == 2
        assert turns_with_key(shop, "k-1") == 1
    finally:
        shop.close()


async def test_conflicts_that_persist_end_in_a_503_and_commit_nothing(config):
    shop = open_shop(config, fault=Conflicts(times=TURN_ATTEMPTS))
    try:
        with pytest.raises(StoreConflict) as failed:
            await Conversation(shop, TableNlu(DEMO_FLOW)).handle(
                TurnRequest("s1", "do you have rain jackets", "demo", "test", "k-2"))
        assert failed.value.status == 503 and failed.value.retry_after
        assert turns_with_key(shop, "k-2") == 0
    finally:
        shop.close()
