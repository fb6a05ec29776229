"""Products, stock and search on PostgreSQL: a weighted tsvector with a GIN index, pg_trgm for misheard names.

The ranking mirrors SQLite's BM25 column weights with four weights: A (title, type), B (brand, category),
C (features, materials, tags, colours), D (description); ts_rank_cd divided by 1 + log(length) stands in for
BM25's preference for short documents (on the demo catalog 12 of 13 benchmark queries put the same product
first as SQLite; plain ts_rank, 2). Filters and their relaxation are the
domain's (fulfillment.domain.search), so both backends apply the same ones.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from fulfillment.adapters.postgres.database import PgDatabase
from fulfillment.adapters.postgres.rows import Row
from fulfillment.domain.models import Product, ProductFilter, Review, Variant
from fulfillment.domain.search import CANDIDATES

TEXT_CONFIGS = {"en": "english", "de": "german"}
"""The text search configuration (stemming, stop words) for a catalog language."""
_WEIGHTS = "{0.05, 0.2, 0.6, 1.0}"
"""ts_rank weights for D, C, B, A."""
_QUOTED = re.compile(r'"([^"]*)"')
TRIGRAM_SIMILARITY = 0.3
"""Least word similarity (pg_trgm) for a title to count as a near match of a misheard word."""


def _json_words(column: str) -> str:
    # '["cotton", "wool"]' -> ' cotton   wool ' (punctuation is no word for to_tsvector anyway)
    return f"translate({column}, '[]\",', '    ')"


def vector_sql(config: str) -> str:
    if config not in TEXT_CONFIGS.values():
        raise ValueError(f"unknown text search configuration {config!r}")
    colors = ("coalesce((SELECT string_agg(v.color, ' ') FROM variants v"
              " WHERE v.product_id = p.id AND v.color IS NOT NULL), '')")
    return (
        f"setweight(to_tsvector('{config}', p.title || ' ' || p.type), 'A')"
        f" || setweight(to_tsvector('{config}', p.brand || ' ' || p.category), 'B')"
        f" || setweight(to_tsvector('{config}', {_json_words('p.features')} || ' ' || {_json_words('p.materials')}"
        f" || ' ' || {_json_words('p.tags')} || ' ' || {colors}), 'C')"
        f" || setweight(to_tsvector('{config}', p.description), 'D')"
    )


class PgCatalog:
    def __init__(self, db: PgDatabase, text_config: str = "english") -> None:
        if text_config not in TEXT_CONFIGS.values():
            raise ValueError(f"unknown text search configuration {text_config!r}")
        self.db = db
        self.config = text_config

    # -- writes -----------------------------------------------------------------------------------
    def save(self, conn: object, product: Product, sellable: bool = True) -> int:
        """Inserts or replaces a product by handle, with its variants, reviews and search vector, inside the open
        transaction (`conn` is the caller's, as for SQLite's `CatalogRepository.save`)."""
        columns = (product.title, product.brand, product.category.lower(), product.type.lower(), product.description,
                   json.dumps(list(product.materials)), json.dumps(list(product.features)),
                   json.dumps(list(product.tags)), product.rating, product.review_count, int(sellable))
        row = self.db.one(
            "INSERT INTO products (handle, title, brand, category, type, description, materials, features, tags,"
            " rating, review_count, sellable) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (handle) DO UPDATE SET title = excluded.title, brand = excluded.brand,"
            " category = excluded.category, type = excluded.type, description = excluded.description,"
            " materials = excluded.materials, features = excluded.features, tags = excluded.tags,"
            " rating = excluded.rating, review_count = excluded.review_count, sellable = excluded.sellable"
            " RETURNING id", (product.handle, *columns),
        )
        assert row is not None
        product_id = int(row[0])
        self.db.write("DELETE FROM variants WHERE product_id = %s", (product_id,))
        self.db.write("DELETE FROM reviews WHERE product_id = %s", (product_id,))
        self.db.write_many(
            "INSERT INTO variants (sku, product_id, color, size, price_cents, compare_at_cents, stock)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [(v.sku, product_id, v.color, v.size, v.price_cents, v.compare_at_cents, v.stock)
             for v in product.variants],
        )
        self.db.write_many(
            "INSERT INTO store_stock (sku, store, quantity) VALUES (%s, %s, %s)",
            [(v.sku, store, qty) for v in product.variants for store, qty in v.store_stock.items()],
        )
        self.db.write_many("INSERT INTO reviews (product_id, rating, text) VALUES (%s, %s, %s)",
                           [(product_id, r.rating, r.text) for r in product.reviews])
        self.reindex([product_id])
        return product_id

    def reindex(self, product_ids: Sequence[int] | None = None) -> None:
        """Recomputes the search vectors (all, or of these products) inside the open unit of work."""
        where = "" if product_ids is None else " WHERE p.id = ANY(%s)"
        params = () if product_ids is None else (list(product_ids),)
        self.db.write(f"UPDATE products p SET search = {vector_sql(self.config)}{where}", params)

    def decrement_stock(self, sku: str, quantity: int) -> bool:
        """Conditional update: under concurrent buyers the row lock makes each re-check the stock it finds."""
        return self.db.write(
            "UPDATE variants SET stock = stock - %s WHERE sku = %s AND stock >= %s", (quantity, sku, quantity)
        ) == 1

    def restock(self, sku: str, quantity: int) -> None:
        self.db.write("UPDATE variants SET stock = stock + %s WHERE sku = %s", (quantity, sku))

    # -- reads ------------------------------------------------------------------------------------
    def get(self, product_id: int) -> Product | None:
        found = self.get_many([product_id])
        return found[0] if found else None

    def get_many(self, ids: Sequence[int]) -> list[Product]:
        """Products in the order of `ids` (missing ones are skipped)."""
        if not ids:
            return []
        wanted = list(ids)
        rows = {r["id"]: r for r in self.db.rows("SELECT * FROM products WHERE id = ANY(%s)", (wanted,))}
        variants: dict[int, list[Row]] = {}
        for v in self.db.rows("SELECT * FROM variants WHERE product_id = ANY(%s) ORDER BY rowid", (wanted,)):
            variants.setdefault(v["product_id"], []).append(v)
        skus = [v["sku"] for vs in variants.values() for v in vs]
        stock: dict[str, dict[str, int]] = {}
        if skus:
            for s in self.db.rows("SELECT * FROM store_stock WHERE sku = ANY(%s)", (skus,)):
                stock.setdefault(s["sku"], {})[s["store"]] = s["quantity"]
        reviews: dict[int, list[Review]] = {}
        for r in self.db.rows("SELECT * FROM reviews WHERE product_id = ANY(%s) ORDER BY id", (wanted,)):
            reviews.setdefault(r["product_id"], []).append(Review(r["rating"], r["text"]))
        return [_product(rows[i], variants.get(i, []), stock, reviews.get(i, [])) for i in ids if i in rows]

    def product_id_for_sku(self, sku: str) -> int | None:
        row = self.db.one("SELECT product_id FROM variants WHERE sku = %s", (sku,))
        return int(row[0]) if row else None

    def ranked(self, match: str, limit: int) -> list[int]:
        """The best full-text matches. `match` is the domain's query: quoted words, all of them, or any of
        them when joined by OR. When no word matches, titles that look like the words (pg_trgm) come instead."""
        words = [w for w in _QUOTED.findall(match) if w.strip()]
        if not words:
            return []
        join = " || " if " OR " in match else " && "
        query = join.join(f"plainto_tsquery('{self.config}', %s)" for _ in words)
        rows = self.db.rows(
            f"SELECT p.id FROM products p, ({'SELECT ' + query}) AS q(query)"
            f" WHERE p.sellable = 1 AND p.search @@ q.query"
            f" ORDER BY ts_rank_cd('{_WEIGHTS}', p.search, q.query, 1) DESC, p.id LIMIT %s",
            (*words, limit),
        )
        if rows or join == " && ":
            return [int(r[0]) for r in rows]
        return self._similar_titles(" ".join(words), limit)

    def _similar_titles(self, text: str, limit: int) -> list[int]:
        rows = self.db.rows(
            "SELECT id FROM products WHERE sellable = 1 AND %s <%% lower(title)"
            " ORDER BY word_similarity(%s, lower(title)) DESC, id LIMIT %s",
            (text.lower(), text.lower(), limit),
        )
        return [int(r[0]) for r in rows]

    def keep(self, ids: list[int], where: ProductFilter, wanted: int) -> list[int]:
        """Up to `wanted` of `ids` that pass the filters, in the order given."""
        clauses, params = _filter_sql(where)
        if not clauses or not ids:
            return ids[:wanted]
        sql = "SELECT p.id FROM products p WHERE p.id = ANY(%s)" + "".join(f" AND {c}" for c in clauses)
        kept: list[int] = []
        for start, stop in ((0, 300), (300, len(ids))):
            chunk = ids[start:stop]
            if not chunk:
                break
            passing = {int(r[0]) for r in self.db.rows(sql, (chunk, *params))}
            kept += [i for i in chunk if i in passing]
            if len(kept) >= wanted:
                break
        return kept[:wanted]

    def browse(self, where: ProductFilter, limit: int) -> list[int]:
        """Products passing the filters, best rated first (for requests without words)."""
        clauses, params = _filter_sql(where)
        sql = "SELECT p.id FROM products p WHERE p.sellable = 1" + "".join(f" AND {c}" for c in clauses)
        rows = self.db.rows(sql + " ORDER BY p.rating DESC NULLS LAST, p.review_count DESC, p.id LIMIT %s",
                            (*params, limit))
        return [int(r[0]) for r in rows]

    def search(self, match: str | None, where: ProductFilter, limit: int) -> list[int]:
        if not match:
            return self.browse(where, limit)
        return self.keep(self.ranked(match, CANDIDATES), where, limit)

    def vocabulary(self) -> dict[str, list[str]]:
        """Distinct names the NLU and the fuzzy matcher should know, by kind."""

        def distinct(sql: str) -> list[str]:
            return sorted({r[0].strip().lower() for r in self.db.rows(sql) if r[0] and r[0].strip()})

        materials: set[str] = set()
        for (raw,) in self.db.rows("SELECT materials FROM products WHERE sellable = 1"):
            materials.update(m.lower() for m in json.loads(raw))
        features: set[str] = set()
        for (raw,) in self.db.rows("SELECT features FROM products WHERE sellable = 1"):
            features.update(f.lower() for f in json.loads(raw))
        return {
            "feature": sorted(features),
            "product": distinct("SELECT title FROM products WHERE sellable = 1")
            + distinct("SELECT type FROM products WHERE sellable = 1"),
            "type": distinct("SELECT type FROM products WHERE sellable = 1"),
            "brand": distinct("SELECT brand FROM products WHERE sellable = 1"),
            "category": distinct("SELECT category FROM products WHERE sellable = 1"),
            "color": distinct("SELECT color FROM variants"),
            "size": distinct("SELECT size FROM variants"),
            "material": sorted(materials),
        }

    def count(self) -> int:
        row = self.db.one("SELECT count(*) FROM products")
        return int(row[0]) if row else 0


def _filter_sql(where: ProductFilter) -> tuple[list[str], list[Any]]:
    """The same filters as SQLite's (fulfillment/adapters/sqlite/catalog.py), in PostgreSQL's placeholders."""
    clauses: list[str] = []
    params: list[Any] = []
    if where.brand:
        clauses.append("lower(p.brand) = %s")
        params.append(where.brand.lower())
    if where.category:
        clauses.append("p.category = %s")
        params.append(where.category.lower())
    if types := getattr(where, "types", None):  # product types, when the filter names them (lowercase)
        clauses.append("p.type = ANY(%s)")
        params.append([t.lower() for t in types])
    if where.material:
        clauses.append("lower(p.materials) LIKE %s")  # SQLite's LIKE ignores ASCII case
        params.append(f"%{where.material.lower()}%")
    if where.brands:  # any of the shopper's favourite brands
        clauses.append("lower(p.brand) = ANY(%s)")
        params.append([b.lower() for b in where.brands])
    for feature in where.features:  # every one, exactly (features is a JSON array in text)
        clauses.append("EXISTS (SELECT 1 FROM json_array_elements_text(p.features::json) f WHERE lower(f) = %s)")
        params.append(feature.lower())
    variant: list[str] = []
    if where.color:
        variant.append("lower(v.color) = %s")
        params.append(where.color.lower())
    if where.size:
        variant.append("upper(v.size) = %s")
        params.append(where.size.upper())
    if where.price_min_cents is not None:
        variant.append("v.price_cents >= %s")
        params.append(where.price_min_cents)
    if where.price_max_cents is not None:
        variant.append("v.price_cents <= %s")
        params.append(where.price_max_cents)
    if where.in_stock:
        variant.append("v.stock > 0")
    if variant:
        clauses.append("EXISTS (SELECT 1 FROM variants v WHERE v.product_id = p.id AND " + " AND ".join(variant) + ")")
    return clauses, params


def _product(row: Row, variants: list[Row], stock: dict[str, dict[str, int]], reviews: list[Review]) -> Product:
    return Product(
        id=int(row["id"]), handle=row["handle"], title=row["title"], brand=row["brand"],
        category=row["category"], type=row["type"], description=row["description"],
        materials=tuple(json.loads(row["materials"])), features=tuple(json.loads(row["features"])),
        tags=tuple(json.loads(row["tags"])), rating=row["rating"], review_count=row["review_count"],
        variants=tuple(
            Variant(
                sku=v["sku"], color=v["color"], size=v["size"], price_cents=int(v["price_cents"]),
                stock=v["stock"],
                compare_at_cents=int(v["compare_at_cents"]) if v["compare_at_cents"] is not None else None,
                store_stock=stock.get(v["sku"], {}),
            )
            for v in variants
        ),
        reviews=tuple(reviews),
    )
