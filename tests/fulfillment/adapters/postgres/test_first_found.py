"""PostgreSQL's one-statement search (`first_found`: each filter in turn, then rank what passes) finds what the
plain way does, `first_kept` over `ranked` as SQLite runs it; and only the best `SHORTLIST` are ordered by
ts_rank_cd."""

from __future__ import annotations

import pytest

from fulfillment.adapters.postgres import catalog as pg_catalog
from fulfillment.domain.models import ProductFilter
from fulfillment.domain.search import CANDIDATES, first_kept
from fulfillment.settings import Settings
from fulfillment.wiring import open_shop

CASES = [
    ('"running" "shoes"', [ProductFilter()]),
    ('"running" "shoes"', [ProductFilter(color="black", in_stock=True), ProductFilter(in_stock=True)]),
    ('"jacket"', [ProductFilter(color="yellow", size="M"), ProductFilter(size="M"), ProductFilter()]),
    ('"tent"', [ProductFilter(color="purple"), ProductFilter()]),  # no purple tent: the second filter
    ('"tent"', [ProductFilter(color="it")]),  # a colour of stop words only narrows nothing
    ('"jacket"', [ProductFilter(color="purple"), ProductFilter(color="orange"), ProductFilter(brand="rab"),
                  ProductFilter()]),  # the third filter, after two colours no jacket comes in
    ('"headphones"', [ProductFilter(price_max_cents=10000, brands=("sony", "bose"))]),
    ('"socks"', [ProductFilter(material="merino", in_stock=True)]),
    ('"jacket" OR "shoes"', [ProductFilter(category="outdoor"), ProductFilter()]),
    ('"torrentshel" OR "jackett"', [ProductFilter(color="red"), ProductFilter()]),  # no word matches: titles
    ('"unicorn"', [ProductFilter()]),  # nothing at all
]


@pytest.fixture(scope="module")
def shop(postgres, pg_demo_template, tmp_path_factory):
    url = postgres.create_database("first_found", template=pg_demo_template)
    shop = open_shop(Settings(home=tmp_path_factory.mktemp("first-found"), database_url=url))
    yield shop
    shop.close()
    postgres.drop_database("first_found")


@pytest.mark.parametrize(("match", "wheres"), CASES, ids=[f"{m} {len(w)}" for m, w in CASES])
def test_the_same_products_as_filtering_the_ranked_ones(shop, match, wheres):
    catalog = shop.catalog
    expected = first_kept(catalog, catalog.ranked(match, CANDIDATES), wheres, 30)

    assert catalog.first_found(match, wheres, 30) == expected


def test_the_cases_tell_the_two_apart(shop):
    found = [shop.catalog.first_found(match, wheres, 30) for match, wheres in CASES]
    assert {n for n, _ in found} == {-1, 0, 1, 2}  # at once, after dropping one or two filters, and never
    assert sum(1 for _, ids in found if len(ids) > 1) >= 5


def test_only_the_shortlist_is_ordered_by_cover_density(shop, monkeypatch):
    monkeypatch.setattr(pg_catalog, "SHORTLIST", 5)
    rows = shop.db.rows(
        "SELECT p.id, ts_rank(w, p.search, q, 1), ts_rank_cd(w, p.search, q, 1)"
        " FROM products p, plainto_tsquery('english', 'jacket') q, (SELECT '{0.05, 0.2, 0.6, 1.0}'::float4[]) AS x(w)"
        " WHERE p.sellable = 1 AND p.search @@ q")
    coarse = sorted(rows, key=lambda r: (-r[1], r[0]))
    shortlist = sorted(coarse[:5], key=lambda r: (-r[2], r[0]))
    assert len(coarse) > 5 and [r[0] for r in shortlist] != [r[0] for r in coarse[:5]]  # the orders differ here

    assert shop.catalog.ranked('"jacket"', 1000) == [r[0] for r in shortlist + coarse[5:]]
    assert shop.catalog.first_found('"jacket"', [ProductFilter()], 2) == (0, [r[0] for r in shortlist[:2]])
