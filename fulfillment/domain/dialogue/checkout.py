"""Checkout: read back, explicit yes, optional voice PIN, then exactly one order."""

from __future__ import annotations

import re
from collections.abc import Mapping

from fulfillment.domain.dialogue.context import Reply, Turn
from fulfillment.domain.dialogue.state import Pending
from fulfillment.domain.errors import OutOfStock
from fulfillment.domain.models import CartLine

MAX_PIN_FAILURES = 3


def checkout(turn: Turn) -> Reply:
    cart = turn.uow.carts.get(turn.customer.id)
    if not cart.lines:
        return Reply("checkout", turn.say.CART_EMPTY)
    return _read_back(turn, cart.lines, from_cart=True)


def reorder(turn: Turn) -> Reply:
    last = turn.uow.orders.latest(turn.customer.id)
    lines = turn.shop.orders.lines_for_reorder(last) if last else ()
    if not lines:
        return Reply("reorder", turn.say.NOTHING_TO_REORDER)
    return _read_back(turn, lines, from_cart=False)


def _read_back(turn: Turn, lines: tuple[CartLine, ...], from_cart: bool) -> Reply:
    if turn.customer.is_guest:
        return Reply("account_required", turn.say.ACCOUNT_REQUIRED)
    quote = turn.shop.orders.quote(lines)
    turn.state.pending = Pending(
        kind="confirm_order", from_cart=from_cart,
        lines=[line.__dict__ for line in lines],
    )
    words = turn.say.readback if from_cart else turn.say.reorder_readback
    text = words(turn.knowledge.shop_name, turn.titled(lines), turn.customer.address or "",
                 quote.shipping_cents, quote.total_cents)
    data = {"cart": {"items": [_line_json(x) for x in turn.titled(lines)], "total": quote.total_cents / 100},
            "quote": {"subtotal": quote.subtotal_cents / 100, "shipping": quote.shipping_cents / 100,
                      "total": quote.total_cents / 100}}
    return Reply("confirm_order", text, data, expects_answer=True)


def confirm(turn: Turn, pending: Pending) -> Reply:
    """The shopper said yes to the read-back."""
    lines = tuple(CartLine(**x) for x in pending.lines)
    if pending.from_cart and turn.uow.carts.get(turn.customer.id).lines != lines:
        reply = checkout(turn)
        return Reply(reply.action, turn.say.CART_CHANGED + " " + reply.text, reply.data, reply.expects_answer)
    quote = turn.shop.orders.quote(lines)
    if turn.customer.has_pin and quote.total_cents >= round(turn.shop.rules.pin_threshold * 100):
        if turn.customer.pin_failures >= MAX_PIN_FAILURES:
            turn.state.pending = None
            return Reply("pin_locked", turn.say.PIN_LOCKED)
        turn.state.pending = Pending(kind="pin", lines=pending.lines, from_cart=pending.from_cart)
        return Reply("ask_pin", turn.say.ASK_PIN, expects_answer=True)
    return _place(turn, lines, pending.from_cart)


def pin(turn: Turn, pending: Pending) -> Reply:
    if turn.customer.pin_failures >= MAX_PIN_FAILURES:
        turn.state.pending = None
        return Reply("pin_locked", turn.say.PIN_LOCKED)
    spoken = spoken_digits(turn.nlu.text, turn.words.spoken_digits)
    if len(spoken) != 4:
        return Reply("ask_pin", turn.say.ASK_PIN, expects_answer=True)
    if turn.uow.customers.check_pin(turn.customer.id, spoken):
        return _place(turn, tuple(CartLine(**x) for x in pending.lines), pending.from_cart)
    failures = turn.customer.pin_failures + 1
    if failures >= MAX_PIN_FAILURES:
        turn.state.pending = None
        return Reply("pin_locked", turn.say.PIN_LOCKED)
    return Reply("ask_pin", turn.say.pin_wrong(MAX_PIN_FAILURES - failures), expects_answer=True)


def _place(turn: Turn, lines: tuple[CartLine, ...], from_cart: bool) -> Reply:
    turn.state.pending = None
    try:
        order = turn.shop.orders.place(turn.uow, turn.customer, lines, turn.idempotency_key, from_cart)
    except OutOfStock as err:
        title = next((x.title for x in lines if x.sku == err.sku), lines[0].title)
        return Reply("out_of_stock", turn.say.out_of_stock_at_order(title))
    data = {"order": order.to_json(), "cart": turn.uow.carts.get(turn.customer.id).to_json()}
    return Reply("place_order", turn.say.placed(turn.titled_order(order), order.address), data)


def decline(turn: Turn) -> Reply:
    turn.state.pending = None
    return Reply("cancel_checkout", turn.say.ORDER_NOT_PLACED)


def spoken_digits(text: str, digit_words: Mapping[str, str]) -> str:
    """'one two three four' / '1 2 3 4' / '1234' -> '1234', with the language's `digit_words`."""
    digits = []
    for token in re.findall(r"[^\W\d_]+|\d+", text.lower()):
        if token.isdigit():
            digits.append(token)
        elif token in digit_words:
            digits.append(digit_words[token])
    return "".join(digits)


def _line_json(line: CartLine) -> dict[str, object]:
    return {"sku": line.sku, "title": line.title, "quantity": line.quantity, "price": line.price_cents / 100,
            "size": line.size, "color": line.color}
