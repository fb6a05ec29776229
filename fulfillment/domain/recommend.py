"""Recommendations that inspire: by occasion, recipient or need, by what goes together,
and fitted to the customer's own sizes and favourite brands."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from fulfillment.domain.knowledge import Knowledge
from fulfillment.domain.models import Customer, Product, ProductFilter
from fulfillment.domain.ports import CatalogReader


@dataclass(frozen=True)
class Recommendation:
    ids: list[int]
    theme: str | None = None
    """The occasion, recipient or need matched, or the product type complemented."""
    pitch: str | None = None
    """The curated sentence for the occasion, when there is one."""


class Recommender:
    def __init__(self, catalog: CatalogReader, knowledge: Knowledge) -> None:
        self.catalog = catalog
        self.knowledge = knowledge

    def for_theme(self, words: list[str], customer: Customer) -> Recommendation | None:
        """Occasion, recipient or need named by the shopper ('hiking trip', 'my dad')."""
        tables = (self.knowledge.occasions, self.knowledge.recipients, self.knowledge.needs)
        for word in words:
            for table in tables:
                key = _closest(word, table)
                if key:
                    entry = table[key]
                    terms = [*entry.get("tags", []), *entry.get("features", []), *entry.get("types", [])]
                    ids = self._by_terms(terms, entry.get("categories", []))
                    return Recommendation(self._fit(ids, customer), key, entry.get("pitch"))
        return None

    def complements(self, product: Product, customer: Customer) -> Recommendation:
        types = self.knowledge.complements.get(product.type, [])
        ids = [i for i in self._by_terms([], [], types=types) if i != product.id]
        return Recommendation(self._fit(ids, customer), product.type)

    def personal(self, customer: Customer) -> Recommendation:
        ids: list[int] = []
        for brand in customer.favourite_brands:
            ids += self.catalog.search(None, ProductFilter(brand=brand, in_stock=True), limit=5)
        if not ids:
            ids = self.catalog.search(None, ProductFilter(in_stock=True), limit=10)
        return Recommendation(self._fit(ids, customer))

    def _by_terms(self, terms: list[str], categories: list[str], types: list[str] | None = None) -> list[int]:
        ids: list[int] = []
        if types:
            match = "type : (" + " OR ".join(_quote(t) for t in types) + ")"
            ids += self.catalog.search(match, ProductFilter(in_stock=True), limit=30)
        if terms:
            match = "{tags features type} : (" + " OR ".join(_quote(t) for t in terms) + ")"
            for category in categories or [None]:  # type: ignore[list-item]
                ids += self.catalog.search(match, ProductFilter(category=category, in_stock=True), limit=10)
        elif categories:
            for category in categories:
                ids += self.catalog.search(None, ProductFilter(category=category, in_stock=True), limit=5)
        return list(dict.fromkeys(ids))

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


def _closest(word: str, table: dict[str, Any]) -> str | None:
    if not table:
        return None
    if word in table:
        return word
    match = process.extractOne(word, list(table), scorer=fuzz.WRatio, score_cutoff=86)
    return match[0] if match else None


def _quote(term: str) -> str:
    return '"' + term.replace('"', " ") + '"'
