"""The German translation layer over the one catalog, and the German shop data beside the shared one."""

from __future__ import annotations

import json

import pytest

from fulfillment.domain.knowledge import Knowledge
from fulfillment.domain.models import ProductFilter
from fulfillment.domain.translations import LocalizedCatalog, ProductText, in_language, localize
from fulfillment.services.demo_data import demo_texts_path
from fulfillment.tools.demo.german_texts import build
from tests.fulfillment.lang.test_packs import JACKET


def test_localize_swaps_texts_and_keeps_the_catalog_data():
    text = ProductText("antora", "de", "Antora Regenjacke", "Eine leichte Jacke.")
    german = localize(JACKET, text)
    assert (german.title, german.description) == ("Antora Regenjacke", "Eine leichte Jacke.")
    assert german.variants == JACKET.variants and german.features == JACKET.features  # filters keep working
    assert german.reviews == JACKET.reviews  # none translated: the catalog's own stay
    assert localize(JACKET, None) is JACKET


def test_german_turns_read_the_demo_catalog_in_german(shop):
    if not hasattr(shop.catalog, "texts_for"):
        pytest.skip("product_texts is SQLite's for now (schema_v8); PostgreSQL shows the catalog's own texts")
    ids = shop.catalog.browse(ProductFilter(types=("rain jacket",)), 3)
    german = in_language(shop.catalog, "de", "en")
    assert isinstance(german, LocalizedCatalog)
    titles = [p.title for p in german.get_many(ids)]
    assert all(t.endswith("Regenjacke") for t in titles), titles
    assert german.get(ids[0]).title == titles[0]
    assert german.count() == shop.catalog.count()  # everything else is the catalog's own
    assert in_language(shop.catalog, "en", "en") is shop.catalog


def test_the_demo_texts_file_is_what_the_generator_writes():
    lines = [json.loads(x) for x in demo_texts_path("de").read_text(encoding="utf-8").splitlines() if x]
    assert lines == build()
    assert len(lines) >= 320 and all(t["language"] == "de" and t["title"] and t["description"] for t in lines)
    titles = {t["handle"]: t["title"] for t in lines}
    assert titles["the-north-face-antora-rain-jacket"] == "Antora Regenjacke"


def test_a_german_shop_gets_german_policies_and_stores():
    german, english = Knowledge.load(language="de"), Knowledge.load(language="en")
    assert german.stores["munich"]["city"] == "München" and english.stores["munich"]["city"] == "Munich"
    facts = german.policies["return"]["facts"]
    assert facts["withdrawal_days"] == 14 and "Widerrufsrecht" in german.policies["return"]["answer"]
    assert german.policies["shipping"]["facts"]["countries"] == ["Deutschland", "Österreich", "Schweiz"]
    assert german.occasions.keys() == english.occasions.keys()  # de/occasions.yml: the same themes, German words
    assert german.occasions["beach"]["pitch"] != english.occasions["beach"]["pitch"]
