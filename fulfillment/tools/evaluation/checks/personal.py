"""Checks on personal answers: the customer's sizes, favourite brands, orders and cart."""

from __future__ import annotations

from typing import Any

from fulfillment.tools.evaluation.checks.answers import expect_answer, named_in_turn, referent_or_fail
from fulfillment.tools.evaluation.checks.base import Check, Context, SuiteError, Verdict, about, check, flag, mapping
from fulfillment.tools.evaluation.checks.listing import every
from fulfillment.tools.evaluation.facts import customer_size_for, in_customer_size, size_fits
from fulfillment.tools.evaluation.languages import current
from fulfillment.tools.evaluation.spoken import has_phrase, names, product_names, says_number, says_price

SAME_WORDS = {"en": ("same", "ordered", "bought"), "de": ("dieselbe", "derselbe", "dasselbe", "die gleiche",
                                                        "bestellt", "gekauft")}


@check("mentions_customer_size")
def mentions_customer_size(raw: Any) -> Check:
    """"What shoe size do I take": the size in the customer's profile (`shoes` or `apparel`)."""
    if raw not in ("shoes", "apparel"):
        raise SuiteError(f"mentions_customer_size: shoes or apparel, got {raw!r}")

    def run(ctx: Context) -> Verdict:
        size = ctx.customer.sizes.get(raw)
        if size is None:
            return Verdict(False, f"the profile holds no {raw} size")
        reply = ctx.turn.reply
        said = says_number(reply, int(size)) if size.isdigit() else (
            has_phrase(reply, size) or has_phrase(reply, current().spoken_sizes.get(size.upper(), size)))
        return Verdict(said, "" if said else f"did not say the customer's {raw} size {size}")

    return run


@check("brands_are_favourite")
def brands_are_favourite(raw: Any) -> Check:
    flag(raw, "brands_are_favourite")

    def run(ctx: Context) -> Verdict:
        favourites = {b.lower() for b in ctx.customer.favourite_brands}
        return every(lambda p: p.brand.lower() in favourites, f"from the favourite brands {sorted(favourites)}")(ctx)

    return run


@check("mentions_last_order")
def mentions_last_order(raw: Any) -> Check:
    """"What did I order last time": names something of the customer's latest order."""
    flag(raw, "mentions_last_order")

    def run(ctx: Context) -> Verdict:
        orders = ctx.facts.orders.get(ctx.customer_id, ())
        if not orders:
            return Verdict(False, "the customer has no orders")
        lines = orders[0].lines
        products = [p for line in lines if (p := ctx.facts.product(line.sku)) is not None]
        said = any(names(ctx.turn.reply, p) for p in products) or any(
            has_phrase(ctx.turn.reply, line.title) for line in lines)
        return Verdict(said, "" if said else f"did not name {[line.title for line in lines]}")

    return run


@check("mentions_ordered")
def mentions_ordered(raw: Any) -> Check:
    """"The coffee I always get": names the product of that type the customer ordered most recently."""
    spec = mapping(raw, "mentions_ordered", ("type",), ("type",))
    kind = str(spec["type"]).lower()

    def run(ctx: Context) -> Verdict:
        product = next((p for p in ctx.facts.ordered(ctx.customer_id) if p.type.lower() == kind), None)
        if product is None:
            return Verdict(False, f"the customer never ordered a {kind}")
        return Verdict(names(ctx.turn.reply, product), f"did not name {product.title}")

    return run


@check("answers_same_as_ordered")
def answers_same_as_ordered(raw: Any) -> Check:
    """"Is that the same as my last one": yes when the customer has ordered this very product."""
    subject = about(raw, "answers_same_as_ordered")

    def run(ctx: Context) -> Verdict:
        p = referent_or_fail(ctx, subject)
        if isinstance(p, Verdict):
            return p
        topic = (*SAME_WORDS[current().code], *product_names(p))
        return expect_answer(p in ctx.facts.ordered(ctx.customer_id), ctx, p, topic)

    return run


@check("picks_for_customer")
def picks_for_customer(raw: Any) -> Check:
    """"Which would you pick for me": one of the products shown, from a favourite brand and in the customer's
    size whenever one shown is."""
    flag(raw, "picks_for_customer")

    def run(ctx: Context) -> Verdict:
        shown = ctx.previous_listing(2)
        pick = named_in_turn(ctx, shown, current().pick_cues)
        if pick is None:
            return Verdict(False, "picked none of the products shown")
        favourites = {b.lower() for b in ctx.customer.favourite_brands}
        if any(p.brand.lower() in favourites for p in shown) and pick.brand.lower() not in favourites:
            return Verdict(False, f"picked {pick.title}, though a favourite brand was shown")
        if any(in_customer_size(p, ctx.customer) for p in shown) and not in_customer_size(pick, ctx.customer):
            return Verdict(False, f"picked {pick.title}, not available in the customer's size")
        return Verdict(True)

    return run


@check("cart_has")
def cart_has(raw: Any) -> Check:
    """After the turn the cart holds a `{type: running shoe, size: customer}` (the customer's own size) or a
    given size."""
    spec = mapping(raw, "cart_has", ("type", "size", "color"), ("type",))
    kind = str(spec["type"]).lower()

    def run(ctx: Context) -> Verdict:
        lines = ctx.facts.cart_of(ctx.customer_id).lines
        for line in lines:
            product = ctx.facts.product(line.sku)
            if product is None or product.type.lower() != kind:
                continue
            wanted = spec.get("size")
            if wanted == "customer":
                wanted = customer_size_for(ctx.customer, line.size)
                if wanted is None:
                    continue
            if wanted is not None and not size_fits(line.size, str(wanted)):
                continue
            if spec.get("color") and (line.color or "").lower() != str(spec["color"]).lower():
                continue
            return Verdict(True)
        held = [f"{line.title} {line.color or ''} {line.size or ''}".strip() for line in lines]
        return Verdict(False, f"the cart holds {held or 'nothing'}, wanted {spec}")

    return run


@check("mentions_order_status")
def mentions_order_status(raw: Any) -> Check:
    """"Where is my order": the status of the customer's latest order, in the reply's language."""
    flag(raw, "mentions_order_status")

    def run(ctx: Context) -> Verdict:
        orders = ctx.facts.orders.get(ctx.customer_id, ())
        if not orders:
            return Verdict(False, "the customer has no orders")
        status = orders[0].status
        said = any(has_phrase(ctx.turn.reply, w) for w in current().statuses.get(status, (status,)))
        return Verdict(said, "" if said else f"did not say the latest order is {status}")

    return run


@check("reads_back_cart")
def reads_back_cart(raw: Any) -> Check:
    """Before an order is placed the reply reads the cart back: every product in it and the total."""
    flag(raw, "reads_back_cart")

    def run(ctx: Context) -> Verdict:
        cart = ctx.facts.cart_of(ctx.customer_id)
        if not cart.lines:
            return Verdict(False, "the cart is empty: nothing to read back")
        unnamed = [line.title for line in cart.lines
                   if (p := ctx.facts.product(line.sku)) is None or not names(ctx.turn.reply, p)]
        total = says_price(ctx.turn.reply, cart.total_cents)
        ok = not unnamed and total
        why = f"did not name {unnamed}" if unnamed else f"did not say the total {cart.total_cents / 100:.2f}"
        return Verdict(ok, "" if ok else why)

    return run


@check("cart_empty")
def cart_empty(raw: Any) -> Check:
    """After the turn the cart is empty (the order was placed)."""
    flag(raw, "cart_empty")

    def run(ctx: Context) -> Verdict:
        lines = ctx.facts.cart_of(ctx.customer_id).lines
        return Verdict(not lines, f"the cart still holds {[line.title for line in lines]}" if lines else "")

    return run
