"""Decision help: a comparison answers the question asked (lighter, warmer, cheapest, best rated,
better for running, waterproof) over the products listed, and "which would you pick for me" chooses by
the customer's profile and says why."""

from __future__ import annotations

import re
from collections.abc import Callable

from fulfillment.domain.catalog_terms import spoken
from fulfillment.domain.dialogue.context import Reply, Turn
from fulfillment.domain.models import Product
from fulfillment.domain.sizes import customer_size, fits_customer

LIGHT = frozenset({"lightweight", "light", "ultralight"})
WARM = frozenset({"insulated", "warm", "keep warm"})
WATERPROOF = ("waterproof", "watertight")
WATER_RESISTANT = ("water resistant", "water repellent")

Measure = Callable[[Product], float]
_BATTERY = re.compile(r"(\d+) (hour|day)s? battery")


def battery_hours(p: Product) -> float:
    for feature in p.features:
        if m := _BATTERY.fullmatch(feature):
            return int(m.group(1)) * (24.0 if m.group(2) == "day" else 1.0)
    return 0.0


MEASURES: dict[str, Measure] = {
    "battery": battery_hours,
    "light": lambda p: 1.0 if LIGHT & set(p.features) else 0.0,
    "warm": lambda p: 1.0 if WARM & set(p.features) else 0.0,
    "cheap": lambda p: -p.min_price_cents,
    "pricey": lambda p: p.min_price_cents,
    "rating": lambda p: (p.rating or 0) + p.review_count / 100000,
    "waterproof": lambda p: 2.0 if any(f in p.features for f in WATERPROOF) else (
        1.0 if any(f in p.features for f in WATER_RESISTANT) else 0.0),
}
"""Higher is the answer."""


def compare(turn: Turn) -> Reply:
    named = named_products(turn)
    if len(named) >= 2:  # "which is warmer, the down sweater or the better sweater": those two
        turn.state.listing, turn.state.page, turn.state.request = [p.id for p in named], len(named), {}
    among = named if len(named) >= 2 else _among(turn)
    if len(among) < 2:
        from fulfillment.domain.dialogue import shop_info

        if shop_info.asks_about_shop(turn):  # "which countries do you ship to" is no comparison
            return shop_info.store_info(turn)
        request = turn.understood.request
        if not turn.state.listing and (request.is_inspiration or request.names_products):
            from fulfillment.domain.dialogue import inspire

            return inspire.recommend(turn)  # "how do i make my coffee better": nothing to compare, a wish
        return Reply("compare", turn.say.NEED_TWO, counts_as_failure=True)
    said = spoken(turn.nlu.text)
    words = turn.words.shopping
    if any(_has(said, cue) for cue in words.pick_for_me_cues):
        return pick_for_me(turn, among)
    activity = _activity(said, words.activity_tags)
    if activity is not None:
        name, tag = activity
        fit = [p for p in among if tag in p.tags]
        best = max(among, key=lambda p: (tag in p.tags, p.rating or 0))
        text = turn.say.better_for(best, name, tag in best.tags, [p for p in among if p is not best],
                                   len(fit) == len(among))
        return _reply(turn, text, among, best)
    dimension = next((name for name, cues in words.compare_dimensions if any(_has(said, c) for c in cues)), None)
    if dimension is None:
        if len(among) == 2:
            return _pairwise(turn, among[0], among[1])
        dimension = "rating"
    measure = MEASURES[dimension]
    best = max(among, key=lambda p: (measure(p), p.rating or 0))
    others = [p for p in among if p is not best]
    tied = [p for p in others if measure(p) == measure(best)]
    text = turn.say.compared(dimension, best, others, tied)
    return _reply(turn, text, among, best)


def _reply(turn: Turn, text: str, among: list[Product], best: Product) -> Reply:
    turn.state.focus = best.id
    return Reply("compare", text, {"products": [best.to_json()]}, expects_answer=True)


def _pairwise(turn: Turn, a: Product, b: Product) -> Reply:
    cheaper = min((a, b), key=lambda p: p.min_price_cents)
    better = max((a, b), key=lambda p: p.rating or 0)
    a_only = next((f for f in a.features if f not in b.features), "")
    b_only = next((f for f in b.features if f not in a.features), "")
    text = turn.say.compare(a, b, cheaper, better, a_only, b_only)
    return Reply("compare", text, {"products": [a.to_json(), b.to_json()]}, expects_answer=True)


def _among(turn: Turn) -> list[Product]:
    """The products in question: the ordinals or brands named, else everything read out so far."""
    listed = turn.listed()
    said_ordinals = turn.nlu.all("ordinal")
    if len([o for o in said_ordinals if isinstance(o, int) or o == "last"]) < 2:
        said_ordinals = ordinal_words(turn)  # the NLU missed one: "the first or the last"
    read_out = min(len(listed), turn.state.page) if turn.state.page else len(listed)
    ordinals = [read_out if o == "last" else o for o in said_ordinals]  # "the last" one read out
    ordinals = [o for o in ordinals if isinstance(o, int) and 1 <= o <= len(listed)]
    if len(ordinals) >= 2:
        return [listed[o - 1] for o in dict.fromkeys(ordinals)]
    brands = {str(b).lower() for b in turn.nlu.all("brand")}
    named = [p for p in listed if p.brand.lower() in brands]
    if len(named) >= 2:
        return named
    shown = turn.shop.catalog.get_many(turn.state.listing[: max(turn.state.page, 2)])
    return shown or listed


def ordinal_words(turn: Turn) -> list[int | str]:
    """Positions said as words ("the first or the last"), in the order said; not plain numbers."""
    lexicon = turn.words
    found: list[int | str] = []
    for word in re.findall(r"[\w']+", spoken(turn.nlu.text)):
        value = lexicon.ordinals.get(word)
        if word not in lexicon.number_units and (isinstance(value, int) or value == "last"):
            found.append(value)
    return found


def named_products(turn: Turn) -> list[Product]:
    """Products the utterance names itself ("the nike pegasus 41 or the converse chuck 70"): each part
    around "or", "and", "versus" that names one product by its own words."""
    said = spoken(turn.nlu.text)
    if not any(_has(said, cue.strip()) for cue in turn.words.shopping.compare_openers):
        return []
    shopping = turn.words.shopping
    asking = {w for cue in (*shopping.compare_openers, *(c for _, cs in shopping.compare_dimensions for c in cs),
                            *shopping.activity_tags, *shopping.pick_for_me_cues) for w in cue.split()}
    skip = turn.words.stop_words | shopping.common_words | asking
    joiners = "|".join(map(re.escape, shopping.compare_joiners))
    parts = re.split(rf"\b(?:{joiners})\b|,", said)
    found: list[Product] = []
    for part in parts:
        words = [w for w in re.findall(r"[\w'-]+", part) if w not in skip]
        if not words:
            continue
        ids = turn.shop.catalog.ranked(" OR ".join(f'"{w}"' for w in words), 3)
        product = turn.product(ids[0]) if ids else None
        if product is not None and product not in found and _names(product, words):
            found.append(product)
    return found if len(found) >= 2 else []


def _names(product: Product, words: list[str]) -> bool:
    """True when the words are mostly the product's own (title or brand), not a generic type."""
    own = set(spoken(f"{product.title} {product.brand}").split())
    specific = [w for w in words if w not in set(spoken(product.type).split())]
    return bool(specific) and sum(w in own for w in specific) > len(specific) / 2


def _has(said: str, cue: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(cue)}(?!\w)", said) is not None


def _activity(said: str, tags: dict[str, str] | object) -> tuple[str, str] | None:
    match = re.search(r"\b(?:better|best|good|suited|suitable|nicer|ideal)\s+for\s+(.+?)(?:\s+the first|\s+or\b|$)",
                      said)
    if not match or not isinstance(tags, dict):
        return None
    phrase = match.group(1).strip()
    for length in range(len(phrase.split()), 0, -1):
        candidate = " ".join(phrase.split()[:length])
        if candidate in tags:
            return candidate, tags[candidate]
    return None


def pick_for_me(turn: Turn, among: list[Product]) -> Reply:
    """The one that suits this customer: a favourite brand, available in their size, then the best rated."""
    customer = turn.customer
    favourites = {b.lower() for b in customer.favourite_brands}
    ordered_types = {
        turn.shop.catalog.get(pid).type  # type: ignore[union-attr]
        for order in turn.uow.orders.for_customer(customer.id)[:5] for line in order.lines
        if (pid := turn.shop.catalog.product_id_for_sku(line.sku)) and turn.shop.catalog.get(pid)
    }

    def score(p: Product) -> tuple[int, int, float]:
        return (p.brand.lower() in favourites, fits_customer(p, customer), p.rating or 0)

    best = max(among, key=score)
    size = customer_size(customer, best) if fits_customer(best, customer) and best.sizes else None
    text = turn.say.pick(best, favourite=best.brand.lower() in favourites, size=size,
                         known_type=best.type in ordered_types)
    turn.state.focus = best.id
    return Reply("compare", text, {"products": [best.to_json()]}, expects_answer=True)
