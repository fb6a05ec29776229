"""Routes an understood utterance: open questions first, then the intent's handler."""

from __future__ import annotations

import re
from collections.abc import Callable

from fulfillment.domain.dialogue import (
    aftercare,
    basket,
    browse,
    checkout,
    decide,
    inspire,
    profile,
    questions,
    second_look,
    shop_info,
    small_talk,
)
from fulfillment.domain.dialogue.context import Reply, Turn
from fulfillment.domain.dialogue.state import Pending
from nlu.parser import FALLBACK_INTENT

Handler = Callable[[Turn], Reply]

HANDLERS: dict[str, Handler] = {
    "greet": small_talk.greet,
    "goodbye": small_talk.goodbye,
    "thank": small_talk.thank,
    "help": small_talk.help_,
    "repeat": small_talk.repeat,
    "store_info": shop_info.store_info,
    "customer_info": profile.customer_info,
    "out_of_scope": small_talk.out_of_scope,
    "search_product": browse.search,
    "refine": browse.search,
    "select_option": browse.select,
    "product_question": questions.question,
    "compare_products": decide.compare,
    "recommend": inspire.recommend,
    "add_to_cart": basket.add,
    "remove_from_cart": basket.remove,
    "view_cart": basket.view,
    "checkout": checkout.checkout,
    "reorder": checkout.reorder,
    "order_status": aftercare.status,
    "cancel_order": aftercare.cancel,
    "return_item": aftercare.start_return,
    "human_handoff": aftercare.handoff,
}
# These work in the middle of any open question and leave it open (goodbye closes everything).
ANYWHERE = frozenset({"repeat", "help", "goodbye", "human_handoff"})


def respond(turn: Turn, min_confidence: float) -> Reply:
    nlu = turn.nlu
    unsure = nlu.intent == FALLBACK_INTENT or nlu.confidence < min_confidence
    reply = None
    if turn.state.pending is not None and nlu.intent not in ANYWHERE:
        reply = _answer_pending(turn, turn.state.pending, unsure)
    if reply is None and not (turn.state.pending is not None and turn.state.pending.kind in ("pin", "confirm_order")):
        reply = second_look.reconsider(turn, unsure)
    if reply is None:
        if unsure:
            reply = small_talk.not_understood(turn)
        elif nlu.intent == "affirm":
            reply = Reply("affirm", turn.say.AFFIRM_NOTHING, expects_answer=True)
        elif nlu.intent == "deny":
            reply = Reply("deny", turn.say.DENY_NOTHING, expects_answer=True)
        else:
            reply = HANDLERS.get(nlu.intent, small_talk.not_understood)(turn)
    turn.state.failures = turn.state.failures + 1 if reply.counts_as_failure else 0
    if reply.action != "repeat":
        turn.state.last_reply = reply.text
    return reply


def _answer_pending(turn: Turn, pending: Pending, unsure: bool) -> Reply | None:
    """The reply to an open question, or None when the shopper moved on to something else."""
    intent = turn.nlu.intent
    if pending.kind == "pin":
        return checkout.decline(turn) if intent == "deny" else checkout.pin(turn, pending)
    if pending.kind == "confirm_order":
        if intent == "affirm":
            return checkout.confirm(turn, pending)
        if intent == "deny":
            return checkout.decline(turn)
    elif pending.kind == "confirm_cancel":
        if intent == "affirm":
            return aftercare.confirm_cancel(turn, pending)
        if intent == "deny":
            return aftercare.keep_order(turn)
    elif pending.kind == "confirm_return":
        if intent == "affirm":
            return aftercare.confirm_return(turn, pending)
        if intent == "deny":
            return aftercare.keep_without_return(turn)
    elif pending.kind == "confirm_handoff":
        if intent in ("affirm", "human_handoff"):
            return aftercare.confirm_handoff(turn, pending)
        if intent == "deny":
            return aftercare.stay_with_emma(turn)
    elif pending.kind == "variant":
        reply = _fill_variant(turn, pending, unsure)
        if reply is not None:
            return reply
    if unsure:  # keep the question open and ask again rather than dropping it
        return None
    turn.state.pending = None
    return None


def _option_named(said: str, options: list[str]) -> str | None:
    """The one option named inside the answer ("500 g please", "the 1kg one"); letter sizes ("m") only
    when said alone, since a single letter is too easily part of something else."""
    compact = re.sub(r"(\d)\s+(?=[a-z])", r"\1", said)
    named = [o for o in options if len(o) > 1
             and re.search(r"(?<![\w.,])" + re.escape(re.sub(r"(\d)\s+(?=[a-z])", r"\1", o.lower())) + r"(?!\w)",
                           compact)]
    return named[0] if len(named) == 1 else None


def _fill_variant(turn: Turn, pending: Pending, unsure: bool) -> Reply | None:
    product = turn.product(pending.product_id)
    if product is None:
        return None
    nlu = turn.nlu
    size, color = nlu.first("size"), turn.understood.request.color or nlu.first("color")
    if size is None and color is None:
        said = nlu.text.strip().lower()
        size = next((s for s in product.sizes if s.lower() == turn.words.sizes.get(said, said).lower()), None) \
            or _option_named(said, product.sizes)
        color = next((c for c in product.colors if c.lower() == said), None) or _option_named(said, product.colors)
    if nlu.intent == "search_product" and nlu.first("product"):
        return None  # a new search, not an answer
    if size is not None or color is not None:
        quantity = nlu.first("quantity")
        if size is not None and str(quantity) in re.findall(r"\d+", str(size)):
            quantity = None  # "500 g please": the 500 is the size, not how many
        updated = Pending(
            "variant", product.id,
            quantity if isinstance(quantity, int) and quantity > 0 else pending.quantity,
            color or pending.color, size or pending.size,
        )
        return basket.add_variant(turn, product, updated)
    if nlu.intent == "affirm" and (pending.size or pending.color or len(product.variants) == 1):
        return basket.add_variant(turn, product, pending)
    if nlu.intent == "deny":
        turn.state.pending = None
        return Reply("deny", turn.say.DENY_NOTHING, expects_answer=True)
    return None
