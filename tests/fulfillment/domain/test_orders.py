"""Orders: exactly once, stock never negative, cancel and return rules, speakable ids."""

from __future__ import annotations

import threading

import pytest

from fulfillment.domain.errors import NotCancellable, NotReturnable, OutOfStock
from fulfillment.domain.ids import SPEAKABLE, normalize_spoken_id, speakable_id
from fulfillment.domain.models import CartLine


def a_variant(shop, min_stock: int = 1):
    row = shop.db.connection().execute(
        "SELECT v.sku, v.price_cents, p.title FROM variants v JOIN products p ON p.id = v.product_id"
        " WHERE v.stock >= ? AND p.sellable = 1 LIMIT 1", (min_stock,)).fetchone()
    return CartLine(row["sku"], row["title"], 1, row["price_cents"])


def place(shop, customer, lines, key):
    """One order in its own unit of work, as a turn would place it."""
    with shop.unit_of_work() as uow:
        order = shop.orders.place(uow, customer, lines, key, from_cart=False)
        uow.commit()
    return order


def run(shop, action, *args):
    with shop.unit_of_work() as uow:
        result = action(uow, *args)
        uow.commit()
    return result


def set_stock(shop, sku: str, stock: int) -> None:
    with shop.db.transaction() as conn:
        conn.execute("UPDATE variants SET stock = ? WHERE sku = ?", (stock, sku))


def stock(shop, sku: str) -> int:
    return shop.db.connection().execute("SELECT stock FROM variants WHERE sku = ?", (sku,)).fetchone()[0]


def test_same_idempotency_key_places_one_order(shop):
    demo, line = shop.customers.get("demo"), a_variant(shop)
    first = place(shop, demo, (line,), "key-1")
    again = place(shop, demo, (line,), "key-1")
    assert first.id == again.id
    count = shop.db.connection().execute(
        "SELECT count(*) FROM orders WHERE idempotency_key = 'demo/key-1'").fetchone()[0]
    assert count == 1


def test_concurrent_orders_never_oversell(shop):
    demo, line = shop.customers.get("demo"), a_variant(shop)
    set_stock(shop, line.sku, 3)
    outcomes: list[str] = []

    def buy(n: int) -> None:
        try:
            place(shop, demo, (line,), f"race-{n}")
            outcomes.append("ok")
        except OutOfStock:
            outcomes.append("out")

    threads = [threading.Thread(target=buy, args=(n,)) for n in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcomes.count("ok") == 3 and outcomes.count("out") == 7
    assert stock(shop, line.sku) == 0


def test_out_of_stock_rolls_back_the_whole_order(shop):
    demo, first = shop.customers.get("demo"), a_variant(shop, min_stock=2)
    second = CartLine("GONE-" + first.sku, "x", 1, 100)
    orders_before = shop.db.connection().execute("SELECT count(*) FROM orders").fetchone()[0]
    before = stock(shop, first.sku)
    with pytest.raises(OutOfStock):
        place(shop, demo, (first, second), "partial")
    assert stock(shop, first.sku) == before
    assert shop.db.connection().execute("SELECT count(*) FROM orders").fetchone()[0] == orders_before


def test_cancel_restocks_and_shipped_orders_cannot_be_cancelled(shop):
    demo, line = shop.customers.get("demo"), a_variant(shop)
    before = stock(shop, line.sku)
    order = place(shop, demo, (line,), "to-cancel")
    cancelled = run(shop, shop.orders.cancel, order)
    assert cancelled.status == "cancelled" and stock(shop, line.sku) == before
    shipped = next(o for c in ("demo", "sam", "lena") for o in shop.order_store.for_customer(c)
                   if o.status in ("shipped", "delivered"))
    with pytest.raises(NotCancellable):
        run(shop, shop.orders.cancel, shipped)


def test_returns_only_for_delivered_orders(shop):
    demo = shop.customers.get("demo")
    delivered = next(o for o in shop.order_store.for_customer("demo") if o.status == "delivered")
    return_id = run(shop, shop.orders.start_return, delivered)
    assert return_id.startswith("R") and set(return_id[1:]) <= set(SPEAKABLE)
    fresh = place(shop, demo, (a_variant(shop),), "new")
    with pytest.raises(NotReturnable):
        run(shop, shop.orders.start_return, fresh)


def test_speakable_ids():
    ids = {speakable_id() for _ in range(200)}
    assert all(len(i) == 6 and set(i) <= set(SPEAKABLE) for i in ids)
    assert not set("B8O0I1LS5GQZ2") & set(SPEAKABLE)
    assert normalize_spoken_id("k 7 m-3 p x") == "K7M3PX"
