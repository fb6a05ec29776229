"""Checkout: read back, explicit yes, optional voice PIN, then exactly one order."""

from __future__ import annotations

import re

from fulfillment.domain.dialogue.context import Reply, Turn
from fulfillment.domain.dialogue.state import Pending
from fulfillment.domain.errors import OutOfStock
from fulfillment.domain.models import CartLine
from fulfillment.lang.en import prompts as say

MAX_PIN_FAILURES = 3
_DIGITS = {"zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "to": "2", "too": "2",
           "three": "3", "four": "4", "for": "4", "five": "5", "six": "6", "seven": "7",
           "eight": "8", "nine": "9"}


def checkout(turn: Turn) -> Reply:
    cart = turn.shop.carts.get(turn.customer.id)
    if not cart.lines:
        return Reply("checkout", say.CART_EMPTY)
    return _read_back(turn, cart.lines, from_cart=True)


def reorder(turn: Turn) -> Reply:
    last = turn.shop.orders.orders.latest(turn.customer.id)
    lines = turn.shop.orders.lines_for_reorder(last) if last else ()
    if not lines:
        return Reply("reorder", say.NOTHING_TO_REORDER)
    return _read_back(turn, lines, from_cart=False)


def _read_back(turn: Turn, lines: tuple[CartLine, ...], from_cart: bool) -> Reply:
    if turn.customer.is_guest:
        return Reply("account_required", say.ACCOUNT_REQUIRED)
    quote = turn.shop.orders.quote(lines)
    turn.state.pending = Pending(
        kind="confirm_order", from_cart=from_cart,
        lines=[line.__dict__ for line in lines],
    )
    words = say.readback if from_cart else say.reorder_readback
    text = words(turn.shop.knowledge.shop_name, lines, turn.customer.address or "",
                 quote.shipping_cents, quote.total_cents)
    data = {"cart": {"items": [_line_json(x) for x in lines], "total": quote.total_cents / 100},
            "quote": {"subtotal": quote.subtotal_cents / 100, "shipping": quote.shipping_cents / 100,
                      "total": quote.total_cents / 100}}
    return Reply("confirm_order", text, data, expects_answer=True)


def confirm(turn: Turn, pending: Pending) -> Reply:
    """The shopper said yes to the read-back."""
    lines = tuple(CartLine(**x) for x in pending.lines)
    if pending.from_cart and turn.shop.carts.get(turn.customer.id).lines != lines:
        reply = checkout(turn)
        return Reply(reply.action, say.CART_CHANGED + " " + reply.text, reply.data, reply.expects_answer)
    quote = turn.shop.orders.quote(lines)
    if turn.customer.has_pin and quote.total_cents >= round(turn.shop.config.pin_threshold * 100):
        if turn.customer.pin_failures >= MAX_PIN_FAILURES:
            turn.state.pending = None
            return Reply("pin_locked", say.PIN_LOCKED)
        turn.state.pending = Pending(kind="pin", lines=pending.lines, from_cart=pending.from_cart)
        return Reply("ask_pin", say.ASK_PIN, expects_answer=True)
    return _place(turn, lines, pending.from_cart)


def pin(turn: Turn, pending: Pending) -> Reply:
    if turn.customer.pin_failures >= MAX_PIN_FAILURES:
        turn.state.pending = None
        return Reply("pin_locked", say.PIN_LOCKED)
    spoken = spoken_digits(turn.nlu.text)
    if len(spoken) != 4:
        return Reply("ask_pin", say.ASK_PIN, expects_answer=True)
    if turn.shop.customers.check_pin(turn.customer.id, spoken):
        return _place(turn, tuple(CartLine(**x) for x in pending.lines), pending.from_cart)
    failures = turn.customer.pin_failures + 1
    if failures >= MAX_PIN_FAILURES:
        turn.state.pending = None
        return Reply("pin_locked", say.PIN_LOCKED)
    return Reply("ask_pin", say.pin_wrong(MAX_PIN_FAILURES - failures), expects_answer=True)


def _place(turn: Turn, lines: tuple[CartLine, ...], from_cart: bool) -> Reply:
    turn.state.pending = None
    try:
        order = turn.shop.orders.place(turn.customer, lines, turn.idempotency_key, from_cart)
    except OutOfStock as err:
        title = next((x.title for x in lines if x.title in err.message), lines[0].title)
        return Reply("out_of_stock", say.out_of_stock_at_order(title))
    data = {"order": order.to_json(), "cart": turn.shop.carts.get(turn.customer.id).to_json()}
    return Reply("place_order", say.placed(order, order.address), data)


def decline(turn: Turn) -> Reply:
    turn.state.pending = None
    return Reply("cancel_checkout", say.ORDER_NOT_PLACED)


def spoken_digits(text: str) -> str:
    """'one two three four' / '1 2 3 4' / '1234' -> '1234'."""
    digits = []
    for token in re.findall(r"[a-z]+|\d+", text.lower()):
        if token.isdigit():
            digits.append(token)
        elif token in _DIGITS:
            digits.append(_DIGITS[token])
    return "".join(digits)


def _line_json(line: CartLine) -> dict[str, object]:
    return {"sku": line.sku, "title": line.title, "quantity": line.quantity, "price": line.price_cents / 100}
