"""Product search: full-text ranking, structured filters, fuzzy repair of misheard words."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, replace
from typing import Any, cast

from rapidfuzz import fuzz, process

from .models import Product
from .store.catalog import CatalogRepository, ProductFilter

# Words that carry no product meaning in a spoken request ("do you have any ... please").
STOPWORDS = frozenset(
    (
        "a an the some any do does you have has got i im i'm am looking look for find show me please want need "
        "would like to buy get um uh er erm hmm so well maybe just really can could there is are in of with and "
        "or what which that this those these one ones your my something stuff things thing kind sort"
    ).split()
)
_TOKEN = re.compile(r"[a-z0-9äöüß'-]+")
_MAX_RANKED = 30
"""How many ranked ids a listing keeps for 'more' paging."""


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
    def __init__(self, catalog: CatalogRepository) -> None:
        self.catalog = catalog
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
            if word in STOPWORDS or word in skip or word.isdigit():
                continue
            if word not in known and word.rstrip("s") not in known and len(word) > 3:
                match = process.extractOne(word, vocabulary, scorer=fuzz.ratio, score_cutoff=75)
                if match:
                    corrected[word] = match[0]
                    word = match[0]
            words.append(word)
        return words, corrected

    def search(self, request: SearchRequest) -> SearchResult:
        words, corrected = self.terms(request.text, request)
        ids = self._run(words, request, all_words=True)
        if ids:
            return SearchResult(ids, exact=True, corrected=corrected or None)
        for dropped, looser in request.relaxed():
            ids = self._run(words, looser, all_words=True)
            if ids:
                return SearchResult(ids, exact=False, dropped=dropped, corrected=corrected or None)
        # Last resort: any of the words, without filters: the nearest thing the shop has.
        ids = self._run(words, SearchRequest(where=ProductFilter(category=request.where.category)), all_words=False)
        if not ids and request.where.category:
            ids = self._run(words, SearchRequest(), all_words=False)
        return SearchResult(ids, exact=False, dropped="words", corrected=corrected or None)

    def _run(self, words: list[str], request: SearchRequest, all_words: bool) -> list[int]:
        where = request.where
        if not words and not any((where.brand, where.category, where.color, where.material)):
            return []
        # Quote every word so FTS5 syntax in what someone said is never interpreted.
        joiner = " " if all_words else " OR "
        match = joiner.join(f'"{w}"' for w in words) or None
        return self.catalog.search(match, where, limit=_MAX_RANKED)

    def products(self, ids: list[int]) -> list[Product]:
        return self.catalog.get_many(ids)


def distinguishing_fact(product: Product, others: list[Product]) -> str:
    """One short fact that sets this product apart from the others listed with it."""
    shared = {f for other in others if other.id != product.id for f in other.features}
    for feature in product.features:
        if feature not in shared:
            return feature
    if product.materials:
        return product.materials[0]
    return product.brand
