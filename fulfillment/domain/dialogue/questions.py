"""Questions about one product: price, sizes, colors, stock, reviews, materials, a feature (yes or no,
exactly from the product's data), and whether it is the one the shopper bought before."""

from __future__ import annotations

import re
from collections.abc import Mapping

from fulfillment.domain.catalog_terms import spoken
from fulfillment.domain.dialogue.context import Reply, Turn
from fulfillment.domain.models import Product


def question(turn: Turn) -> Reply:
    product = turn.referenced()
    if product is None:
        request = turn.understood.request
        if request.names_products or (turn.state.request and request.has_limits):
            # "in white" with a list but nothing singled out: a refinement, not a question about "it"
            from fulfillment.domain.dialogue import browse

            return browse.search(turn)
        return Reply("answer", turn.say.NO_FOCUS, counts_as_failure=True)
    turn.state.focus = product.id
    text = answer(turn, product)
    return Reply("answer", text, {"products": [product.to_json()]})


def answer(turn: Turn, p: Product) -> str:
    nlu = turn.nlu
    text = nlu.text.lower()
    said = spoken(text)
    if any(cue in said for cue in turn.words.shopping.same_as_last_cues):
        return same_as_before(turn, p)
    color, size, store = turn.understood.request.color or nlu.first("color"), nlu.first("size"), nlu.first("store")
    size = size or size_said(turn, p)
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
        asked = nlu.first("material")
        if asked:
            made = [m for m in p.materials if set(spoken(str(asked)).split()) <= set(spoken(m).split())]
            return turn.say.made_of(p, str(asked), made)
        return turn.say.material(p)
    match = turn.words.feature_question.search(text)
    if match:
        wanted = _wanted(match.group(1), turn.words.filler_words)
        purpose = _purpose(turn, wanted)
        if purpose is not None:
            return turn.say.good_for(p, purpose[0], purpose[1] in p.tags)
        words = turn.words.shopping
        found = has_feature(p, wanted, words.feature_synonyms, words.feature_qualifiers, words.feature_generic_words)
        if found:
            return turn.say.feature_yes(p, found)
        return turn.say.feature_no(p, wanted, _nearest(p, wanted))
    return turn.say.describe(p)


def size_said(turn: Turn, p: Product) -> str | None:
    """One of the product's number sizes said on its own ("you got that in a 44"), unless the words speak of
    a price (then 44 is euros)."""
    said = spoken(turn.nlu.text)
    if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", said) for w in turn.words.shopping.price_words):
        return None
    tokens = set(re.findall(r"\d+(?:[.,]\d)?", said))
    return next((size for size in p.sizes if size in tokens), None)


def _wanted(raw: str, fillers: frozenset[str]) -> str:
    words = [w for w in re.findall(r"[^\W_][\w'-]*", raw.lower()) if w not in fillers]  # umlauts are letters
    return " ".join(words).rstrip("?").strip()


def _purpose(turn: Turn, wanted: str) -> tuple[str, str] | None:
    """("running", tag) for "good for running", "suitable for the gym"."""
    match = re.match(r"(?:good|suitable|ok|okay|made|great|any good|right|fine)?\s*for (.+)$", wanted)
    if not match:
        return None
    activity = match.group(1).strip()
    tag = turn.words.shopping.activity_tags.get(activity)
    return (activity, tag) if tag else None


def has_feature(p: Product, wanted: str, synonyms: Mapping[str, str], qualifiers: frozenset[str] = frozenset(),
                generic: frozenset[str] = frozenset()) -> str | None:
    """The product's own feature (or material) that `wanted` names, exactly: every word asked is in it,
    and it adds nothing but a qualifier. "wireless" never matches "wireless charging case"."""
    asked = spoken(wanted)
    asked = synonyms.get(asked, asked)
    asked_words = {_singular(w) for w in asked.split()}
    for candidate in (*p.features, *p.materials):
        own = {_singular(w) for w in spoken(candidate).split()}
        for words in (asked_words, asked_words - generic):  # "a keep warm function" is "keep warm"
            if words and words <= own and own - words <= qualifiers:
                return candidate
    return None


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _nearest(p: Product, wanted: str) -> str | None:
    """A related feature it does have ("water resistant" when asked "waterproof")."""
    stem = spoken(wanted)[:5]
    return next((f for f in p.features if len(stem) == 5 and spoken(f).startswith(stem)), None)


def same_as_before(turn: Turn, p: Product) -> str:
    """Whether `p` is what the customer bought before: the same product, or the one of its kind they had."""
    bought: list[tuple[Product, str]] = []
    for order in turn.uow.orders.for_customer(turn.customer.id):
        for line in order.lines:
            product = turn.product(turn.shop.catalog.product_id_for_sku(line.sku))
            if product is not None:
                bought.append((product, order.placed_at))
    same = next(((q, when) for q, when in bought if q.id == p.id), None)
    if same:
        return turn.say.same_as_before(p, turn.say.day(same[1]))
    kind = next(((q, when) for q, when in bought if q.type == p.type), None)
    return turn.say.not_same_as_before(p, kind[0] if kind else None)


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
    stores = turn.knowledge.stores
    key = next((k for k in stores if k in store_word or store_word in k), store_word)
    quantity = sum(v.store_stock.get(key, 0) for v in p.variants)
    others = [
        k.title() for k in stores if k != key and sum(v.store_stock.get(k, 0) for v in p.variants) > 0
    ]
    return turn.say.in_store(p, key.title(), quantity, others)
