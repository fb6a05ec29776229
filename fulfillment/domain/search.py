"""Product search: full-text ranking, structured filters, fuzzy repair of misheard words."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, cast

from rapidfuzz import fuzz, process

from fulfillment.domain.catalog_terms import CatalogTerms, Phrases
from fulfillment.domain.german_words import GermanWords
from fulfillment.domain.models import Customer, Product, ProductFilter
from fulfillment.domain.ports import CatalogReader
from fulfillment.domain.request import ShopperRequest
from fulfillment.domain.sizes import fits_customer, in_size
from fulfillment.lang import DEFAULT, LanguagePack, pack_for

_TOKEN = re.compile(r"[a-z0-9äöüß'-]+")
_MAX_RANKED = 30
TYPED_LIMIT = 300
"""How many products of the asked types are considered (best rated first)."""
"""How many ranked ids a listing keeps for 'more' paging."""

MIN_REPAIRED = 5
"""Shorter words are never repaired: too many everyday words are one letter from a catalog word."""

CANDIDATES = 1000
"""Filters look at this many best text matches: further down a match is too weak to offer, and
checking 3,000 instead cost a filtered search 6 ms more on a 100k catalog."""
RANKED_AT_MOST = CANDIDATES
"""How many matches the backends rank (BM25, ts_rank_cd): a word found in 20,000 of 100,000 products ranks the
first 1,000 found rather than all of them (100k products, one busy machine: PostgreSQL search p95 52 -> 24 ms,
SQLite 13 -> 8 ms). Exact when fewer match."""


@dataclass(frozen=True)
class SearchRequest:
    """What the shopper asked for: free words plus structured filters."""

    text: str = ""
    where: ProductFilter = ProductFilter()
    language: str = DEFAULT.code
    """The language the words are in: German words are also looked for by stem, compound parts and
    umlaut spellings (`german_words`)."""

    def relaxed(self) -> list[tuple[str, SearchRequest]]:
        """Looser versions of this request, most specific first, each named by what it drops."""
        steps = []
        for name in ("size", "color", "features", "material", "price_max_cents", "price_min_cents", "brand",
                     "brands"):
            if getattr(self.where, name) not in (None, ()):
                empty: object = () if name in ("features", "brands") else None
                looser = replace(self.where, **cast(dict[str, Any], {name: empty}))
                steps.append((name, replace(self, where=looser)))
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
    def __init__(self, catalog: CatalogReader, stop_words: frozenset[str] = DEFAULT.lexicon.stop_words,
                 common_words: frozenset[str] = DEFAULT.lexicon.shopping.common_words) -> None:
        """`stop_words`: words of the catalog's language that carry no product meaning ("do you have any");
        `common_words`: everyday words never repaired into a catalog word ("from" is not "foam")."""
        self.catalog = catalog
        self.stop_words = stop_words
        self.common_words = common_words
        self._vocabulary: list[str] | None = None
        self._terms: dict[str, CatalogTerms] = {}
        self._german: GermanWords | None = None
        self._lock = threading.Lock()

    def invalidate(self) -> None:
        """Call after a catalog import so the fuzzy vocabulary and the catalog's names are rebuilt."""
        self._vocabulary = None
        self._terms = {}
        self._german = None

    def terms_for(self, pack: LanguagePack = DEFAULT) -> CatalogTerms:
        """The catalog's types, brands, colors and features as shoppers of `pack`'s language say them."""
        with self._lock:
            cached = self._terms.get(pack.code)
        if cached is not None:
            return cached
        vocabulary = self.catalog.vocabulary()
        by_category: dict[str, list[str]] = {}
        for product_type in vocabulary.get("type", []):
            ids = self.catalog.browse(ProductFilter(types=(product_type,)), 1)
            product = self.catalog.get(ids[0]) if ids else None
            if product is not None:
                by_category.setdefault(product.category, []).append(product_type)
        words = pack.lexicon.shopping
        terms = CatalogTerms.build(
            vocabulary, pack.prompts.plural, words.type_synonyms, words.generic_heads, words.feature_synonyms,
            {c: tuple(t) for c, t in by_category.items()},
        )
        if pack.lexicon.search_glossary:  # the catalog's colors as this language says them ("roten" -> red)
            terms = replace(terms, colors=Phrases(_said_colors(vocabulary.get("color", []),
                                                               pack.lexicon.search_glossary)))
        with self._lock:
            self._terms[pack.code] = terms
        return terms

    def vocabulary(self) -> list[str]:
        with self._lock:
            if self._vocabulary is None:
                words: set[str] = set()
                for values in self.catalog.vocabulary().values():
                    for value in values:
                        words.update(_TOKEN.findall(value.lower()))
                self._vocabulary = sorted(w for w in words if len(w) > 2)
            return self._vocabulary

    def german_words(self) -> GermanWords:
        """The catalog's vocabulary with German stems and compounds, and the German pack's glossary."""
        with self._lock:
            german = self._german
        if german is None:
            glossary = pack_for("de").lexicon.search_glossary
            german = GermanWords(self.vocabulary(), glossary)
            with self._lock:
                self._german = german
        return german

    def _language_words(self, language: str) -> tuple[frozenset[str], frozenset[str], list[str], Collection[str]]:
        """Stop words, words never repaired, and the words misheard ones are repaired to (as a list and
        a set), in `language`."""
        if language == DEFAULT.code or pack_for(language) is DEFAULT:
            vocabulary = self.vocabulary()
            return self.stop_words, self.common_words, vocabulary, set(vocabulary)
        lexicon = pack_for(language).lexicon
        common = lexicon.shopping.common_words | lexicon.stop_words
        if language == "de":
            german = self.german_words()
            return lexicon.stop_words, common, german.vocabulary, german.known
        vocabulary = self.vocabulary()
        return lexicon.stop_words, common, vocabulary, set(vocabulary)

    def terms(self, text: str, request: SearchRequest) -> tuple[list[str], dict[str, str]]:
        """Meaningful words of the request, misheard ones repaired against the catalog (and, for German,
        against the German words the catalog's names are known by)."""
        skip = {str(v).lower() for v in (request.where.color, request.where.size, request.where.brand) if v}
        stop_words, common_words, vocabulary, known = self._language_words(request.language)
        words, corrected = [], {}
        for word in _TOKEN.findall(text.lower()):
            if word in stop_words or word in skip or word.isdigit():
                continue
            if word not in known and word.rstrip("s") not in known and len(word) >= MIN_REPAIRED and (
                word not in common_words
            ):
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
        forms = self.german_words().terms if request.language == "de" else None
        found, ids = self.catalog.first_found(_match(words, all_words=True, forms=forms),
                                              [attempt.where for _, attempt in attempts], _MAX_RANKED)
        if ids:
            dropped = attempts[found][0]
            return SearchResult(ids, exact=dropped is None, dropped=dropped, corrected=repaired)
        # The nearest thing the shop has: any of the words, in the category if one was named.
        _, ids = self.catalog.first_found(_match(words, all_words=False, forms=forms),
                                          [ProductFilter(category=request.where.category), ProductFilter()],
                                          _MAX_RANKED)
        return SearchResult(ids, exact=False, dropped="words", corrected=repaired)

    def find(self, request: ShopperRequest, customer: Customer | None = None,
             language: str = DEFAULT.code) -> SearchResult:
        """The products a structured request asks for, from the whole catalog: its types enforced,
        its limits relaxed one at a time (never the type) when nothing passes them all."""
        where = replace(request.where(), size=None)  # sizes are matched below, ranges and "S/M" included
        if request.types:
            result = self._typed(request, where, language)
        else:
            result = self.search(SearchRequest(" ".join(request.words), where, language))
            if request.exclude:
                result = replace(result, ids=[i for i in result.ids if i not in request.exclude])
        if result.ids and (request.size or (request.my_size and customer is not None)):
            products = self.catalog.get_many(result.ids)
            if request.size:
                fitting = [p.id for p in products if in_size(p, request.size)]
            else:
                assert customer is not None
                fitting = [p.id for p in products if fits_customer(p, customer, in_stock=False)]
            result = replace(result, ids=fitting) if fitting else replace(result, exact=False, dropped="size")
        if result.ids and (request.cheap or request.pricey or request.by_price):
            result = replace(result, ids=self._by_price(result.ids, request))
        return result

    def _typed(self, request: ShopperRequest, where: ProductFilter, language: str = DEFAULT.code) -> SearchResult:
        repaired: dict[str, str] = {}
        words: list[str] = []
        if request.words:
            words, repaired = self.terms(" ".join(request.words), SearchRequest(where=where, language=language))
        attempts: list[tuple[str | None, ProductFilter]] = [
            (None, where), *((name, looser.where) for name, looser in SearchRequest("", where).relaxed())]
        dropped: str | None = None
        ids: list[int] = []
        for dropped, attempt in attempts:  # noqa: B007 (the last one tried is the one reported)
            ids = [i for i in self.catalog.browse(attempt, TYPED_LIMIT) if i not in request.exclude]
            if ids:
                break
        if not ids:
            return SearchResult([], exact=False, dropped="words")
        if dropped in ("price_max_cents", "price_min_cents"):
            # Nothing at that price: the nearest prices on either side, not the best rated above it.
            ids = self._nearest_prices(replace(where, price_min_cents=None, price_max_cents=None), where, request)
            dropped = "price_max_cents" if where.price_max_cents is not None else "price_min_cents"
        if words:
            forms = self.german_words().terms if language == "de" else None
            named = set(self.catalog.ranked(_match(words, all_words=True, forms=forms), CANDIDATES))
            if named & set(ids):  # "the elite 8 active earbuds": that product, not every pair of earbuds
                ids = [i for i in ids if i in named]
            ranked = self.catalog.ranked(_match(words, all_words=False, forms=forms), CANDIDATES)
            position = {product_id: n for n, product_id in enumerate(ranked)}
            ids.sort(key=lambda i: position.get(i, len(position)))
        return SearchResult(ids[:_MAX_RANKED], exact=dropped is None, dropped=dropped, corrected=repaired or None)

    def _nearest_prices(self, looser: ProductFilter, wanted: ProductFilter, request: ShopperRequest) -> list[int]:
        low = wanted.price_min_cents if wanted.price_min_cents is not None else 0
        high = wanted.price_max_cents if wanted.price_max_cents is not None else 10**9
        products = self.catalog.get_many([i for i in self.catalog.browse(looser, TYPED_LIMIT)
                                          if i not in request.exclude])

        def distance(p: Product) -> int:
            return min(abs(v.price_cents - low) if v.price_cents < low else max(0, v.price_cents - high)
                       for v in p.variants) if p.variants else 10**9

        return [p.id for p in sorted(products, key=distance)]

    def _by_price(self, ids: list[int], request: ShopperRequest) -> list[int]:
        products = self.catalog.get_many(ids)
        products.sort(key=lambda p: p.min_price_cents, reverse=request.pricey and not request.by_price)
        if (request.cheap or request.pricey) and len(products) > 2:
            products = products[: (len(products) + 1) // 2]
        return [p.id for p in products]

    def products(self, ids: list[int]) -> list[Product]:
        return self.catalog.get_many(ids)


def _match(words: list[str], all_words: bool, forms: Callable[[str], list[str]] | None = None) -> str:
    # Quote every word so FTS5 syntax in what someone said is never interpreted.
    if forms is None:
        return (" " if all_words else " OR ").join(f'"{w}"' for w in words)
    groups = [f"({' OR '.join(forms(w))})" for w in words]  # any form of each word (German)
    return (" AND " if all_words else " OR ").join(groups)


_ADJECTIVE_ENDINGS = ("", "e", "en", "em", "er", "es")
"""German adjective endings: "rot", "rote", "roten", "rotem", "roter", "rotes"."""


def _said_colors(colors: list[str], glossary: Mapping[str, str]) -> dict[str, list[str]]:
    """Catalog colors, plus the words of another language for them with their endings ("blauen" -> blue)."""
    table = {c: [c] for c in colors}
    for word, color in glossary.items():
        if color in table and " " not in word:
            for ending in _ADJECTIVE_ENDINGS:
                table.setdefault(word + ending, [color])
    return table


def first_kept(catalog: CatalogReader, ranked: list[int], wheres: Sequence[ProductFilter],
               wanted: int) -> tuple[int, list[int]]:
    """`CatalogReader.first_found` over ids already ranked: each filter in turn keeps up to `wanted` of them."""
    for n, where in enumerate(wheres):
        if ids := catalog.keep(ranked, where, wanted):
            return n, ids
    return -1, []


def _narrows(where: ProductFilter) -> bool:
    return any((where.brand, where.category, where.color, where.material, where.types, where.brands,
                where.features))


def distinguishing_fact(product: Product, others: list[Product]) -> str:
    """One short, real fact that sets this product apart from the others listed with it: a feature
    or material none of them has. Empty when there is none (never the brand again)."""
    rest = [other for other in others if other.id != product.id]
    shared = {f for other in rest for f in other.features}
    for feature in product.features:
        if feature not in shared:
            return feature
    materials = {m for other in rest for m in other.materials}
    return next((m for m in product.materials if m not in materials), "")
