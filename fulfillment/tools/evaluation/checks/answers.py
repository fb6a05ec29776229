"""Checks on answers about products: which one a reply picks, yes/no questions, prices, colours, sizes."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fulfillment.domain.models import Product
from fulfillment.tools.evaluation.checks.base import (
    Check,
    Context,
    SuiteError,
    Verdict,
    about,
    check,
    describe,
    mapping,
    strings,
)
from fulfillment.tools.evaluation.languages import current
from fulfillment.tools.evaluation.spoken import (
    designated,
    has_phrase,
    names,
    norm,
    only_named,
    says_price,
    yes_or_no,
)

WARM_FEATURES = frozenset({"insulated", "warm", "keep warm"})
LIGHT_FEATURES = frozenset({"lightweight", "light", "ultralight"})
_BATTERY = re.compile(r"(\d+) (hour|day)s? battery")


def battery_hours(p: Product) -> float | None:
    for feature in p.features:
        if m := _BATTERY.fullmatch(feature):
            return int(m.group(1)) * (24 if m.group(2) == "day" else 1)
    return None


def weight(p: Product) -> float:
    """A weight in grams when the catalog gives one; else lighter (0) for products sold as lightweight."""
    grams = getattr(p, "weight_grams", None)
    if isinstance(grams, (int, float)):
        return float(grams)
    return 0.0 if LIGHT_FEATURES & {f.lower() for f in p.features} else 1.0


FIELDS: dict[str, Callable[[Product], float | None]] = {
    "price": lambda p: p.min_price_cents,
    "rating": lambda p: p.rating,
    "reviews": lambda p: p.review_count,
    "battery": battery_hours,
    "weight": weight,
    "warmth": lambda p: 1.0 if WARM_FEATURES & {f.lower() for f in p.features} else 0.0,
}


def cues_for(name: str, pick: str) -> tuple[str, ...]:
    """Words that mark the product a comparison gives as its answer, in the language replies are read in."""
    language = current()
    if (name, pick) in language.cues:
        return language.cues[(name, pick)]
    _, _, value = name.partition(":")
    words = language.said_as(value)
    if language.code == "de":
        return (*words, *(f"für {w}" for w in words), *(f"besser für {w}" for w in words))
    return (value, f"for {value}", f"better for {value}", f"best for {value}")


def field_of(name: str) -> Callable[[Product], float | None]:
    """A comparable value: one of FIELDS, or `feature:<name>` / `tag:<name>` (1 when the product has it)."""
    if name in FIELDS:
        return FIELDS[name]
    kind, _, value = name.partition(":")
    if kind == "feature" and value:
        return lambda p: 1.0 if value in {f.lower() for f in p.features} else 0.0
    if kind == "tag" and value:
        return lambda p: 1.0 if value in {t.lower() for t in p.tags} else 0.0
    raise SuiteError(f"unknown field {name!r} (known: {', '.join(FIELDS)}, feature:<name>, tag:<name>)")


def named_in_turn(ctx: Context, candidates: tuple[Product, ...], cues: tuple[str, ...]) -> Product | None:
    """The product a reply gives as its answer: the only one it shows, else the one its cue words point at
    ("so the X is cheaper"), else the only one it names. Products shown before count too: a reply about
    another product than those asked about names that one."""
    if len(ctx.turn.products) == 1 and ctx.turn.products[0] in candidates:
        return ctx.turn.products[0]
    pool = (*candidates, *(p for p in ctx.previous_listing() if p not in candidates))
    return designated(ctx.turn.reply, pool, cues) or only_named(ctx.turn.reply, pool)


def expect_answer(expected: bool, ctx: Context, subject: Product | None = None, topic: tuple[str, ...] = (),
                  negatives: tuple[str, ...] = ()) -> Verdict:
    """The reply answers yes or no as the data says, about the right product; `topic` words mark the
    sentence that answers (see spoken.yes_or_no)."""
    if subject is not None and len(ctx.turn.products) == 1 and ctx.turn.products[0] != subject:
        return Verdict(False, f"answered about {ctx.turn.products[0].title}, not {subject.title}")
    said = yes_or_no(ctx.turn.reply, topic, negatives)
    wanted = "yes" if expected else "no"
    return Verdict(said == wanted, "" if said == wanted else f"the data says {wanted}, the reply says {said}")


def referent_or_fail(ctx: Context, spec: Any) -> Product | Verdict:
    product = ctx.referent(spec)
    return product if product is not None else Verdict(False, f"no product to answer about ({spec})")


@check("names_product")
def names_product(raw: Any) -> Check:
    """The reply picks the product with the lowest or highest value of a field among the products in question:
    `{by: weight, pick: min, among: shown}` (the last listing), `among: [1, 2]` (its ordinals) or handles."""
    spec = mapping(raw, "names_product", ("by", "pick", "among"), ("by", "pick"))
    value_of = field_of(str(spec["by"]))
    if spec["pick"] not in ("min", "max"):
        raise SuiteError(f"names_product.pick: min or max, got {spec['pick']!r}")
    among = spec.get("among", "shown")
    cues = cues_for(str(spec["by"]), str(spec["pick"]))
    if among != "shown" and not (isinstance(among, list) and among):
        raise SuiteError(f"names_product.among: `shown` or a list of ordinals or handles, got {among!r}")

    def run(ctx: Context) -> Verdict:
        if among == "shown":
            candidates = ctx.previous_listing(2)
        else:
            found = [ctx.referent(a) for a in among]
            candidates = tuple(p for p in found if p is not None)
        valued = [(v, p) for p in candidates if (v := value_of(p)) is not None]
        if len(valued) < 2:
            return Verdict(False, f"fewer than two products to compare ({describe(candidates)})")
        best = (min if spec["pick"] == "min" else max)(v for v, _ in valued)
        right = [p for v, p in valued if v == best]
        named = named_in_turn(ctx, candidates, cues)
        if len(right) == len(valued):  # all alike: any named candidate is a fair answer
            return Verdict(named is not None, "" if named else "named none of the products compared")
        ok = named in right
        return Verdict(ok, "" if ok else f"named {named.title if named else 'nothing'}, the data says "
                                         f"{' or '.join(p.title for p in right)} ({spec['by']} {spec['pick']})")

    return run


@check("answers")
def answers(raw: Any) -> Check:
    """A yes/no the suite's author read in the knowledge files (e.g. worn items can't be returned)."""
    if raw not in ("yes", "no"):
        raise SuiteError(f"answers: yes or no, got {raw!r}")
    return lambda ctx: expect_answer(raw == "yes", ctx)


@check("answers_feature")
def answers_feature(raw: Any) -> Check:
    """"Does it have X": yes exactly when X is one of the product's features, tags or materials (no partial
    string match: a "wireless" product has no "wireless charging case")."""
    spec = mapping(raw, "answers_feature", ("feature", "about"), ("feature",))
    wanted, subject = norm(str(spec["feature"])), about(spec.get("about"), "answers_feature")

    def run(ctx: Context) -> Verdict:
        p = referent_or_fail(ctx, subject)
        if isinstance(p, Verdict):
            return p
        has = wanted in {norm(x) for x in (*p.features, *p.tags, *p.materials)}
        said = current().said_as(str(spec["feature"]))
        topic = (*said, wanted.split()[-1]) if wanted else ()
        return expect_answer(has, ctx, p, topic)

    return run


@check("answers_variant")
def answers_variant(raw: Any) -> Check:
    """"Do you have it in red / in 42": yes when such a variant is in stock online."""
    spec = mapping(raw, "answers_variant", ("about", "size", "color"))
    subject = about(spec.get("about"), "answers_variant")
    size, color = spec.get("size"), spec.get("color")
    if size is None and color is None:
        raise SuiteError("answers_variant: give size, color or both")

    def run(ctx: Context) -> Verdict:
        p = referent_or_fail(ctx, subject)
        if isinstance(p, Verdict):
            return p
        stocked = any(
            v.stock > 0
            and (size is None or (v.size or "").upper() == str(size).upper())
            and (color is None or (v.color or "").lower() == str(color).lower())
            for v in p.variants
        )
        topic = (*([str(size)] if size is not None else []), *(current().said_as(str(color)) if color else ()))
        return expect_answer(stocked, ctx, p, topic, current().sold_out)

    return run


@check("answers_store_stock")
def answers_store_stock(raw: Any) -> Check:
    """"Is it in stock in Hamburg": yes when that store's shelf holds any variant."""
    spec = mapping(raw, "answers_store_stock", ("about", "store"), ("store",))
    subject, store = about(spec.get("about"), "answers_store_stock"), str(spec["store"]).lower()

    def run(ctx: Context) -> Verdict:
        p = referent_or_fail(ctx, subject)
        if isinstance(p, Verdict):
            return p
        on_shelf = sum(v.store_stock.get(store, 0) for v in p.variants) > 0
        town = str(ctx.facts.knowledge.stores.get(store, {}).get("city", ""))
        return expect_answer(on_shelf, ctx, p, tuple(t for t in (store, town) if t), current().sold_out)

    return run


@check("shows_product")
def shows_product(raw: Any) -> Check:
    """"The second one": the reply shows and names that product."""
    subject = about(raw, "shows_product")

    def run(ctx: Context) -> Verdict:
        p = referent_or_fail(ctx, subject)
        if isinstance(p, Verdict):
            return p
        ok = p in ctx.turn.products and names(ctx.turn.reply, p)
        return Verdict(ok, "" if ok else f"did not show {p.title} (showed {describe(ctx.turn.products)})")

    return run


@check("mentions_product")
def mentions_product(raw: Any) -> Check:
    subject = about(raw, "mentions_product")

    def run(ctx: Context) -> Verdict:
        p = referent_or_fail(ctx, subject)
        if isinstance(p, Verdict):
            return p
        return Verdict(names(ctx.turn.reply, p), f"did not name {p.title}")

    return run


@check("mentions_price")
def mentions_price(raw: Any) -> Check:
    subject = about(raw, "mentions_price")

    def run(ctx: Context) -> Verdict:
        p = referent_or_fail(ctx, subject)
        if isinstance(p, Verdict):
            return p
        prices = sorted({v.price_cents for v in p.variants})
        ok = any(says_price(ctx.turn.reply, c) for c in prices)
        return Verdict(ok, "" if ok else f"did not say the price of {p.title} ({prices[0] / 100:.2f})")

    return run


@check("mentions_values")
def mentions_values(raw: Any) -> Check:
    """The reply gives the product's `colors`, `sizes` (all, or the smallest and largest), `materials`,
    `rating` or `reviews` (the rating or words of a review)."""
    spec = mapping(raw, "mentions_values", ("about", "field"), ("field",))
    subject, field = about(spec.get("about"), "mentions_values"), spec["field"]
    if field not in ("colors", "sizes", "materials", "rating", "reviews"):
        raise SuiteError(f"mentions_values.field: colors, sizes, materials, rating or reviews, got {field!r}")

    def run(ctx: Context) -> Verdict:
        p = referent_or_fail(ctx, subject)
        if isinstance(p, Verdict):
            return p
        reply = ctx.turn.reply
        if field in ("rating", "reviews"):
            rating = f"{p.rating}" if p.rating is not None else None
            ok = bool(rating and re.search(rf"(?<![\d.]){re.escape(rating)}(?!\d)", reply.replace(",", ".")))
            if field == "reviews" and not ok:
                ok = any(has_phrase(reply, " ".join(r.text.split()[:4])) for r in p.reviews)
            return Verdict(ok, "" if ok else f"did not give the {field} of {p.title} ({p.rating})")
        values = {"colors": p.colors, "sizes": p.sizes, "materials": list(p.materials)}[field]
        missing = [v for v in values if not any(has_phrase(reply, w) for w in current().said_as(v))]
        if field == "sizes" and missing and values and not {values[0], values[-1]} & set(missing):
            missing = []  # "from 38 to 46"
        return Verdict(not missing, f"did not say {missing} of {p.title}" if missing else "")

    return run


@check("mentions")
def mentions(raw: Any) -> Check:
    wanted = strings(raw, "mentions")

    def run(ctx: Context) -> Verdict:
        missing = [w for w in wanted if not has_phrase(ctx.turn.reply, w)]
        return Verdict(not missing, f"did not say {missing}" if missing else "")

    return run


@check("mentions_any")
def mentions_any(raw: Any) -> Check:
    wanted = strings(raw, "mentions_any")
    return lambda ctx: Verdict(any(has_phrase(ctx.turn.reply, w) for w in wanted), f"said none of {wanted}")


@check("not_mentions")
def not_mentions(raw: Any) -> Check:
    unwanted = strings(raw, "not_mentions")

    def run(ctx: Context) -> Verdict:
        said = [w for w in unwanted if has_phrase(ctx.turn.reply, w)]
        return Verdict(not said, f"said {said}" if said else "")

    return run
