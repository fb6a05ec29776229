"""The dialogue over the in-memory adapter: no SQLite on the write side, same behaviour."""

from __future__ import annotations

import dataclasses

import pytest

from fulfillment.domain.conversation import Conversation
from fulfillment.domain.events import EventBus, OrderPlaced
from fulfillment.domain.turns import TurnRequest
from tests.fakes import DEMO_FLOW, TableNlu
from tests.fulfillment.domain.memory_store import MemoryStore


class Crash(BaseException):
    pass


@pytest.fixture
def memory(shop):
    """A Shop whose unit of work is in memory; the catalog and customers come from the demo home."""
    customers = [shop.customers.get(i) for i in ("demo", "sam", "lena")]
    store = MemoryStore(shop.catalog, customers, pins={"sam": "4321"})
    armed: dict[str, str | None] = {"point": None}

    def fault(point: str) -> None:
        if armed["point"] == point:
            armed["point"] = None
            raise Crash(point)

    domain = dataclasses.replace(shop, unit_of_work=lambda: store.unit_of_work(fault), events=EventBus())
    store.customers = shop.customers  # type: ignore[attr-defined]
    return domain, store, armed


def say(conversation: Conversation, text: str, key: str | None = None, customer: str = "demo"):
    return conversation.handle(TurnRequest("m1", text, customer, "test", key))


async def test_the_demo_conversation_orders_once_in_memory(memory):
    shop, store, _ = memory
    placed_events: list[OrderPlaced] = []
    shop.events.subscribe(OrderPlaced, placed_events.append)
    conversation = Conversation(shop, TableNlu(DEMO_FLOW))
    await say(conversation, "do you have rain jackets")
    await say(conversation, "the second one")
    added = await say(conversation, "add two in medium")
    assert added.action == "add_to_cart" and sum(store.tables.carts["demo"].values()) == 2
    await say(conversation, "check out")
    placed = await say(conversation, "yes", key="k1")
    assert placed.action == "place_order"
    (order, key), = store.tables.orders.values()
    assert key == "k1" and placed.data["order"]["id"] == order.id and "demo" not in store.tables.carts
    assert [e.order.id for e in placed_events] == [order.id]

    replay = await say(conversation, "yes", key="k1")
    assert replay.turn_id == placed.turn_id and len(store.tables.orders) == 1
    assert len(placed_events) == 1, "a replay publishes nothing"


@pytest.mark.parametrize("point", ["begin", "before_commit"])
async def test_a_crash_before_the_commit_leaves_nothing_behind(memory, point):
    shop, store, armed = memory
    conversation = Conversation(shop, TableNlu(DEMO_FLOW))
    await say(conversation, "do you have rain jackets")
    await say(conversation, "the second one")
    armed["point"] = point
    with pytest.raises(Crash):
        await say(conversation, "add two in medium", key="a1")
    assert "demo" not in store.tables.carts and not any(t.idempotency_key == "a1" for t in store.tables.turns)
    retry = await say(conversation, "add two in medium", key="a1")
    assert retry.action == "add_to_cart" and sum(store.tables.carts["demo"].values()) == 2
