"""Product texts in the shopper's language: a translation layer over the one catalog.

The catalog holds each product once, in its own language, with its SKUs, prices and stock. A shop that
also sells in another language stores that language's title, description and reviews beside it (the
SQLite adapter's `product_texts` table). A turn in that language reads the catalog through
`LocalizedCatalog`, so replies name "die Torrentshell 3L Regenjacke", while features and materials stay
catalog data that the language pack words itself (filters and comparisons keep working on them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from fulfillment.domain.models import Product, Review


@dataclass(frozen=True)
class ProductText:
    """One product's texts in one language."""

    handle: str
    """The product it belongs to (handles are stable across imports, ids are not)."""
    language: str
    """ISO 639-1 code: `de`."""
    title: str
    description: str = ""
    features: tuple[str, ...] = ()
    """As the language says the catalog's features, same order (for display; filters use the catalog's)."""
    materials: tuple[str, ...] = ()
    reviews: tuple[Review, ...] = ()

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ProductText:
        return cls(
            handle=str(raw["handle"]), language=str(raw["language"]), title=str(raw["title"]),
            description=str(raw.get("description") or ""), features=tuple(raw.get("features") or ()),
            materials=tuple(raw.get("materials") or ()),
            reviews=tuple(Review(int(r["rating"]), str(r["text"])) for r in raw.get("reviews") or ()),
        )


class ProductTexts(Protocol):
    """A catalog that holds texts in other languages."""

    def texts_for(self, ids: Sequence[int], language: str) -> dict[int, ProductText]: ...


def localize(product: Product, text: ProductText | None) -> Product:
    """`product` with its title, description and reviews in the text's language (unchanged without one)."""
    if text is None:
        return product
    return replace(product, title=text.title, description=text.description or product.description,
                   reviews=text.reviews or product.reviews)


class LocalizedCatalog:
    """A catalog reader whose products come in `language`; everything else is the catalog's own."""

    def __init__(self, catalog: Any, language: str) -> None:
        self._catalog = catalog
        self.language = language

    def __getattr__(self, name: str) -> Any:
        return getattr(self._catalog, name)

    def get(self, product_id: int, *args: Any, **kwargs: Any) -> Product | None:
        product = self._catalog.get(product_id, *args, **kwargs)
        if product is None:
            return None
        return localize(product, self._catalog.texts_for([product_id], self.language).get(product_id))

    def get_many(self, ids: Sequence[int], *args: Any, **kwargs: Any) -> list[Product]:
        products = self._catalog.get_many(ids, *args, **kwargs)
        texts = self._catalog.texts_for([p.id for p in products], self.language)
        return [localize(p, texts.get(p.id)) for p in products]


def in_language(catalog: Any, language: str, own_language: str) -> Any:
    """The catalog as a shopper of `language` reads it: localized when it holds texts in other languages."""
    if language == own_language or not hasattr(catalog, "texts_for"):
        return catalog
    return LocalizedCatalog(catalog, language)
