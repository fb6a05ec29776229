"""Inspiration: ideas for someone, something or some occasion, and what goes with a product (only
when the shopper asks for that)."""

from __future__ import annotations

import re
from typing import Any

from fulfillment.domain.catalog_terms import spoken
from fulfillment.domain.dialogue import browse
from fulfillment.domain.dialogue.context import Reply, Turn
from fulfillment.domain.models import Product
from fulfillment.domain.request import ShopperRequest


def recommend(turn: Turn) -> Reply:
    understood = turn.understood
    request = understood.request
    if _asks_for_complements(turn):
        focus = turn.product(turn.state.focus) or last_bought(turn)
        if focus is not None:
            rec = turn.shop.recommender.complements(focus, turn.customer, turn.lang.code)
            if rec.ids:
                turn.state.request = _kinds_of(turn, rec.ids)
                return browse.show_page(turn, rec.ids, turn.say.complements(focus), "recommend", rec.reasons)
    if request.is_inspiration:
        return suggest(turn, request, understood.occasions)
    if request.names_products or request.has_limits:  # "which running shoes would you recommend"
        return browse.search(turn)
    rec = turn.shop.recommender.personal(turn.customer)
    if not rec.ids:
        return Reply("recommend", turn.say.NO_RECOMMENDATION, expects_answer=True)
    turn.state.request = _kinds_of(turn, rec.ids)
    return browse.show_page(turn, rec.ids, turn.say.recommend(None, None), "recommend")


def _kinds_of(turn: Turn, ids: list[int]) -> dict[str, Any]:
    """The request a refinement narrows after a list of ideas ("in blau"): the kinds of products shown,
    not the whole catalog."""
    types = tuple(dict.fromkeys(p.type for p in turn.shop.catalog.get_many(ids)))
    return ShopperRequest(types=types).to_json()


def suggest(turn: Turn, request: ShopperRequest, occasions: tuple[str, ...], refining: bool = False) -> Reply:
    """A small, varied set for the recipient, interest, occasion and budget said, and why each fits."""
    rec = turn.shop.recommender.inspire(request, occasions, turn.customer, turn.lang.code)
    turn.state.request = request.to_json()
    limits = turn.say.limits(request.color, request.brand, None, (), request.price_min_cents,
                             request.price_max_cents)
    if not rec.ids:
        turn.state.listing, turn.state.page = [], 0
        return Reply("recommend", turn.say.no_ideas(limits), {"products": []}, expects_answer=True)
    shown = list(turn.state.shown) if refining else []
    reply = browse.show_page(turn, rec.ids, turn.say.ideas_lead(rec.pitch, limits), "recommend", rec.reasons)
    turn.state.shown = list(dict.fromkeys([*shown, *turn.state.shown]))
    return reply


def _asks_for_complements(turn: Turn) -> bool:
    said = spoken(turn.nlu.text)
    return any(re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", said) for cue in turn.words.complement_cues)


def last_bought(turn: Turn) -> Product | None:
    """What the customer bought last: a starting point for things that go with it."""
    order = turn.uow.orders.latest(turn.customer.id)
    if order is None or not order.lines:
        return None
    return turn.product(turn.shop.catalog.product_id_for_sku(order.lines[0].sku))
