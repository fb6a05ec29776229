"""The catalog's texts in other languages (SQLite's schema_v8 `product_texts`) on PostgreSQL."""

from __future__ import annotations

import pytest

from fulfillment.domain.models import ProductFilter
from fulfillment.domain.search import SearchRequest
from fulfillment.domain.translations import ProductText
from fulfillment.settings import Settings
from fulfillment.wiring import open_home, open_shop

ANTORA = "the-north-face-antora-rain-jacket"


@pytest.fixture
def shops(pg_url, config):
    """The demo shop on SQLite (`config`) and on PostgreSQL (copied from it)."""
    shops = (open_shop(config), open_shop(Settings(home=config.home / "pg", database_url=pg_url)))
    yield shops
    for shop in shops:
        shop.close()


def test_the_copy_carries_the_texts_over(shops):
    sqlite, postgres = shops
    assert postgres.catalog.texts_count("de") == sqlite.catalog.texts_count("de") > 300
    ids = sqlite.catalog.browse(ProductFilter(types=("rain jacket",)), 3)
    assert postgres.catalog.texts_for(ids, "de") == sqlite.catalog.texts_for(ids, "de")
    assert postgres.catalog.texts_for(ids, "fr") == {} and postgres.catalog.texts_for([], "de") == {}


def test_texts_are_searched_in_their_language(shops):
    """The vector is in the `german` configuration: its stemmer finds "Regenjacken" in "Antora Regenjacke"."""
    _, postgres = shops
    found = {r[0] for r in postgres.db.rows(
        "SELECT p.handle FROM product_texts t JOIN products p ON p.id = t.product_id"
        " WHERE t.search @@ plainto_tsquery('german', 'Regenjacken')")}
    assert ANTORA in found
    plan = "\n".join(r[0] for r in postgres.db.rows(
        "EXPLAIN SELECT product_id FROM product_texts WHERE search @@ plainto_tsquery('german', 'Regenjacken')"))
    assert "product_texts" in plan


def test_saving_replaces_by_handle_and_skips_unknown_products(shops):
    _, postgres = shops
    texts = [ProductText(ANTORA, "de", "Antora Jacke", "Neu.", ("wasserdicht",)), ProductText("nope", "de", "X")]
    with postgres.db.transaction() as conn:
        assert postgres.catalog.save_texts(conn, texts) == 1
    product_id = postgres.catalog.browse(ProductFilter(types=("rain jacket",)), 100)
    antora = next(t for t in postgres.catalog.texts_for(product_id, "de").values() if t.handle == ANTORA)
    assert (antora.title, antora.description, antora.features) == ("Antora Jacke", "Neu.", ("wasserdicht",))


def test_a_german_shop_on_postgres_gets_the_demo_texts(pg_url, tmp_path):
    settings = Settings(home=tmp_path, database_url=pg_url, languages=("de", "en"))
    shop = open_shop(settings)
    with shop.db.transaction() as conn:
        conn.execute("DELETE FROM product_texts")
    shop.close()
    shop = open_home(settings)
    try:
        assert shop.catalog.texts_count("de") > 300
    finally:
        shop.close()


@pytest.mark.parametrize("word", ["Akkulaufzeit", "Einlegesohle", "Mikrofon"])
def test_german_words_the_glossary_lacks_are_found_in_the_german_texts(shops, word):
    """SQLite finds nothing for them (the catalog's English index knows no German); PostgreSQL looks into the
    German texts, stemmed by the `german` configuration (README "Search on PostgreSQL": a documented difference)."""
    sqlite, postgres = (shop.search.search(SearchRequest(word, language="de")) for shop in shops)
    assert sqlite.ids == []
    assert postgres.ids and postgres.exact
    texts = shops[1].catalog.texts_for(postgres.ids[:3], "de")
    assert all(word.lower()[:6] in (t.title + t.description).lower() for t in texts.values()), texts


def test_english_requests_never_look_into_the_german_texts(shops):
    _, postgres = shops
    assert postgres.catalog.ranked('"akkulaufzeit"', 10) == []
