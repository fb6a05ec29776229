"""Checks on the products a reply lists: kind, budget, colour, size, brand, variety, what changed."""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from typing import Any

from fulfillment.domain.models import Product
from fulfillment.tools.evaluation.checks.base import (
    Check,
    Context,
    SuiteError,
    Verdict,
    check,
    describe,
    flag,
    mapping,
    strings,
)
from fulfillment.tools.evaluation.facts import in_customer_size, size_fits
from fulfillment.tools.evaluation.languages import current
from fulfillment.tools.evaluation.speakable import plural

SET_KEYS = ("categories", "types", "tags", "features", "brands")


def every(rule: Callable[[Product], bool], what: str) -> Check:
    """Passes when the turn listed products, all of them known, and every one follows `rule`."""

    def run(ctx: Context) -> Verdict:
        if ctx.turn.unresolved:
            return Verdict(False, f"listed products the catalog does not sell: {', '.join(ctx.turn.unresolved)}")
        if not ctx.turn.products:
            return Verdict(False, f"listed no products (wanted: {what})")
        wrong = [p for p in ctx.turn.products if not rule(p)]
        return Verdict(not wrong, f"not {what}: {describe(wrong)}" if wrong else "")

    return run


def matches(p: Product, sets: dict[str, set[str]]) -> bool:
    """Whether a product is in one of the acceptable sets (by category, type, tag, feature or brand)."""
    return bool(
        p.category.lower() in sets.get("categories", ())
        or p.type.lower() in sets.get("types", ())
        or sets.get("tags", set()) & {t.lower() for t in p.tags}
        or sets.get("features", set()) & {f.lower() for f in p.features}
        or p.brand.lower() in sets.get("brands", ())
    )


@check("lists")
def lists(raw: Any) -> Check:
    """`lists: 2` (at least two products) or `lists: {min: 0, max: 0}`."""
    spec = {"min": raw} if isinstance(raw, int) else mapping(raw, "lists", ("min", "max"))
    low, high = int(spec.get("min", 0)), spec.get("max")

    def run(ctx: Context) -> Verdict:
        n = len(ctx.turn.products) + len(ctx.turn.unresolved)
        ok = n >= low and (high is None or n <= int(high))
        return Verdict(ok, "" if ok else f"listed {n} products, wanted {low} to {'any' if high is None else high}")

    return run


@check("products_in")
def products_in(raw: Any) -> Check:
    """Every listed product is in one of the acceptable sets: `{types: [...], tags: [...], categories: [...]}`."""
    spec = mapping(raw, "products_in", SET_KEYS)
    sets = {key: {v.lower() for v in strings(values, f"products_in.{key}")} for key, values in spec.items()}
    return every(lambda p: matches(p, sets), f"in {spec}")


@check("products_of_type")
def products_of_type(raw: Any) -> Check:
    types = {t.lower() for t in strings(raw, "products_of_type")}
    return every(lambda p: p.type.lower() in types, f"of type {sorted(types)}")


@check("none_of_type")
def none_of_type(raw: Any) -> Check:
    types = {t.lower() for t in strings(raw, "none_of_type")}

    def run(ctx: Context) -> Verdict:
        wrong = [p for p in ctx.turn.products if p.type.lower() in types]
        return Verdict(not wrong, f"listed {describe(wrong)}" if wrong else "")

    return run


@check("price_within")
def price_within(raw: Any) -> Check:
    """Every listed product has a variant priced within `{min: 100, max: 200}` euros (either bound optional)."""
    spec = mapping(raw, "price_within", ("min", "max"))
    if not spec:
        raise SuiteError("price_within: give min, max or both")
    low = round(float(spec.get("min", 0)) * 100)
    high = round(float(spec["max"]) * 100) if "max" in spec else None

    def fits(p: Product) -> bool:
        return any(v.price_cents >= low and (high is None or v.price_cents <= high) for v in p.variants)

    return every(fits, f"priced within {spec} euros")


@check("cheap_for_type")
def cheap_for_type(raw: Any) -> Check:
    """"Cheap": every listed product costs at most the median price of its product type."""
    flag(raw, "cheap_for_type")

    def run(ctx: Context) -> Verdict:
        def cheap(p: Product) -> bool:
            same = [q.min_price_cents for q in ctx.facts.of_types([p.type])]
            return p.min_price_cents <= statistics.median(same)

        return every(cheap, "at most the median price of its type")(ctx)

    return run


@check("has_color")
def has_color(raw: Any) -> Check:
    color = strings(raw, "has_color")[0].lower()
    return every(lambda p: color in {c.lower() for c in p.colors}, f"available in {color}")


@check("has_size")
def has_size(raw: Any) -> Check:
    size = str(raw)
    return every(lambda p: any(size_fits(v.size, size) for v in p.variants), f"available in size {size}")


@check("has_features")
def has_features(raw: Any) -> Check:
    wanted = {f.lower() for f in strings(raw, "has_features")}
    return every(lambda p: wanted <= {f.lower() for f in p.features}, f"with {sorted(wanted)}")


@check("brand_in")
def brand_in(raw: Any) -> Check:
    brands = {b.lower() for b in strings(raw, "brand_in")}
    return every(lambda p: p.brand.lower() in brands, f"from {sorted(brands)}")


@check("in_customer_size")
def in_customer_size_check(raw: Any) -> Check:
    """Every listed product comes in the customer's own size (clothing or shoe size, by how it is sized)."""
    flag(raw, "in_customer_size")
    return lambda ctx: every(lambda p: in_customer_size(p, ctx.customer), "in the customer's size")(ctx)


@check("varied")
def varied(raw: Any) -> Check:
    """At least n different product types (`{types: 2}`) or categories (`{categories: 2}`) in the listing."""
    spec = mapping(raw, "varied", ("types", "categories"))
    key, wanted = next(iter(spec.items()))

    def run(ctx: Context) -> Verdict:
        kinds = {p.type if key == "types" else p.category for p in ctx.turn.products}
        ok = len(kinds) >= int(wanted)
        return Verdict(ok, "" if ok else f"only {len(kinds)} different {key}: {sorted(kinds)}")

    return run


@check("same_type_as_previous")
def same_type_as_previous(raw: Any) -> Check:
    """A refinement keeps the product type of the active request (the previous listing's types)."""
    flag(raw, "same_type_as_previous")

    def run(ctx: Context) -> Verdict:
        previous = ctx.previous_listing()
        if not previous:
            return Verdict(False, "nothing was listed before")
        types = {p.type for p in previous}
        return every(lambda p: p.type in types, f"of the previous type {sorted(types)}")(ctx)

    return run


@check("new_products")
def new_products(raw: Any) -> Check:
    """"More", "something else": none of the products shown before, and some when the catalog has others."""
    flag(raw, "new_products")

    def run(ctx: Context) -> Verdict:
        seen = ctx.earlier_products()
        repeated = [p for p in ctx.turn.products if p.handle in seen]
        if repeated:
            return Verdict(False, f"shown again: {describe(repeated)}")
        types = {p.type for p in ctx.previous_listing()}
        unseen = [p for p in ctx.facts.of_types(types) if p.handle not in seen]
        if unseen and not ctx.turn.products:
            return Verdict(False, f"listed nothing though {len(unseen)} others of {sorted(types)} exist")
        return Verdict(True)

    return run


@check("cheaper_than_previous")
def cheaper_than_previous(raw: Any) -> Check:
    """"Cheaper ones": cheaper than the cheapest shown, of the same type; nothing (or no dearer) when the
    catalog has nothing cheaper."""
    flag(raw, "cheaper_than_previous")

    def run(ctx: Context) -> Verdict:
        previous = ctx.previous_listing()
        if not previous:
            return Verdict(False, "nothing was listed before")
        floor = min(p.min_price_cents for p in previous)
        types = {p.type for p in previous}
        cheaper = [p for p in ctx.facts.of_types(types) if p.min_price_cents < floor]
        if not cheaper:
            dearer = [p for p in ctx.turn.products if p.min_price_cents > floor]
            return Verdict(not dearer, f"nothing is cheaper, yet listed {describe(dearer)}" if dearer else "")
        return every(lambda p: p.type in types and p.min_price_cents < floor,
                     f"cheaper than €{floor / 100:.2f} and of type {sorted(types)}")(ctx)

    return run


@check("count_matches")
def count_matches(raw: Any) -> Check:
    """The reply says how many products of `{types: [...]}` the shop has, and the number is right;
    with `required: false` only a count that is said must be right."""
    spec = mapping(raw, "count_matches", ("types", "required"), ("types",))
    required = spec.get("required", True)
    types = [t.lower() for t in strings(spec["types"], "count_matches.types")]

    def run(ctx: Context) -> Verdict:
        language = current()
        nouns = sorted({*(w.lower() for t in types for w in language.said_as(t)), *(plural(t) for t in types),
                        *language.count_nouns}, key=len, reverse=True)
        number = r"(\d+|" + "|".join(language.number_words) + r")"
        claim = re.compile(rf"(?<![\w.,€]){number}\s+(?:[\w'-]+\s+){{0,2}}?(?:{'|'.join(map(re.escape, nouns))})\b")
        expected = len(ctx.facts.of_types(types))
        said = [m.group(1) for m in claim.finditer(ctx.turn.reply.lower())]
        values = [int(s) if s.isdigit() else language.number_words.index(s) for s in said]
        ok = expected in values or (not values and not required)
        return Verdict(ok, "" if ok else f"said {values or 'no count'}, the catalog has {expected}")

    return run
