"""Product search: full-text ranking, structured filters, fuzzy repair of misheard words."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, replace
from typing import Any, cast

from rapidfuzz import fuzz, process

from fulfillment.domain.models import Product, ProductFilter
from fulfillment.domain.ports import CatalogReader
from fulfillment.lang import DEFAULT

_TOKEN = re.compile(r"[a-z0-9äöüß'-]+")
_MAX_RANKED = 30
"""How many ranked ids a listing keeps for 'more' paging."""

CANDIDATES = 1000
"""Filters look at this many best text matches: further down a match is too weak to offer, and
checking 3,000 instead cost a filtered search 6 ms more on a 100k catalog."""


@dataclass(frozen=True)
class SearchRequest:
    """What the shopper asked for: free words plus structured filters."""

    text: str = ""
    where: ProductFilter = ProductFilter()

    def relaxed(self) -> list[tuple[str, SearchRequest]]:
        """Looser versions of this request, most specific first, each named by what it drops."""
        steps = []
        for name in ("size", "color", "material", "price_max_cents", "price_min_cents", "brand"):
            if getattr(self.where, name) is not None:
                looser = replace(self.where, **cast(dict[str, Any], {name: None}))
                steps.append((name, SearchRequest(self.text, looser)))
        return steps


@dataclass(frozen=True)
class SearchResult:
    ids: list[int]
    """Ranked product ids (up to 30), for paging with 'more'."""
    exact: bool
    """False when the products are nearest alternatives, not what was asked for."""
    dropped: str | None = None
    """The filter that was dropped to find alternatives."""
    corrected: dict[str, str] | None = None
    """Misheard word -> the catalog word it was repaired to."""


class ProductSearch:
    def __init__(self, catalog: CatalogReader, stop_words: frozenset[str] = DEFAULT.lexicon.stop_words) -> None:
        """`stop_words`: words of the catalog's language that carry no product meaning ("do you have any")."""
        self.catalog = catalog
        self.stop_words = stop_words
        self._vocabulary: list[str] | None = None
        self._lock = threading.Lock()

    def invalidate(self) -> None:
        """Call after a catalog import so the fuzzy vocabulary is rebuilt."""
        self._vocabulary = None

    def vocabulary(self) -> list[str]:
        with self._lock:
            if self._vocabulary is None:
                words: set[str] = set()
                for values in self.catalog.vocabulary().values():
                    for value in values:
                        words.update(_TOKEN.findall(value.lower()))
                self._vocabulary = sorted(w for w in words if len(w) > 2)
            return self._vocabulary

    def terms(self, text: str, request: SearchRequest) -> tuple[list[str], dict[str, str]]:
        """Meaningful words of the request, misheard ones repaired against the catalog."""
        skip = {str(v).lower() for v in (request.where.color, request.where.size, request.where.brand) if v}
        vocabulary = self.vocabulary()
        known = set(vocabulary)
        words, corrected = [], {}
        for word in _TOKEN.findall(text.lower()):
            if word in self.stop_words or word in skip or word.isdigit():
                continue
            if word not in known and word.rstrip("s") not in known and len(word) > 3:
                match = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=75)
                if match:
                    corrected[word] = match[0]
                    word = match[0]
            words.append(word)
        return words, corrected

    def search(self, request: SearchRequest) -> SearchResult:
        """Ranks once by the words, then applies the filters, dropping one at a time until
        something is left; then any of the words; then nothing."""
        words, corrected = self.terms(request.text, request)
        repaired = corrected or None
        attempts = [(None, request), *request.relaxed()]
        if not words:  # only filters, e.g. "any adidas stuff"
            for dropped, attempt in attempts:
                if _narrows(attempt.where) and (ids := self.catalog.browse(attempt.where, _MAX_RANKED)):
                    return SearchResult(ids, exact=dropped is None, dropped=dropped)
            return SearchResult([], exact=False)
        ranked = self.catalog.ranked(_match(words, all_words=True), CANDIDATES)
        for dropped, attempt in attempts:
            if ids := self.catalog.keep(ranked, attempt.where, _MAX_RANKED):
                return SearchResult(ids, exact=dropped is None, dropped=dropped, corrected=repaired)
        # The nearest thing the shop has: any of the words, in the category if one was named.
        ranked = self.catalog.ranked(_match(words, all_words=False), CANDIDATES)
        ids = self.catalog.keep(ranked, ProductFilter(category=request.where.category), _MAX_RANKED)
        return SearchResult(ids or ranked[:_MAX_RANKED], exact=False, dropped="words", corrected=repaired)

    def products(self, ids: list[int]) -> list[Product]:
        return self.catalog.get_many(ids)


def _match(words: list[str], all_words: bool) -> str:
    # Quote every word so FTS5 syntax in what someone said is never interpreted.
    return (" " if all_words else " OR ").join(f'"{w}"' for w in words)


def _narrows(where: ProductFilter) -> bool:
    return any((where.brand, where.category, where.color, where.material))


def distinguishing_fact(product: Product, others: list[Product]) -> str:
    """One short fact that sets this product apart from the others listed with it."""
    shared = {f for other in others if other.id != product.id for f in other.features}
    for feature in product.features:
        if feature not in shared:
            return feature
    if product.materials:
        return product.materials[0]
    return product.brand
