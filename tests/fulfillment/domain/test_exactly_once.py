"""One turn, one unit of work: a crash at any commit point, then the client's retry with the same key.

The crash is injected through the unit of work's fault hook (no sleeps). It raises a BaseException,
which nothing in Emma catches, like a process dying there; the test then opens the home again, as a
restarted process would, and retries.
"""

from __future__ import annotations

import asyncio

import pytest

from fulfillment.domain.conversation import Conversation
from fulfillment.domain.turns import TurnRequest
from fulfillment.wiring import ShopHome, open_shop
from tests.fakes import DEMO_FLOW, TableNlu

COMMIT_POINTS = ("begin", "before_commit", "after_commit")


class Crash(BaseException):
    """The process dies here."""


class Faults:
    """A fault hook that crashes once, at the armed point."""

    def __init__(self) -> None:
        self.armed: str | None = None

    def __call__(self, point: str) -> None:
        if point == self.armed:
            self.armed = None
            raise Crash(point)


def say(conversation: Conversation, text: str, key: str | None = None, session: str = "s1",
        customer: str = "demo"):
    return conversation.handle(TurnRequest(session, text, customer, "test", key))


def orders_with_key(shop: ShopHome, customer: str, key: str) -> list[str]:
    rows = shop.db.connection().execute(
        "SELECT id FROM orders WHERE idempotency_key = ?", (f"{customer}/{key}",)
    ).fetchall()
    return [r[0] for r in rows]


def cart_quantity(shop: ShopHome, customer: str = "demo") -> int:
    row = shop.db.connection().execute(
        "SELECT coalesce(sum(quantity), 0) FROM cart_items WHERE customer_id = ?", (customer,)
    ).fetchone()
    return int(row[0])


async def _to_readback(conversation: Conversation) -> None:
    await say(conversation, "do you have rain jackets")
    await say(conversation, "the second one")
    added = await say(conversation, "add two in medium")
    assert added.action == "add_to_cart", added.reply
    readback = await say(conversation, "check out")
    assert readback.action == "confirm_order"


@pytest.mark.parametrize("point", COMMIT_POINTS)
async def test_a_retried_yes_places_one_order_and_returns_its_id(config, point):
    faults = Faults()
    shop = open_shop(config, fault=faults)
    conversation = Conversation(shop, TableNlu(DEMO_FLOW))
    await _to_readback(conversation)

    faults.armed = point
    with pytest.raises(Crash):
        await say(conversation, "yes", key="yes-1")
    shop.db.close()  # the process is gone; whatever was not committed is lost with it

    restarted = open_shop(config)
    retry = await say(Conversation(restarted, TableNlu(DEMO_FLOW)), "yes", key="yes-1")
    assert retry.action == "place_order", retry.reply
    (order_id,) = orders_with_key(restarted, "demo", "yes-1")
    assert retry.data["order"]["id"] == order_id and order_id in retry.reply
    assert cart_quantity(restarted) == 0

    again = await say(Conversation(restarted, TableNlu(DEMO_FLOW)), "yes", key="yes-1")
    assert again.turn_id == retry.turn_id and orders_with_key(restarted, "demo", "yes-1") == [order_id]
    restarted.db.close()


@pytest.mark.parametrize("point", COMMIT_POINTS)
async def test_a_retried_add_changes_the_cart_once(config, point):
    faults = Faults()
    shop = open_shop(config, fault=faults)
    conversation = Conversation(shop, TableNlu(DEMO_FLOW))
    await say(conversation, "do you have rain jackets")
    await say(conversation, "the second one")

    faults.armed = point
    with pytest.raises(Crash):
        await say(conversation, "add two in medium", key="add-1")
    shop.db.close()

    restarted = open_shop(config)
    retry = await say(Conversation(restarted, TableNlu(DEMO_FLOW)), "add two in medium", key="add-1")
    assert retry.action == "add_to_cart", retry.reply
    assert cart_quantity(restarted) == 2
    await say(Conversation(restarted, TableNlu(DEMO_FLOW)), "add two in medium", key="add-1")
    assert cart_quantity(restarted) == 2
    restarted.db.close()


async def test_a_failed_order_line_takes_no_stock(shop):
    """Two lines, the second sold out: the turn still commits (it answers), the first line's stock stays."""
    conversation = Conversation(shop, TableNlu(DEMO_FLOW))
    await _to_readback(conversation)
    conn = shop.db.connection()
    (first,) = [r[0] for r in conn.execute("SELECT sku FROM cart_items WHERE customer_id = 'demo'")]
    other = conn.execute("SELECT sku FROM variants WHERE sku != ? AND stock > 0 LIMIT 1", (first,)).fetchone()[0]
    with shop.db.transaction():
        shop.carts.add("demo", other, 1)
    await say(conversation, "check out")
    with shop.db.transaction():
        conn.execute("UPDATE variants SET stock = 0 WHERE sku = ?", (other,))
    before = conn.execute("SELECT stock FROM variants WHERE sku = ?", (first,)).fetchone()[0]

    answer = await say(conversation, "yes", key="two-lines")
    assert answer.action == "out_of_stock"
    assert conn.execute("SELECT stock FROM variants WHERE sku = ?", (first,)).fetchone()[0] == before
    assert orders_with_key(shop, "demo", "two-lines") == []


async def test_another_customers_key_finds_nothing_of_theirs(shop):
    conversation = Conversation(shop, TableNlu(DEMO_FLOW))
    await _to_readback(conversation)
    placed = await say(conversation, "yes", key="shared-key")
    assert placed.action == "place_order"

    other = await say(conversation, "yes", key="shared-key", session="s-other", customer="lena")
    assert other.turn_id != placed.turn_id
    assert "order" not in other.data and placed.data["order"]["id"] not in other.reply
    assert (shop.customers.get("demo").address or "") not in other.reply


async def test_one_key_from_two_sessions_at_once_gets_one_result(shop):
    conversation = Conversation(shop, TableNlu(DEMO_FLOW))
    await say(conversation, "do you have rain jackets", session="a")
    await say(conversation, "the second one", session="a")
    await say(conversation, "do you have rain jackets", session="b")
    await say(conversation, "the second one", session="b")

    first, second = await asyncio.gather(
        say(conversation, "add two in medium", key="same", session="a"),
        say(conversation, "add two in medium", key="same", session="b"),
    )
    assert first.turn_id == second.turn_id and first.reply == second.reply
    assert cart_quantity(shop) == 2
