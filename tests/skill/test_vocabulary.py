"""The catalog's words in the language of each locale's model."""

from __future__ import annotations

from skill.vocabulary import catalog_vocabulary, translated


def test_the_catalogs_own_language_gets_its_own_words(shop):
    words = shop.catalog.vocabulary()

    english = catalog_vocabulary(shop.catalog, "en")

    assert english == {"PRODUCT": words["product"], "BRAND": words["brand"], "COLOR": words["color"],
                       "SIZE": words["size"]}


def test_german_gets_the_german_titles_types_and_colours(shop):
    german = catalog_vocabulary(shop.catalog, "de")

    assert any(title.endswith("regenjacke") for title in german["PRODUCT"])
    assert {"regenjacke", "regenjacken", "laufschuh"} <= set(german["PRODUCT"])
    assert not any(title.endswith("rain jacket") for title in german["PRODUCT"])
    assert {"blau", "schwarz", "marineblau"} <= set(german["COLOR"]) and "navy" not in german["COLOR"]
    assert german["BRAND"] == shop.catalog.vocabulary()["brand"]
    assert "m" in german["SIZE"] and not any(" capsules" in size or size == "one size" for size in german["SIZE"])


def test_translated_reads_a_glossary_backwards():
    glossary = {"rot": "red", "blau": "blue", "jacke": "jacket", "jacken": "jacket"}
    assert translated(["Red", "jacket", "teal"], glossary) == ["jacke", "jacken", "rot"]
