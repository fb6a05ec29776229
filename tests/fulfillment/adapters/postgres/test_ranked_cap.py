"""Both backends rank at most RANKED_AT_MOST matches of a query (the first found), so a word found in thousands of
products costs a bounded time; the best of those come first, and a limit above the cap is still filled."""

from __future__ import annotations

import shutil

import pytest

from fulfillment.adapters.postgres import catalog as pg_catalog
from fulfillment.adapters.sqlite import catalog as sqlite_catalog
from fulfillment.settings import Settings
from fulfillment.wiring import open_shop

WORD = "jacket"
CAP = 5


@pytest.fixture(scope="module")
def shops(postgres, pg_demo_template, demo_db, tmp_path_factory):
    home = tmp_path_factory.mktemp("ranked-cap")
    shutil.copyfile(demo_db, home / "emma.db")
    url = postgres.create_database("ranked_cap", template=pg_demo_template)
    both = {"sqlite": open_shop(Settings(home=home)), "postgres": open_shop(Settings(home=home, database_url=url))}
    yield both
    for shop in both.values():
        shop.close()
    postgres.drop_database("ranked_cap")


def first_found(shop, backend: str, count: int) -> list[int]:
    """The first `count` products the index finds for WORD, in the order the capped ranking reads them."""
    if backend == "sqlite":
        rows = shop.db.connection().execute(
            "SELECT rowid FROM product_fts WHERE product_fts MATCH ? LIMIT ?", (f'"{WORD}"', count))
        return [r[0] for r in rows]
    rows = shop.db.rows("SELECT p.id FROM products p WHERE p.sellable = 1"
                        " AND p.search @@ plainto_tsquery('english', %s) LIMIT %s", (WORD, count))
    return [int(r[0]) for r in rows]


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_only_the_first_matches_found_are_ranked(shops, backend, monkeypatch):
    shop = shops[backend]
    everything = shop.catalog.ranked(f'"{WORD}"', 1000)
    found = first_found(shop, backend, CAP)
    assert len(everything) > CAP and not set(everything[:2]) <= set(found)  # the cap must make a difference

    monkeypatch.setattr(pg_catalog if backend == "postgres" else sqlite_catalog, "RANKED_AT_MOST", CAP)
    capped = shop.catalog.ranked(f'"{WORD}"', 2)

    assert set(capped) <= set(found)
    assert capped == [i for i in everything if i in found][:2]  # the same order as the full ranking


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_a_limit_above_the_cap_is_still_filled(shops, backend, monkeypatch):
    shop = shops[backend]
    everything = shop.catalog.ranked(f'"{WORD}"', 1000)
    monkeypatch.setattr(pg_catalog if backend == "postgres" else sqlite_catalog, "RANKED_AT_MOST", CAP)

    assert shop.catalog.ranked(f'"{WORD}"', 1000) == everything
