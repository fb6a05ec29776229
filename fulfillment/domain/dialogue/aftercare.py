"""After the order: status, cancelling, reordering, returns, and handing over to a person."""

from __future__ import annotations

from fulfillment.domain.dialogue.context import Reply, Turn
from fulfillment.domain.dialogue.state import Pending
from fulfillment.domain.errors import NotCancellable, NotReturnable, OrderNotFound
from fulfillment.domain.ids import speakable_id


def status(turn: Turn) -> Reply:
    order_id = turn.nlu.first("order_id")
    try:
        order = turn.shop.orders.find(turn.uow, turn.customer, order_id)
    except OrderNotFound:
        return Reply("order_status", turn.say.order_not_found(order_id))
    return Reply("order_status", turn.say.status(turn.titled_order(order)), {"order": order.to_json()})


def cancel(turn: Turn) -> Reply:
    order_id = turn.nlu.first("order_id")
    try:
        order = turn.shop.orders.find(turn.uow, turn.customer, order_id)
    except OrderNotFound:
        return Reply("cancel_order", turn.say.order_not_found(order_id))
    if not order.cancellable:
        return Reply("cancel_order", turn.say.not_cancellable(turn.titled_order(order)), {"order": order.to_json()})
    turn.state.pending = Pending(kind="confirm_cancel", order_id=order.id)
    return Reply("confirm_cancel", turn.say.confirm_cancel(turn.titled_order(order)), {"order": order.to_json()},
                 expects_answer=True)


def confirm_cancel(turn: Turn, pending: Pending) -> Reply:
    turn.state.pending = None
    try:
        order = turn.shop.orders.find(turn.uow, turn.customer, pending.order_id)
        order = turn.shop.orders.cancel(turn.uow, order)
    except OrderNotFound:
        return Reply("cancel_order", turn.say.order_not_found(pending.order_id))
    except NotCancellable:
        order = turn.shop.orders.find(turn.uow, turn.customer, pending.order_id)
        return Reply("cancel_order", turn.say.not_cancellable(turn.titled_order(order)), {"order": order.to_json()})
    return Reply("cancel_order", turn.say.cancelled(turn.titled_order(order)), {"order": order.to_json()})


def keep_order(turn: Turn) -> Reply:
    turn.state.pending = None
    return Reply("keep_order", turn.say.KEEP_ORDER)


def start_return(turn: Turn) -> Reply:
    """Reads the return back first: a question about returns must never open one by itself."""
    from fulfillment.domain.dialogue import shop_info

    if shop_info.asks_return_policy(turn):  # "can i return opened coffee" asks about the policy
        return shop_info.store_info(turn)
    order_id = turn.nlu.first("order_id")
    try:
        order = turn.shop.orders.find(turn.uow, turn.customer, order_id)
    except OrderNotFound:
        return Reply("return_item", turn.say.order_not_found(order_id))
    if order.status != "delivered":
        return Reply("return_item", turn.say.not_returnable(turn.titled_order(order)), {"order": order.to_json()})
    turn.state.pending = Pending(kind="confirm_return", order_id=order.id)
    days = int(turn.knowledge.fact("return", "days", 30))
    return Reply("confirm_return", turn.say.confirm_return(turn.titled_order(order), days), {"order": order.to_json()},
                 expects_answer=True)


def confirm_return(turn: Turn, pending: Pending) -> Reply:
    turn.state.pending = None
    try:
        order = turn.shop.orders.find(turn.uow, turn.customer, pending.order_id)
        return_id = turn.shop.orders.start_return(turn.uow, order)
    except OrderNotFound:
        return Reply("return_item", turn.say.order_not_found(pending.order_id))
    except NotReturnable:
        return Reply("return_item", turn.say.not_returnable(turn.titled_order(order)), {"order": order.to_json()})
    days = int(turn.knowledge.fact("return", "days", 30))
    return Reply("return_item", turn.say.return_started(return_id, turn.titled_order(order), days),
                 {"order": order.to_json(), "return": {"id": return_id}})


def keep_without_return(turn: Turn) -> Reply:
    turn.state.pending = None
    return Reply("keep_order", turn.say.NO_RETURN)


def handoff(turn: Turn) -> Reply:
    """Asks before opening a ticket (a colleague will read this conversation and the cart)."""
    if turn.state.pending is not None and turn.state.pending.kind == "confirm_handoff":
        return confirm_handoff(turn, turn.state.pending)  # asked twice: that is a yes
    existing = turn.uow.tickets.open_for_session(turn.session_id)
    if existing:
        return Reply("handoff", turn.say.handoff(existing), {"ticket": {"id": existing}})
    turn.state.pending = Pending(kind="confirm_handoff")
    return Reply("confirm_handoff", turn.say.CONFIRM_HANDOFF, expects_answer=True)


def confirm_handoff(turn: Turn, pending: Pending) -> Reply:
    turn.state.pending = None
    uow = turn.uow
    existing = uow.tickets.open_for_session(turn.session_id)
    if existing:
        return Reply("handoff", turn.say.handoff(existing), {"ticket": {"id": existing}})
    conversation = uow.turns.for_session(turn.session_id)
    cart = uow.carts.get(turn.customer.id).to_json()
    ticket_id = "T" + speakable_id(5, exists=lambda i: uow.orders.id_taken("tickets", "T" + i))
    # The reason is what the shopper said when asking, as the transcript keeps it (redacted): the
    # dialogue state never holds it.
    asked = [line["text"] for line in conversation if line.get("intent") == "human_handoff"]
    uow.tickets.open(ticket_id, turn.session_id, turn.customer.id, asked[-1] if asked else turn.nlu.text,
                     conversation, cart)
    return Reply("handoff", turn.say.handoff(ticket_id), {"ticket": {"id": ticket_id}})


def stay_with_emma(turn: Turn) -> Reply:
    turn.state.pending = None
    return Reply("deny", turn.say.NO_HANDOFF)
