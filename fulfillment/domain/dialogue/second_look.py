"""When the NLU is unsure, or its intent does not fit the words, the words decide: two products named
for a comparison, a question about the shop, a question about the product in focus, the product the
shopper always buys, or a request the catalog's own names make sense of."""

from __future__ import annotations

import re

from fulfillment.domain.catalog_terms import spoken
from fulfillment.domain.dialogue import basket, browse, decide, questions, shop_info
from fulfillment.domain.dialogue.context import Reply, Turn
from fulfillment.domain.request import ShopperRequest

VAGUE = frozenset({"out_of_scope", "help"})
"""Intents a misheard or unusual request often lands in."""


def reconsider(turn: Turn, unsure: bool) -> Reply | None:
    intent = turn.nlu.intent
    words = turn.words.shopping
    said = spoken(turn.nlu.text)
    if intent == "customer_info" and not any(
        _has(said, c) for _, cues in words.profile_questions for c in cues
    ):  # "in size s" is no question about the customer's record
        unsure = True
    if intent != "compare_products" and (decide.named_products(turn) or (
        len(decide.ordinal_words(turn)) >= 2 and turn.state.listing
    )):
        return decide.compare(turn)
    if turn.state.focus and intent not in ("add_to_cart", "checkout") and any(
        _has(said, c) for c in words.same_as_last_cues
    ):
        return questions.question(turn)
    asks_profile = any(_has(said, c) for _, cues in words.profile_questions for c in cues)
    if intent not in ("add_to_cart", "reorder", "checkout") and _has_any(turn, words.usual_cues) and not (
        intent == "customer_info" and asks_profile
    ):  # "what size clothes do i usually get" asks for the size on record, not for the usual product
        return usual(turn)
    if intent in ("search_product", "select_option") and any(
        said.startswith(opener + " ") for opener in turn.words.shopping.add_openers
    ):  # "add the samba og sneakers in my size" puts them in the cart
        return basket.add(turn)
    if not (unsure or intent in VAGUE):
        return None
    if shop_info.asks_about_shop(turn):
        return shop_info.store_info(turn)
    text = turn.nlu.text.lower()
    focus = turn.product(turn.state.focus)
    if focus and (any(c in text for _, cues in turn.words.question_cues for c in cues)
                  or turn.words.feature_question.search(text) or questions.size_said(turn, focus)):
        return questions.question(turn)
    request = turn.understood.request
    if request.types or request.category or request.brand or request.is_inspiration or _names_a_product(turn) or (
        turn.state.request and (request.has_limits or turn.understood.cheaper or turn.understood.other)
    ):
        return browse.search(turn)
    return None


def usual(turn: Turn) -> Reply:
    """"The coffee I always get": what this customer ordered of that kind, newest first."""
    kinds = set(turn.understood.request.types)
    seen: list[int] = []
    for order in turn.uow.orders.for_customer(turn.customer.id):
        for line in order.lines:
            product_id = turn.shop.catalog.product_id_for_sku(line.sku)
            product = turn.product(product_id)
            if product is not None and (not kinds or product.type in kinds) and product.id not in seen:
                seen.append(product.id)
    if not seen:
        return browse.search(turn)
    turn.state.request = ShopperRequest(types=tuple(kinds)).to_json() if kinds else {}
    return browse.show_page(turn, seen, turn.say.your_usual(len(seen)), "search")


def _names_a_product(turn: Turn) -> bool:
    """"do you have the novablast 4": a few products carry all the words said."""
    words = list(turn.understood.request.words)
    if not words:
        return False
    found = turn.shop.catalog.ranked(" ".join(f'"{w}"' for w in words), 4)
    return 0 < len(found) <= 3


def _has(said: str, cue: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", said) is not None


def _has_any(turn: Turn, cues: tuple[str, ...]) -> bool:
    said = spoken(turn.nlu.text)
    return any(re.search(rf"(?<!\w){re.escape(c)}(?!\w)", said) for c in cues)
