"""Product search on the demo catalog: ranking, filters, fuzzy repair, alternatives."""

from __future__ import annotations

import pytest

from fulfillment.domain.models import ProductFilter
from fulfillment.domain.search import SearchRequest


@pytest.mark.parametrize(
    ("text", "expected_type"),
    [
        ("rain jackets", "rain jacket"),
        ("do you have rain jackets", "rain jacket"),
        ("merino sweater", "merino sweater"),
        ("merino sweeter", "merino sweater"),  # misheard
        ("rain jackit", "rain jacket"),  # misheard
        ("espresso machine", "espresso machine"),
        ("running shoes", "running shoe"),
        ("um i'm looking for a uh yoga mat please", "yoga mat"),
        ("headphones", "headphones"),
        ("green tea", "green tea"),
    ],
)
def test_top_result_is_what_was_asked_for(shop, text, expected_type):
    result = shop.search.search(SearchRequest(text=text))
    top = shop.catalog.get(result.ids[0])
    assert result.exact and top.type == expected_type


def test_fuzzy_repair_is_reported(shop):
    result = shop.search.search(SearchRequest(text="merino sweeter"))
    assert result.corrected == {"sweeter": "sweater"}


@pytest.mark.parametrize("text", ["do you have parking", "is there a student discount", "do you have a newsletter"])
def test_words_about_the_shop_itself_are_not_repaired_into_products(shop, text):
    words, corrected = shop.search.terms(text, SearchRequest(text))

    assert corrected == {}  # "parking" was repaired to the earbuds' "pairing"
    assert set(words) <= set(text.split())


@pytest.mark.parametrize(
    ("request_", "check"),
    [
        (SearchRequest("rain jacket", ProductFilter(size="M")), lambda p: any(v.size == "M" for v in p.variants)),
        (SearchRequest("rain jacket", ProductFilter(color="yellow")), lambda p: "yellow" in p.colors),
        (SearchRequest("running shoe", ProductFilter(brand="adidas")), lambda p: p.brand.lower() == "adidas"),
        (SearchRequest("", ProductFilter(category="kitchen")), lambda p: p.category == "kitchen"),
        (SearchRequest("headphones", ProductFilter(price_max_cents=10000)), lambda p: p.min_price_cents <= 10000),
        (SearchRequest("espresso machine", ProductFilter(price_min_cents=30000)), lambda p: max(
            v.price_cents for v in p.variants) >= 30000),
        (SearchRequest("rain jacket", ProductFilter(in_stock=True)), lambda p: p.in_stock),
    ],
)
def test_filters_hold_for_every_result(shop, request_, check):
    result = shop.search.search(request_)
    products = shop.catalog.get_many(result.ids)
    assert result.exact and products and all(check(p) for p in products)


def test_no_exact_match_offers_nearest_alternatives(shop):
    result = shop.search.search(SearchRequest("rain jacket", ProductFilter(color="purple")))
    assert not result.exact and result.dropped == "color" and result.ids
    assert shop.catalog.get(result.ids[0]).type == "rain jacket"


def test_nothing_at_all_is_an_empty_result(shop):
    result = shop.search.search(SearchRequest(text="xylophone zeppelin"))
    assert result.ids == [] and not result.exact


@pytest.mark.parametrize("text", ['jacket" OR "x', "NEAR(a b)", "*", "title:jacket", "'); DROP TABLE products;--"])
def test_query_syntax_in_speech_is_harmless(shop, text):
    shop.search.search(SearchRequest(text=text))
    assert shop.catalog.count() > 300


def test_drafts_are_never_found(shop):
    row = shop.db.connection().execute("SELECT title FROM products WHERE sellable = 0").fetchone()
    result = shop.search.search(SearchRequest(text=row["title"]))
    assert row["title"] not in {p.title for p in shop.catalog.get_many(result.ids)}
