"""The cart: add (asking for size or color when needed), remove, clear, read back."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

from rapidfuzz import fuzz, process

from fulfillment.domain.dialogue.context import Reply, Turn
from fulfillment.domain.dialogue.state import Pending
from fulfillment.domain.models import CartLine, Product, Variant
from fulfillment.domain.search import SearchRequest
from fulfillment.domain.sizes import customer_size, fits

MAX_QUANTITY = 20


def add(turn: Turn) -> Reply:
    named = turn.nlu.first("product")
    product = turn.referenced() if not (named and turn.nlu.first("ordinal") is None) else None
    if product is None and named:
        ids = turn.shop.search.search(SearchRequest(text=str(named), language=turn.lang.code)).ids
        product = turn.product(ids[0]) if ids else turn.referenced()
    if product is None:
        return Reply("add_to_cart", turn.say.NO_FOCUS, counts_as_failure=True)
    quantity = turn.nlu.first("quantity")
    size = turn.nlu.first("size")
    if size is None and turn.understood.my_size:  # "add the first one in my size"
        size = customer_size(turn.customer, product)
    pending = Pending(
        kind="variant", product_id=product.id,
        quantity=max(1, min(int(quantity), MAX_QUANTITY)) if isinstance(quantity, int) else 1,
        color=turn.understood.request.color or turn.nlu.first("color") or _listed_colour(turn, product), size=size,
    )
    return add_variant(turn, product, pending)


def _listed_colour(turn: Turn, product: Product) -> str | None:
    """The colour the list was narrowed to ("in schwarz"), when `product` has it in stock: asking which
    colour again would ignore what the shopper said."""
    colour = turn.state.request.get("color")
    return colour if colour and any(v.color == colour and v.stock > 0 for v in product.variants) else None


def add_variant(turn: Turn, product: Product, pending: Pending) -> Reply:
    """Adds once size and color are known; otherwise asks for what is missing."""
    turn.state.focus = product.id
    turn.state.pending = None
    candidates = list(product.variants)
    for dimension, wanted in (("color", pending.color), ("size", pending.size)):
        if wanted is None or not _options(candidates, dimension):
            continue  # a size said for a product that has none (a foam roller "in 42") changes nothing
        chosen = [v for v in candidates if str(getattr(v, dimension) or "").lower() == str(wanted).lower()]
        if dimension == "size" and not chosen:  # a shoe size 39 is served by socks sized 39-42
            chosen = [v for v in candidates if fits(v.size, str(wanted))]
        if not chosen:
            # Keep the question open without the impossible choice, so the next answer fills it.
            turn.state.pending = replace(pending, **cast(dict[str, Any], {dimension: None}))
            options = _options(candidates, dimension)
            return Reply("ask_variant", turn.say.variant_unavailable(product, str(wanted), options),
                         {"products": [product.to_json()]}, expects_answer=True)
        candidates = chosen
    said_something = pending.size is not None or pending.color is not None
    if pending.size is None and len(_options(candidates, "size")) > 1:
        # A size the shop already knows is used without asking.
        usual = customer_size(turn.customer, product)
        mine = [v for v in candidates if usual and fits(v.size, usual) and v.stock > 0]
        if mine:
            candidates = mine
    for dimension in ("size", "color"):
        options = _options(candidates, dimension)
        in_stock = _options([v for v in candidates if v.stock > 0], dimension)
        # Size always matters; color is asked only when the shopper named no variant at all,
        # otherwise the best-stocked color is taken and the others are mentioned.
        if len(options) > 1 and len(in_stock) != 1 and (dimension == "size" or not said_something):
            usual = turn.customer.sizes.get(product.category) if dimension == "size" else None
            turn.state.pending = pending
            return Reply("ask_variant", turn.say.ask_variant(product, dimension, in_stock or options, usual),
                         {"products": [product.to_json()]}, expects_answer=True)
    listed_in = turn.state.request.get("color")  # the list was asked "in blue": its blue one, when in stock
    variant = max(candidates, key=lambda v: (v.color == listed_in and v.stock > 0, v.stock))
    stocked = [v for v in candidates if v.stock > 0]
    others = [c for c in _options(stocked, "color") if c != variant.color] if pending.color is None else []
    return _put(turn, product, variant, pending.quantity, others)


def _put(turn: Turn, product: Product, variant: Variant, quantity: int, other_colors: list[str]) -> Reply:
    what = turn.say.variant_chosen(variant.color, variant.size)
    if variant.stock <= 0:
        return Reply("add_to_cart", turn.say.sold_out(product, what), expects_answer=True)
    in_cart = next((x.quantity for x in turn.uow.carts.get(turn.customer.id).lines if x.sku == variant.sku), 0)
    if variant.stock < quantity + in_cart:
        left = variant.stock - in_cart
        if left <= 0:
            return Reply("add_to_cart", turn.say.sold_out(product, what), expects_answer=True)
        turn.state.pending = Pending("variant", product.id, left, variant.color, variant.size)
        return Reply("ask_quantity", turn.say.only_left(product, left), expects_answer=True)
    turn.uow.carts.add(turn.customer.id, variant.sku, quantity)
    cart = turn.uow.carts.get(turn.customer.id)
    line = CartLine(variant.sku, product.title, quantity, variant.price_cents, variant.color, variant.size)
    text = turn.say.added(line, cart.count, cart.total_cents, other_colors)
    return Reply("add_to_cart", text, {"cart": cart.to_json()}, expects_answer=True)


def _options(variants: list[Variant], dimension: str) -> list[str]:
    return list(dict.fromkeys(str(getattr(v, dimension)) for v in variants if getattr(v, dimension)))


def remove(turn: Turn) -> Reply:
    cart = turn.uow.carts.get(turn.customer.id)
    if not cart.lines:
        return Reply("remove_from_cart", turn.say.CART_EMPTY)
    text = turn.nlu.text.lower()
    if any(word in text for word in turn.words.clear_cart_words):
        turn.uow.carts.clear(turn.customer.id)
        return Reply("clear_cart", turn.say.CART_CLEARED, {"cart": turn.uow.carts.get(turn.customer.id).to_json()})
    line = _line_meant(turn, cart.lines)
    if line is None:
        return Reply("remove_from_cart", turn.say.NOT_IN_CART, expects_answer=True)
    quantity = turn.nlu.first("quantity")
    turn.uow.carts.remove(turn.customer.id, line.sku, quantity if isinstance(quantity, int) else None)
    cart = turn.uow.carts.get(turn.customer.id)
    return Reply("remove_from_cart", turn.say.removed(turn.titled((line,))[0].title), {"cart": cart.to_json()})


def _line_meant(turn: Turn, lines: tuple[CartLine, ...]) -> CartLine | None:
    named = turn.nlu.first("product") or turn.nlu.first("brand")
    if named:
        match = process.extractOne(str(named), [x.title.lower() for x in lines], scorer=fuzz.partial_ratio,
                                   score_cutoff=70)
        if match:
            return lines[match[2]]
    focus = turn.product(turn.state.focus)
    if focus:
        skus = {v.sku for v in focus.variants}
        mine = [x for x in lines if x.sku in skus]
        if mine:
            return mine[-1]
    return lines[0] if len(lines) == 1 else None


def view(turn: Turn) -> Reply:
    cart = turn.uow.carts.get(turn.customer.id)
    if not cart.lines:
        return Reply("view_cart", turn.say.CART_EMPTY, {"cart": cart.to_json()})
    return Reply("view_cart", turn.say.cart(turn.titled(cart.lines), cart.total_cents), {"cart": cart.to_json()},
                 expects_answer=True)
