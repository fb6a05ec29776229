"""Several instances on one PostgreSQL database: each test opens two or three shops (as separate processes
would: their own pools) on the same database and races them."""

from __future__ import annotations

import asyncio
import threading

import pytest

from fulfillment.adapters.postgres.database import MIGRATIONS, PgDatabase
from fulfillment.domain.conversation import Conversation
from fulfillment.domain.errors import OutOfStock
from fulfillment.domain.models import CartLine
from fulfillment.domain.turns import TurnRequest
from fulfillment.settings import Settings
from fulfillment.wiring import ShopHome, open_shop
from tests.fakes import DEMO_FLOW, TableNlu


@pytest.fixture
def instances(pg_url: str, tmp_path) -> list[ShopHome]:
    shops = [open_shop(Settings(home=tmp_path / f"i{n}", database_url=pg_url)) for n in range(3)]
    yield shops
    for shop in shops:
        shop.close()


def say(conversation: Conversation, text: str, key: str, session: str = "s1", customer: str = "demo"):
    return conversation.handle(TurnRequest(session, text, customer, "test", key))


def test_concurrent_first_starts_migrate_once(postgres):
    url = postgres.create_database("fresh_migrations")
    opened: list[PgDatabase] = []
    errors: list[BaseException] = []

    def start() -> None:
        try:
            opened.append(PgDatabase(url))
        except BaseException as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        assert [db.schema_version() for db in opened] == [len(MIGRATIONS)] * 4
        rows = opened[0].rows("SELECT version FROM emma_schema ORDER BY version")
        assert [r[0] for r in rows] == list(range(1, len(MIGRATIONS) + 1))
    finally:
        for db in opened:
            db.close()
        postgres.drop_database("fresh_migrations")


def test_buyers_on_three_instances_never_oversell(instances: list[ShopHome]):
    first = instances[0]
    row = first.db.connection().execute(
        "SELECT v.sku, v.price_cents, p.title FROM variants v JOIN products p ON p.id = v.product_id"
        " WHERE v.stock > 0 AND p.sellable = 1 ORDER BY v.sku LIMIT 1").fetchone()
    line = CartLine(row["sku"], row["title"], 1, row["price_cents"])
    with first.db.transaction() as conn:
        conn.execute("UPDATE variants SET stock = 4 WHERE sku = ?", (line.sku,))
    demo = first.customers.get("demo")
    outcomes: list[str] = []

    def buy(n: int) -> None:
        shop = instances[n % 3]
        try:
            with shop.unit_of_work() as uow:
                shop.orders.place(uow, demo, (line,), f"race-{n}", from_cart=False)
                uow.commit()
            outcomes.append("ok")
        except OutOfStock:
            outcomes.append("out")

    threads = [threading.Thread(target=buy, args=(n,)) for n in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes).count("ok") == 4 and outcomes.count("out") == 20
    left = first.db.connection().execute("SELECT stock FROM variants WHERE sku = ?", (line.sku,)).fetchone()[0]
    assert left == 0


async def test_one_yes_sent_to_three_instances_places_one_order(instances: list[ShopHome]):
    conversations = [Conversation(shop, TableNlu(DEMO_FLOW)) for shop in instances]
    for n, text in enumerate(("do you have rain jackets", "the second one", "add two in medium", "check out")):
        answer = await say(conversations[n % 3], text, key=f"k{n}")
    assert answer.action == "confirm_order"

    answers = await asyncio.gather(*(say(conversations[n % 3], "yes", key="the-yes") for n in range(12)))
    assert {a.turn_id for a in answers} == {answers[0].turn_id}
    assert answers[0].action == "place_order"
    count = instances[1].db.connection().execute(
        "SELECT count(*) FROM orders WHERE idempotency_key = 'demo/the-yes'").fetchone()[0]
    assert count == 1


async def test_turns_of_one_session_on_two_instances_do_not_interleave(instances: list[ShopHome]):
    """Each add reads the session state another instance just wrote: 2 x 6 adds, 12 units, none lost."""
    one, two = (Conversation(shop, TableNlu(DEMO_FLOW)) for shop in instances[:2])
    await say(one, "do you have rain jackets", key="a")
    await say(two, "the second one", key="b")
    adds = [say(one if n % 2 else two, "add two in medium", key=f"add-{n}") for n in range(6)]
    assert {a.action for a in await asyncio.gather(*adds)} == {"add_to_cart"}
    units = instances[2].db.connection().execute(
        "SELECT coalesce(sum(quantity), 0) FROM cart_items WHERE customer_id = 'demo'").fetchone()[0]
    assert units == 12
