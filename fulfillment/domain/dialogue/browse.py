"""Finding products: search, paging, picking one, questions, comparisons, recommendations."""

from __future__ import annotations

import re

from fulfillment.domain.dialogue.context import Reply, Turn
from fulfillment.domain.models import Product, ProductFilter
from fulfillment.domain.search import SearchRequest, distinguishing_fact

PAGE = 3


def search(turn: Turn) -> Reply:
    nlu = turn.nlu
    words = " ".join(str(v) for v in nlu.all("product")) or nlu.text
    request = SearchRequest(words, ProductFilter(
        color=nlu.first("color"),
        size=nlu.first("size"),
        brand=nlu.first("brand"),
        category=nlu.first("category"),
        material=nlu.first("material"),
        price_min_cents=_cents(nlu.first("price_min")),
        price_max_cents=_cents(nlu.first("price_max")),
    ))
    result = turn.shop.search.search(request)
    what = " ".join(str(v) for v in nlu.all("product")) or " ".join(
        turn.shop.search.terms(nlu.text, request)[0]
    )
    turn.state.listing, turn.state.page = result.ids, 0
    if not result.ids:
        return Reply("search", turn.say.search_none(what), {"products": []})
    page = _page(turn)
    lead = (
        turn.say.search_found(len(result.ids), what)
        if result.exact
        else turn.say.search_alternatives(what, result.dropped)
    )
    return Reply("search", lead + page.text, page.data, expects_answer=True)


def more(turn: Turn) -> Reply:
    if not turn.state.listing:
        return Reply("more", turn.say.NOTHING_LISTED)
    if turn.state.page >= len(turn.state.listing):
        return Reply("more", turn.say.NO_MORE, {"products": []})
    return _page(turn, action="more")


def _page(turn: Turn, action: str = "search") -> Reply:
    start = turn.state.page
    ids = turn.state.listing[start : start + PAGE]
    products = turn.shop.catalog.get_many(ids)
    turn.state.page = start + len(ids)
    turn.state.focus = products[0].id if len(products) == 1 else turn.state.focus
    facts = [distinguishing_fact(p, products) for p in products]
    text = turn.say.listing(products, facts, start, more=turn.state.page < len(turn.state.listing))
    return Reply(action, text, {"products": [p.to_json() for p in products]}, expects_answer=True)


def select(turn: Turn) -> Reply:
    if turn.nlu.first("ordinal") == "next":
        return more(turn)
    if not turn.state.listing and turn.state.focus is None:
        return Reply("select", turn.say.NOTHING_LISTED, counts_as_failure=True)
    product = turn.referenced()
    if product is None:
        return Reply("select", turn.say.NO_FOCUS, counts_as_failure=True)
    turn.state.focus = product.id
    return Reply("select", turn.say.product_intro(product), {"products": [product.to_json()]}, expects_answer=True)


def question(turn: Turn) -> Reply:
    product = turn.referenced()
    if product is None:
        return Reply("answer", turn.say.NO_FOCUS, counts_as_failure=True)
    turn.state.focus = product.id
    text = answer(turn, product)
    return Reply("answer", text, {"products": [product.to_json()]})


def answer(turn: Turn, p: Product) -> str:
    nlu = turn.nlu
    text = nlu.text.lower()
    color, size, store = nlu.first("color"), nlu.first("size"), nlu.first("store")
    topic = next((name for name, cues in turn.words.question_cues if any(c in text for c in cues)), None)
    if store:
        return _store_answer(turn, p, store)
    if color or size:
        return _variant_answer(turn, p, color, size)
    if topic == "price":
        return turn.say.price(p)
    if topic == "reviews":
        praise = min((r.text for r in p.reviews if r.rating >= 4), key=len, default=None)
        criticism = min((r.text for r in p.reviews if r.rating <= 3), key=len, default=None)
        return turn.say.reviews(p, praise, criticism)
    if topic == "sizes":
        return turn.say.sizes(p)
    if topic == "colors":
        return turn.say.colors(p)
    if topic == "stock":
        return turn.say.in_stock(p, "", sum(v.stock for v in p.variants))
    if topic == "material":
        return turn.say.material(p)
    match = turn.words.feature_question.search(text)
    if match:
        wanted = match.group(1).strip()
        found = _has_feature(p, wanted, turn.words.filler_words)
        return turn.say.feature_yes(p, wanted) if found else turn.say.feature_no(p, wanted)
    return turn.say.describe(p)


def _has_feature(p: Product, wanted: str, fillers: frozenset[str]) -> bool:
    from rapidfuzz import fuzz

    haystack = [*p.features, *p.tags, *p.materials]
    words = [w for w in re.findall(r"[a-z]+", wanted) if w not in fillers]
    phrase = " ".join(words)
    return any(phrase in h or fuzz.partial_ratio(phrase, h) >= 90 for h in haystack) or (
        phrase != "" and phrase in p.description.lower()
    )


def _variant_answer(turn: Turn, p: Product, color: str | None, size: str | None) -> str:
    matches = [
        v for v in p.variants
        if (not color or (v.color or "").lower() == color) and (not size or (v.size or "").upper() == size.upper())
    ]
    what = turn.say.variant_asked(color, size)
    if not matches:
        options = p.colors if color else p.sizes
        return turn.say.variant_unavailable(p, (color or size or ""), options)
    return turn.say.in_stock(p, what, sum(v.stock for v in matches))


def _store_answer(turn: Turn, p: Product, store_word: str) -> str:
    stores = turn.shop.knowledge.stores
    key = next((k for k in stores if k in store_word or store_word in k), store_word)
    quantity = sum(v.store_stock.get(key, 0) for v in p.variants)
    others = [
        k.title() for k in stores if k != key and sum(v.store_stock.get(k, 0) for v in p.variants) > 0
    ]
    return turn.say.in_store(p, key.title(), quantity, others)


def compare(turn: Turn) -> Reply:
    listed = turn.listed()
    ordinals = [o for o in turn.nlu.all("ordinal") if isinstance(o, int) and 1 <= o <= len(listed)]
    if len(ordinals) >= 2:
        a, b = listed[ordinals[0] - 1], listed[ordinals[1] - 1]
    elif len(listed) >= 2:
        focus = turn.product(turn.state.focus)
        a = focus if focus and focus.id in {p.id for p in listed} else listed[0]
        b = next(p for p in listed if p.id != a.id)
    else:
        return Reply("compare", turn.say.NEED_TWO, counts_as_failure=True)
    cheaper = min((a, b), key=lambda p: p.min_price_cents)
    better = max((a, b), key=lambda p: p.rating or 0)
    a_only = next((f for f in a.features if f not in b.features), "")
    b_only = next((f for f in b.features if f not in a.features), "")
    text = turn.say.compare(a, b, cheaper, better, a_only, b_only)
    return Reply("compare", text, {"products": [a.to_json(), b.to_json()]}, expects_answer=True)


def recommend(turn: Turn) -> Reply:
    shop, nlu = turn.shop, turn.nlu
    themes = [str(v) for name in ("occasion", "recipient") for v in nlu.all(name)]
    rec = shop.recommender.for_theme(themes or _theme_words(turn), turn.customer)
    lead = turn.say.recommend(rec.theme, rec.pitch) if rec else ""
    if rec is None or not rec.ids:
        focus = turn.product(turn.state.focus) or _last_bought(turn)
        if focus is not None and (any(cue in nlu.text for cue in turn.words.complement_cues) or not themes):
            rec = shop.recommender.complements(focus, turn.customer)
            lead = turn.say.complements(focus)
        if rec is None or not rec.ids:
            rec = shop.recommender.personal(turn.customer)
            lead = turn.say.recommend(None, None)
    if not rec.ids:
        return Reply("recommend", turn.say.NO_RECOMMENDATION, expects_answer=True)
    turn.state.listing, turn.state.page = rec.ids, 0
    page = _page(turn, action="recommend")
    return Reply("recommend", lead + page.text, page.data, expects_answer=True)


def _last_bought(turn: Turn) -> Product | None:
    """What the customer bought last: a starting point for things that go with it."""
    order = turn.uow.orders.latest(turn.customer.id)
    if order is None or not order.lines:
        return None
    return turn.product(turn.shop.catalog.product_id_for_sku(order.lines[0].sku))


def _theme_words(turn: Turn) -> list[str]:
    match = turn.words.theme_request.search(turn.nlu.text.lower())
    return [match.group(1)] if match else []


def _cents(value: object) -> int | None:
    return round(float(value) * 100) if isinstance(value, (int, float)) else None

