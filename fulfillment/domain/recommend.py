"""Recommendations that inspire: what was said (recipient, interest, occasion or need, budget) turned
into a small, varied set across categories with a few words on why each fits; things that go with a
product, only when asked; and picks fitted to the customer's own sizes and favourite brands."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from typing import Any

from fulfillment.domain.catalog_terms import Phrases, spoken
from fulfillment.domain.knowledge import Knowledge, ShopKnowledge
from fulfillment.domain.models import Customer, Product, ProductFilter
from fulfillment.domain.ports import CatalogReader
from fulfillment.domain.request import ShopperRequest
from fulfillment.domain.understanding import Themes

SUGGESTIONS = 9
"""How many ideas are gathered (three per page, so 'more' has two pages of others)."""
PER_TYPE = 40
"""How many products of one type are weighed for a suggestion."""


@dataclass(frozen=True)
class Recommendation:
    ids: list[int]
    theme: str | None = None
    """The occasion, recipient or interest matched, or the product type complemented."""
    pitch: str | None = None
    """The curated words for the occasion, when there is one."""
    reasons: dict[int, str] = field(default_factory=dict)
    """Product id -> why it fits, in a few words."""


class Recommender:
    """Ideas from the curated knowledge of the turn's language (`language`: a locale or language code; the
    shop's default language when none is given or the shop doesn't serve it)."""

    def __init__(self, catalog: CatalogReader, knowledge: ShopKnowledge | Knowledge) -> None:
        self.catalog = catalog
        self.knowledge = knowledge if isinstance(knowledge, ShopKnowledge) else ShopKnowledge.single(knowledge)
        self._themes: dict[str, Themes] = {}
        self._lock = threading.Lock()

    def themes(self, pack: Any = None) -> Themes:
        """Occasions, recipients and interests as shoppers of `pack`'s language name them (its `say` lists)."""
        language = self.knowledge.language_for(getattr(pack, "code", None))
        k = self.knowledge.languages[language]
        with self._lock:
            if language not in self._themes:
                occasions = {**k.needs, **k.occasions}
                self._themes[language] = Themes(
                    occasions=_phrases(occasions), recipients=_phrases(k.recipients),
                    interests=_phrases(k.interests),
                    occasion_words=tuple((key, frozenset(spoken(" ".join(words)).split()))
                                         for key, entry in occasions.items() for words in entry.get("words") or []),
                )
            return self._themes[language]

    def inspire(self, request: ShopperRequest, occasions: tuple[str, ...], customer: Customer,
                language: str | None = None) -> Recommendation:
        """A few products across kinds for who and what the shopper named, within the budget."""
        k = self.knowledge.for_locale(language)
        every_occasion = {**k.needs, **k.occasions}
        themes = [every_occasion[o] for o in (occasions or ((request.occasion,) if request.occasion else ()))
                  if o in every_occasion]
        if any(t.get("need") for t in themes):  # a problem to solve outweighs the activity around it
            themes = [t for t in themes if t.get("need")]
        interest = k.interests.get(request.interest or "")
        recipient = k.recipients.get(request.recipient or "")
        if interest and recipient and recipient.get("restrict"):  # a kid who loves the outdoors
            suitable = [t for t in interest.get("types", []) if t in recipient.get("types", [])]
            pools = [suitable or recipient.get("types", [])]
        elif interest:
            pools = [interest.get("types", [])]
        elif themes:
            pools = [t.get("types", []) for t in themes]
        elif recipient:
            pools = [recipient.get("types", [])]
        else:
            return Recommendation([])
        types = _interleave(pools)
        tags = {t for entry in (interest, recipient, *themes) if entry for t in entry.get("tags", [])}
        features = {f for entry in (interest, *themes) if entry for f in entry.get("features", [])}
        where = replace(request.where(in_stock=True), types=(), features=(), category=None, size=None)
        picks: list[Product] = []
        for product_type in types:
            candidates = [p for p in self.catalog.get_many(
                self.catalog.browse(replace(where, types=(product_type,)), PER_TYPE)) if p.id not in request.exclude]
            ranked = sorted(candidates, key=lambda p: _score(p, tags, features, customer, request), reverse=True)
            picks += ranked[:3]
        chosen = _varied(picks, SUGGESTIONS)
        theme = request.interest or (occasions[0] if occasions else request.occasion) or request.recipient
        pitch = None if interest else next((t.get("pitch") for t in themes if t.get("pitch")), None)
        return Recommendation([p.id for p in chosen], theme, pitch,
                              {p.id: str(k.reasons.get(p.type, "")) for p in chosen})

    def complements(self, product: Product, customer: Customer, language: str | None = None) -> Recommendation:
        k = self.knowledge.for_locale(language)
        types = k.complements.get(product.type, [])
        picks: list[Product] = []
        for product_type in types:
            ids = self.catalog.browse(ProductFilter(types=(product_type,), in_stock=True), PER_TYPE)
            picks += sorted(self.catalog.get_many(ids), key=lambda p: _score(p, set(), set(), customer, None),
                            reverse=True)[:2]
        chosen = _varied([p for p in picks if p.id != product.id], SUGGESTIONS)
        return Recommendation([p.id for p in chosen], product.type,
                              reasons={p.id: str(k.reasons.get(p.type, "")) for p in chosen})

    def personal(self, customer: Customer) -> Recommendation:
        ids: list[int] = []
        for brand in customer.favourite_brands:
            ids += self.catalog.search(None, ProductFilter(brand=brand, in_stock=True), limit=5)
        if not ids:
            ids = self.catalog.search(None, ProductFilter(in_stock=True), limit=10)
        return Recommendation(self._fit(ids, customer))

    def _fit(self, ids: list[int], customer: Customer) -> list[int]:
        """Favourite brands first, then products available in the customer's size."""
        products = self.catalog.get_many(ids[:30])
        brands = {b.lower() for b in customer.favourite_brands}
        sizes = set(customer.sizes.values())

        def score(item: tuple[int, Product]) -> tuple[int, int, int]:
            rank, p = item
            fits = any(v.size in sizes and v.stock > 0 for v in p.variants) or not p.sizes
            return (p.brand.lower() not in brands, not fits, rank)

        return [p.id for _, p in sorted(enumerate(products), key=score)]


def _phrases(table: dict[str, dict[str, Any]]) -> Phrases:
    said: dict[str, list[str]] = {}
    for key, entry in table.items():
        for phrase in [key, *(entry.get("say") or [])]:
            said.setdefault(str(phrase), []).append(key)
    return Phrases(said)


def _interleave(pools: list[list[str]]) -> list[str]:
    """[[tent, sleeping bag], [rain jacket]] -> [tent, rain jacket, sleeping bag]."""
    out: list[str] = []
    for i in range(max((len(p) for p in pools), default=0)):
        for pool in pools:
            if i < len(pool) and pool[i] not in out:
                out.append(pool[i])
    return out


def _score(p: Product, tags: set[str], features: set[str], customer: Customer,
           request: ShopperRequest | None) -> float:
    own_tags = set(p.tags)
    score = 3.0 * len(features & set(p.features)) + len(tags & own_tags) + (p.rating or 0) / 5
    if p.brand.lower() in {b.lower() for b in customer.favourite_brands}:
        score += 0.5
    if request is not None and request.cheap:
        score -= p.min_price_cents / 10000
    return score


def _varied(products: list[Product], limit: int) -> list[Product]:
    """One product per type, types from different categories first; then the runners-up."""
    chosen: list[Product] = []
    seen_types: set[str] = set()
    for rounds in ("category", "type", "any"):
        for p in products:
            if len(chosen) >= limit:
                return chosen
            if p in chosen:
                continue
            if rounds == "category" and (p.type in seen_types or p.category in {c.category for c in chosen}):
                continue
            if rounds == "type" and p.type in seen_types:
                continue
            chosen.append(p)
            seen_types.add(p.type)
    return chosen
