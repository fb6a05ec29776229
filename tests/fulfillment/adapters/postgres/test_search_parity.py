"""Search gives the same answers on PostgreSQL as on SQLite, over the demo catalog.

Compared: whether the result is exact, which filter was dropped, the repaired words, the products found (as a
set) and the first of them (README "Search on PostgreSQL" on the ranking's differences)."""

from __future__ import annotations

import pytest

from fulfillment.domain.models import ProductFilter
from fulfillment.domain.search import SearchRequest
from fulfillment.settings import Settings
from fulfillment.wiring import open_shop

REQUESTS = [
    SearchRequest("rain jackets"),
    SearchRequest("do you have rain jackets"),
    SearchRequest("merino sweeter"),  # two merino sweaters: the same first since colours count once (schema_v3)
    SearchRequest("espresso machine"),
    SearchRequest("running shoes", ProductFilter(brand="adidas")),
    SearchRequest("rain jacket", ProductFilter(size="M", color="yellow")),
    SearchRequest("headphones", ProductFilter(price_max_cents=10000)),
    SearchRequest("", ProductFilter(category="kitchen")),
    SearchRequest("wool socks", ProductFilter(material="merino")),
    SearchRequest("waterproof hiking boots", ProductFilter(in_stock=True)),
    SearchRequest("tent", ProductFilter(color="purple")),  # relaxed: the colour is dropped
]
GERMAN = [  # German words: stems, compound parts and glosses of the catalog's words (domain.german_words)
    SearchRequest("Regenjacke", language="de"),
    SearchRequest("habt ihr Regenjacken", language="de"),
    SearchRequest("wasserdichte Wanderschuhe", language="de"),
    SearchRequest("Kopfhörer", ProductFilter(price_max_cents=10000), language="de"),
    SearchRequest("Wollsocken", language="de"),  # two merino hiking socks, as for the sweaters
    SearchRequest("Laufschuhe", ProductFilter(brand="adidas"), language="de"),
    SearchRequest("Zelt", language="de"),
    SearchRequest("Espressomaschine", language="de"),
    SearchRequest("Fleecejacke", language="de"),
    SearchRequest("Rucksack", language="de"),
]


@pytest.fixture(scope="module")
def backends(postgres, pg_demo_template, demo_db, tmp_path_factory):
    import shutil

    home = tmp_path_factory.mktemp("parity")
    shutil.copyfile(demo_db, home / "emma.db")
    url = postgres.create_database("search_parity", template=pg_demo_template)
    shops = (open_shop(Settings(home=home)), open_shop(Settings(home=home, database_url=url)))
    yield shops
    for shop in shops:
        shop.close()
    postgres.drop_database("search_parity")


@pytest.mark.parametrize("request_", REQUESTS + GERMAN, ids=lambda r: f"{r.language}:{r.text or '-'}")
def test_same_results_on_both_backends(backends, request_):
    sqlite, postgres = (shop.search.search(request_) for shop in backends)
    assert (postgres.exact, postgres.dropped, postgres.corrected) == (sqlite.exact, sqlite.dropped, sqlite.corrected)
    assert set(postgres.ids) == set(sqlite.ids)
    assert postgres.ids[:1] == sqlite.ids[:1]


def test_a_misheard_name_nothing_matches_still_finds_titles_on_postgres(backends):
    _, postgres = backends
    ids = postgres.catalog.ranked('"torrentshel" OR "jackett"', 10)
    assert ids and "Torrentshell" in postgres.catalog.get(ids[0]).title

