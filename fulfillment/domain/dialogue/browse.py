"""Finding products: a request, its refinements across turns, paging and picking one.

The state keeps the active request (structured, not only the last list), so "in blue", "cheaper
ones", "from garmin", "under 120" or "something else" change it and search the whole catalog again.
"""

from __future__ import annotations

import re
from dataclasses import replace

from fulfillment.domain.dialogue.context import Reply, Turn
from fulfillment.domain.models import Product
from fulfillment.domain.request import ShopperRequest
from fulfillment.domain.search import SearchRequest, SearchResult, distinguishing_fact

PAGE = 3
PRICE_LIMITS = ("price_max_cents", "price_min_cents", "words")
MAX_WORDS = 42
"""A voice turn says at most about 40 words; the rest waits for 'more'."""


def search(turn: Turn) -> Reply:
    understood = turn.understood
    change = understood.request
    active = ShopperRequest.from_json(turn.state.request)
    refining = bool(turn.state.request) and not change.names_products and not change.is_inspiration and (
        change.has_limits or understood.cheaper or understood.pricier or understood.other
        or understood.my_size or understood.favourite_brands
    )
    request = active.refined_by(change) if refining else change
    shown = turn.shop.catalog.get_many(turn.state.listing[: max(turn.state.page, 1)]) if refining else []
    if understood.cheaper and shown:
        floor = min(p.min_price_cents for p in shown)
        request = replace(request, price_max_cents=floor - 1, price_min_cents=None, by_price=True, cheap=False,
                          pricey=False)
    if understood.pricier and shown:
        request = replace(request, price_min_cents=max(p.min_price_cents for p in shown) + 1,
                          price_max_cents=None, by_price=False, cheap=False)
    if understood.other and refining:
        request = replace(request, exclude=tuple(dict.fromkeys([*request.exclude, *turn.state.shown])))
    if request.is_inspiration:
        from fulfillment.domain.dialogue import inspire

        return inspire.suggest(turn, request, understood.occasions or _occasions(request), refining)
    if not (request.names_products or request.has_limits) and understood.asks_ideas:
        from fulfillment.domain.dialogue import inspire  # "what do you recommend" said as a search

        return inspire.recommend(turn)
    if not (request.names_products or request.has_limits):  # nothing understood: search the words as said
        words = turn.shop.search.terms(turn.nlu.text, SearchRequest(language=turn.lang.code))[0]
        request = replace(request, words=tuple(words))
    result = turn.shop.search.find(request, turn.customer, turn.lang.code)
    if (understood.cheaper or understood.pricier) and shown and result.dropped in PRICE_LIMITS:
        result = replace(result, ids=[])  # "cheaper" never offers dearer ones as the nearest
    noun = _noun(turn, request, result)
    say = turn.say
    if not result.ids and refining and (understood.cheaper or understood.other):
        # Nothing cheaper or else: the request and the list shown stay as they were.
        text = say.nothing_cheaper(noun) if understood.cheaper else say.nothing_else(noun)
        return Reply("search", text, {"products": []}, expects_answer=True)
    turn.state.request = request.to_json()
    turn.state.listing, turn.state.page = result.ids, 0
    if not refining:
        turn.state.shown = []
    limits = say.limits(request.color, request.brand, request.size, request.features, request.price_min_cents,
                        request.price_max_cents, favourites=bool(request.brands), mine=request.my_size)
    if not result.ids:
        return Reply("search", say.search_none(noun if _sayable(noun) else "", limits), {"products": []})
    if result.exact:
        lead = say.search_found(len(result.ids), noun, limits)
    else:
        lead = say.search_alternatives(noun, result.dropped, limits)
    return _page(turn, lead=lead, kind=noun if noun in request.types else None)


def _occasions(request: ShopperRequest) -> tuple[str, ...]:
    return (request.occasion,) if request.occasion else ()


def _noun(turn: Turn, request: ShopperRequest, result: SearchResult) -> str:
    """What the products are called: their one type when they share it, else what the shopper said."""
    types = {p.type for p in turn.shop.catalog.get_many(result.ids)}
    if len(types) == 1:
        return next(iter(types))
    return request.noun or " ".join(request.words)


_SAYABLE_WORD = re.compile(r"(?=[\w'-]*[aeiouyäöü])(?![\w'-]*(\w)\1\1)[a-zäöüß'-]{1,20}")
"""A word a voice can say and a shopper could mean: letters with a vowel, no letter three times running."""


def _sayable(noun: str) -> bool:
    """Whether the words the shopper said may be named back ("no unicorn costumes") rather than keyboard noise
    ("qqq", "xkcdfgh"), which would be spelled out letter by letter with a made-up plural."""
    return bool(noun) and all(_SAYABLE_WORD.fullmatch(w) for w in noun.lower().split())


def more(turn: Turn) -> Reply:
    if not turn.state.listing:
        return Reply("more", turn.say.NOTHING_LISTED)
    if turn.state.page >= len(turn.state.listing):
        return Reply("more", turn.say.NO_MORE, {"products": []})
    return _page(turn, action="more")


def _page(turn: Turn, action: str = "search", lead: str = "", kind: str | None = None,
          reasons: dict[int, str] | None = None) -> Reply:
    """The next few products, as many as fit in one voice turn."""
    start = turn.state.page
    products = turn.shop.catalog.get_many(turn.state.listing[start : start + PAGE])
    while True:
        text = lead + _read_out(turn, products, start, kind, reasons)
        if len(products) <= 1 or len(text.split()) <= MAX_WORDS:
            break
        products = products[:-1]
    turn.state.page = start + len(products)
    turn.state.shown = list(dict.fromkeys([*turn.state.shown, *(p.id for p in products)]))
    turn.state.focus = products[0].id if len(products) == 1 else turn.state.focus
    return Reply(action, text, {"products": [p.to_json() for p in products]}, expects_answer=True)


def _read_out(turn: Turn, products: list[Product], start: int, kind: str | None,
              reasons: dict[int, str] | None) -> str:
    more = start + len(products) < len(turn.state.listing)
    if reasons is not None:
        return str(turn.say.ideas(products, [reasons.get(p.id, "") for p in products], more))
    facts = [distinguishing_fact(p, products) for p in products]
    return str(turn.say.listing(products, facts, start, more=more, kind=kind))


def select(turn: Turn) -> Reply:
    if turn.nlu.first("ordinal") == "next":
        return more(turn)
    if turn.understood.other and turn.state.request:
        return search(turn)
    if turn.state.request and _narrows_all(turn):  # "white ones": the list in white, not one white product
        return search(turn)
    if not turn.state.listing and turn.state.focus is None:
        return Reply("select", turn.say.NOTHING_LISTED, counts_as_failure=True)
    product = turn.referenced()
    if product is None:
        return Reply("select", turn.say.NO_FOCUS, counts_as_failure=True)
    turn.state.focus = product.id
    return Reply("select", turn.say.product_intro(product), {"products": [product.to_json()]}, expects_answer=True)


def _narrows_all(turn: Turn) -> bool:
    request = turn.understood.request
    said = re.findall(r"[\w']+", turn.nlu.text.lower())
    return (turn.nlu.first("ordinal") is None and bool(request.color or request.size or request.features)
            and any(w in said for w in turn.words.shopping.several_words))


def show_page(turn: Turn, ids: list[int], lead: str, action: str, reasons: dict[int, str] | None = None) -> Reply:
    """Starts a new listing (ideas, things that go together) and reads its first page."""
    turn.state.listing, turn.state.page, turn.state.shown = ids, 0, []
    return _page(turn, action=action, lead=lead, reasons=reasons)
