"""After the order: status, cancelling, reordering, returns, and handing over to a person."""

from __future__ import annotations

from fulfillment.domain.dialogue.context import Reply, Turn
from fulfillment.domain.dialogue.state import Pending
from fulfillment.domain.errors import BadInput, OrderNotFound
from fulfillment.domain.ids import speakable_id
from fulfillment.lang.en import prompts as say


def status(turn: Turn) -> Reply:
    order_id = turn.nlu.first("order_id")
    try:
        order = turn.shop.orders.find(turn.customer, order_id)
    except OrderNotFound:
        return Reply("order_status", say.order_not_found(order_id))
    return Reply("order_status", say.status(order), {"order": order.to_json()})


def cancel(turn: Turn) -> Reply:
    order_id = turn.nlu.first("order_id")
    try:
        order = turn.shop.orders.find(turn.customer, order_id)
    except OrderNotFound:
        return Reply("cancel_order", say.order_not_found(order_id))
    if not order.cancellable:
        return Reply("cancel_order", say.not_cancellable(order), {"order": order.to_json()})
    turn.state.pending = Pending(kind="confirm_cancel", order_id=order.id)
    return Reply("confirm_cancel", say.confirm_cancel(order), {"order": order.to_json()}, expects_answer=True)


def confirm_cancel(turn: Turn, pending: Pending) -> Reply:
    turn.state.pending = None
    try:
        order = turn.shop.orders.find(turn.customer, pending.order_id)
        order = turn.shop.orders.cancel(order)
    except OrderNotFound:
        return Reply("cancel_order", say.order_not_found(pending.order_id))
    except BadInput:
        order = turn.shop.orders.find(turn.customer, pending.order_id)
        return Reply("cancel_order", say.not_cancellable(order), {"order": order.to_json()})
    return Reply("cancel_order", say.cancelled(order), {"order": order.to_json()})


def keep_order(turn: Turn) -> Reply:
    turn.state.pending = None
    return Reply("keep_order", say.KEEP_ORDER)


def start_return(turn: Turn) -> Reply:
    order_id = turn.nlu.first("order_id")
    try:
        order = turn.shop.orders.find(turn.customer, order_id)
        return_id = turn.shop.orders.start_return(order)
    except OrderNotFound:
        return Reply("return_item", say.order_not_found(order_id))
    except BadInput:
        return Reply("return_item", say.not_returnable(order), {"order": order.to_json()})
    days = int(turn.shop.knowledge.fact("return", "days", 30))
    return Reply("return_item", say.return_started(return_id, order, days),
                 {"order": order.to_json(), "return": {"id": return_id}})


def handoff(turn: Turn) -> Reply:
    shop = turn.shop
    existing = shop.tickets.open_for_session(turn.session_id)
    if existing:
        return Reply("handoff", say.handoff(existing), {"ticket": {"id": existing}})
    conversation = shop.transcripts.for_session(turn.session_id)
    cart = shop.carts.get(turn.customer.id).to_json()
    with shop.db.transaction() as conn:
        ticket_id = "T" + speakable_id(5, exists=lambda i: shop.orders.orders.id_exists(conn, "tickets", "T" + i))
        shop.tickets.open(conn, ticket_id, turn.session_id, turn.customer.id, turn.nlu.text,
                          conversation, cart)
    return Reply("handoff", say.handoff(ticket_id), {"ticket": {"id": ticket_id}})
