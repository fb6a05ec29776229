"""A product's search vector on PostgreSQL: each colour once, as SQLite indexes it (schema_v3), and written once
per product by the copy (no dead version of every row left behind)."""

from __future__ import annotations

import psycopg
import pytest

from fulfillment.adapters.postgres.catalog import PgCatalog, vector_sql
from fulfillment.adapters.postgres.database import PgDatabase
from fulfillment.services.catalog_import import product_from_json

BOSTON = "adidas-adizero-boston-12-running-shoe"  # nine sizes in each of its colours


@pytest.fixture
def db(pg_url):
    db = PgDatabase(pg_url)
    yield db
    db.close()


def colour_positions(db: PgDatabase, handle: str, colour: str) -> int:
    """How many positions the lexeme `colour` has in the product's vector."""
    row = db.one(
        "SELECT coalesce(array_length(positions, 1), 0) FROM products p, unnest(p.search) u"
        " WHERE p.handle = %s AND u.lexeme = %s", (handle, colour),
    )
    return int(row[0]) if row else 0


def test_the_copy_indexes_each_colour_once(db):
    assert db.one("SELECT count(*) FROM variants v JOIN products p ON p.id = v.product_id"
                  " WHERE p.handle = %s AND v.color = 'black'", (BOSTON,))[0] == 9
    assert colour_positions(db, BOSTON, "black") == 1


def test_a_saved_product_indexes_each_colour_once(db):
    raw = {"handle": "striped-sock", "title": "Striped sock", "brand": "Acme", "category": "apparel", "type": "sock",
           "variants": [{"sku": f"SS-{size}", "color": "red", "size": size, "price": "9.00", "stock": 3}
                        for size in ("S", "M", "L")]}
    catalog = PgCatalog(db)
    with db.transaction() as conn:
        catalog.save(conn, product_from_json(raw))
    assert colour_positions(db, "striped-sock", "red") == 1
    with db.transaction() as conn:  # saved again (an import's update): the vector follows the new values
        catalog.save(conn, product_from_json(dict(raw, title="Striped stocking")))
    assert colour_positions(db, "striped-sock", "stock") == 1


def test_the_copy_writes_each_product_once(db):
    """Every page of the table holds live products: a vector written after the copy would have moved each
    product to a new page, the table twice its size."""
    pages, used = db.one(
        "SELECT pg_relation_size('products') / current_setting('block_size')::int,"
        " count(DISTINCT (ctid::text::point)[0]) FROM products")
    assert used == pages


def test_migration_3_recomputes_the_vectors_stored(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as conn:  # back to version 2, with version 1's vectors
        conn.execute("DROP FUNCTION emma_product_vector, emma_product_colors")
        conn.execute("DROP INDEX variants_product_color")  # and version 4's index, which replaced this one
        conn.execute("CREATE INDEX variants_product ON variants (product_id)")
        conn.execute("DELETE FROM emma_schema WHERE version >= 3")
        conn.execute(
            "UPDATE products p SET search = to_tsvector('english', coalesce((SELECT string_agg(v.color, ' ')"
            " FROM variants v WHERE v.product_id = p.id), ''))")
    db = PgDatabase(pg_url)
    try:
        assert db.schema_version() >= 3
        assert colour_positions(db, BOSTON, "black") == 1
        stale = f"SELECT count(*) FROM products p WHERE p.search IS DISTINCT FROM {vector_sql('english')}"
        assert db.one(stale)[0] == 0  # the rest of the vector is back too
    finally:
        db.close()
