"""The catalog's words in one language, as slot values of that locale's interaction model.

The catalog holds each product once, in its own language; a shop selling in another language keeps that
language's titles beside it (`product_texts`, read with `texts_for`). A German model therefore learns
the German titles, the German names of the product types and colours (the language pack's search
glossary, German -> catalog word, read backwards), the brands, and the sizes without words in them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from fulfillment.domain.models import ProductFilter
from fulfillment.lang import pack_for

MAX_PRODUCTS = 100_000
_WORD = re.compile(r"[^\W\d_]{4,}")
"""A word in a size ("10 capsules", "one size"): the catalog's language, so left out of another's model;
letter sizes and measures ("XL", "43", "20 cm", "135 x 200 cm") are said the same way."""


def catalog_vocabulary(catalog: Any, language: str, own_language: str = "en") -> dict[str, list[str]]:
    """PRODUCT, BRAND, COLOR and SIZE words of `catalog` (a `CatalogReader`) in `language`."""
    words = catalog.vocabulary()
    if language == own_language:
        return {"PRODUCT": words["product"], "BRAND": words["brand"], "COLOR": words["color"],
                "SIZE": words["size"]}
    glossary = pack_for(language).lexicon.search_glossary
    return {
        "PRODUCT": _titles(catalog, language) + translated(words["type"], glossary),
        "BRAND": words["brand"],
        "COLOR": translated(words["color"], glossary),
        "SIZE": [size for size in words["size"] if not _WORD.search(size)],
    }


def translated(catalog_words: list[str], glossary: Mapping[str, str]) -> list[str]:
    """The language's words for `catalog_words`, from a glossary of language word -> catalog word."""
    wanted = {word.lower() for word in catalog_words}
    return sorted({spoken.lower() for spoken, word in glossary.items() if word.lower() in wanted})


def _titles(catalog: Any, language: str) -> list[str]:
    """The product titles in `language` (none when the catalog keeps no texts in other languages)."""
    if not hasattr(catalog, "texts_for"):
        return []
    ids = catalog.browse(ProductFilter(), MAX_PRODUCTS)
    texts = catalog.texts_for(ids, language)
    return sorted({text.title.strip().lower() for text in texts.values() if text.title.strip()})
