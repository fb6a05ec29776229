"""The kill -9 audit: each failure a crash between two commits can cause is reported, a clean run is not."""

from __future__ import annotations

from typing import Any

import pytest

from fulfillment.tools.bench_crash import SCRIPT, Shopper, _audit
from fulfillment.tools.bench_figures import Figures, render
from fulfillment.tools.bench_home import PlacedOrder
from fulfillment.tools.turn_client import Exchange

SKU = "TNF-ANTOR-NVY-M"
PLACED = {"action": "place_order", "reply": "Done! Your order O1 ...", "data": {"order": {"id": "O1"}}}
CART_CHANGED = {"action": "checkout", "reply": "Your cart changed meanwhile, so let me read it back again."}


def shopper(yes: dict[str, Any]) -> Shopper:
    s = Shopper("bench-crash-r1-001")
    s.answers = [Exchange(key, text, 200, {"action": "x"}, 10.0, 1) for text, key in zip(SCRIPT, s.keys, strict=True)]
    s.answers[-1] = Exchange(s.keys[-1], "yes", 200, yes, 10.0, 2)
    return s


def order(order_id: str = "O1", units: int = 1) -> PlacedOrder:
    return PlacedOrder(order_id, "bench-crash-r1-001", "placed", {SKU: units})


def audit(yes: dict[str, Any], orders: list[PlacedOrder], carts: dict[str, int] | None = None,
          now: int | None = None) -> Figures:
    figures = Figures("kill")
    ordered = sum(o.units for o in orders)
    _audit(figures, [shopper(yes)], orders, carts or {}, {SKU: 50}, {SKU: 50 - ordered if now is None else now})
    return figures


def test_a_clean_run_breaks_nothing() -> None:
    figures = audit(PLACED, [order()])
    assert figures.broken == [] and (figures.orders, figures.duplicates) == (1, 0)
    assert "Invariants: all held." in render("t", [figures])


@pytest.mark.parametrize(("yes", "orders", "carts", "now", "problem"), [
    # The order committed, the turn record did not: the retried yes finds an empty cart.
    (CART_CHANGED, [order()], None, None, "order O1 exists but the retried yes answered 200 checkout"),
    # The cart add committed, the turn record did not: the retried add added again.
    (PLACED, [order(units=2)], None, None, "holds 2 units for one 'add one in medium'"),
    (PLACED, [order(), order("O2")], None, None, "said yes once and has 2 orders"),
    (PLACED, [], None, None, "acknowledged order O1 is missing"),
    (CART_CHANGED, [], None, None, "no order; yes answered"),
    (PLACED, [order()], {"bench-crash-r1-001": 1}, None, "1 units left in the cart"),
    (PLACED, [order()], None, 48, "stock does not add up"),
])
def test_each_crash_failure_is_reported(yes: dict[str, Any], orders: list[PlacedOrder], carts: dict[str, int] | None,
                                        now: int | None, problem: str) -> None:
    figures = audit(yes, orders, carts, now)
    assert any(problem in line for line in figures.broken), figures.broken
    assert "INVARIANTS BROKEN" in render("t", [figures])


def test_duplicates_are_counted() -> None:
    assert audit(PLACED, [order(), order("O2"), order("O3")]).duplicates == 2
