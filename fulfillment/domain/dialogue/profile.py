"""What the shop knows about this customer, and only that: their sizes, favourite brands and orders;
a greeting that mentions a recent delivery when there is one worth mentioning."""

from __future__ import annotations

import re
from datetime import date

from fulfillment.domain.catalog_terms import spoken
from fulfillment.domain.dialogue.context import Reply, Turn
from fulfillment.domain.models import Order

RECENT_DAYS = 21
"""A delivery or shipment is worth mentioning in a greeting for three weeks."""


def customer_info(turn: Turn) -> Reply:
    said = spoken(turn.nlu.text)
    asked = next((name for name, cues in turn.words.shopping.profile_questions
                  if any(re.search(rf"(?<!\w){re.escape(c)}(?!\w)", said) for c in cues)), "last_order")
    customer = turn.customer
    if asked == "shoe_size":
        return Reply("customer_info", turn.say.your_size("shoes", customer.sizes.get("shoes")))
    if asked == "size":
        return Reply("customer_info", turn.say.your_sizes(customer.sizes))
    if asked == "brands":
        return Reply("customer_info", turn.say.your_brands(list(customer.favourite_brands)))
    orders = turn.uow.orders.for_customer(customer.id)
    if not orders:
        return Reply("customer_info", turn.say.NO_ORDERS)
    last = orders[0]
    products = [p for line in last.lines if (p := turn.product(turn.shop.catalog.product_id_for_sku(line.sku)))]
    if len(products) == 1:
        turn.state.focus = products[0].id
    return Reply("customer_info", turn.say.last_order(turn.titled_order(last)),
                 {"products": [p.to_json() for p in products], "order": last.to_json()})


def news(orders: list[Order], today: date) -> Order | None:
    """The customer's latest order when it was delivered or shipped in the last few weeks."""
    if not orders:
        return None
    latest = orders[0]
    if latest.status not in ("delivered", "shipped"):
        return None
    when = latest.status_dates.get(latest.status) or latest.placed_at
    try:
        day = date.fromisoformat(when[:10])
    except ValueError:
        return None
    return latest if 0 <= (today - day).days <= RECENT_DAYS else None
