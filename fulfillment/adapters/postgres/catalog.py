"""Products, stock and search on PostgreSQL: a weighted tsvector with a GIN index, pg_trgm for misheard names.

The ranking mirrors SQLite's BM25 column weights with four weights: A (title, type), B (brand, category),
C (features, materials, tags, each colour once as SQLite indexes it: schema_v3), D (description); ts_rank_cd
divided by 1 + log(length) stands in for BM25's preference for short documents. Filters and their relaxation
are the domain's (fulfillment.domain.search), so both backends apply the same ones.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from fulfillment.adapters.postgres.database import PgDatabase
from fulfillment.adapters.postgres.rows import Row
from fulfillment.domain.models import Product, ProductFilter, Review, Variant
from fulfillment.domain.search import CANDIDATES, RANKED_AT_MOST
from fulfillment.domain.translations import ProductText

TEXT_CONFIGS = {"en": "english", "de": "german"}
"""The text search configuration (stemming, stop words) for a catalog language."""
_WEIGHTS = "{0.05, 0.2, 0.6, 1.0}"
"""ts_rank weights for D, C, B, A."""
_RANK = "ts_rank_cd"
"""The ranking function (cover density: words close together count more, as BM25 over short fields does)."""
_NORMALIZATION = 1
"""ts_rank's normalization flags: 1 divides by 1 + log(length), as BM25 favours short documents."""
_QUOTED = re.compile(r'"([^"]*)"')
_GROUP = re.compile(r"\(([^()]*)\)")
_TERM = re.compile(r'"([^"]*)"(\*?)')
_PRODUCT_COLUMNS = ("id, handle, title, brand, category, type, description, materials, features, tags, rating,"
                    " review_count")
"""A product's columns without its search vector, which the server would spell out as text for nothing."""


def vector_sql(config: str, table: str = "p", colors: str | None = None) -> str:
    """A product's search vector from the columns of `table` (schema_v3's emma_product_vector). Its colours,
    each once, come from `colors` (an SQL expression) or else from the product's variants."""
    if config not in TEXT_CONFIGS.values():
        raise ValueError(f"unknown text search configuration {config!r}")
    t = table
    return (f"emma_product_vector('{config}', {t}.title, {t}.type, {t}.brand, {t}.category, {t}.features,"
            f" {t}.materials, {t}.tags, {colors or f'emma_product_colors({t}.id)'}, {t}.description)")


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
        # The vector is computed with the row, from the same values: no second version of every saved row.
        row = self.db.one(
            "INSERT INTO products (handle, title, brand, category, type, description, materials, features, tags,"
            " rating, review_count, sellable, search) SELECT %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
            f" {vector_sql(self.config, 'v', 'v.colors')} FROM (SELECT %s::text AS title, %s::text AS type,"
            " %s::text AS brand, %s::text AS category, %s::text AS features, %s::text AS materials,"
            " %s::text AS tags, %s::text AS colors, %s::text AS description) AS v"
            " ON CONFLICT (handle) DO UPDATE SET title = excluded.title, brand = excluded.brand,"
            " category = excluded.category, type = excluded.type, description = excluded.description,"
            " materials = excluded.materials, features = excluded.features, tags = excluded.tags,"
            " rating = excluded.rating, review_count = excluded.review_count, sellable = excluded.sellable,"
            " search = excluded.search"
            " RETURNING id",
            (product.handle, *columns, columns[0], columns[3], columns[1], columns[2], columns[6], columns[5],
             columns[7], " ".join(product.colors), columns[4]),
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
        return product_id

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
        wanted = (list(ids),)
        product_rows, variant_rows, stock_rows, review_rows = self.db.rows_together((
            (f"SELECT {_PRODUCT_COLUMNS} FROM products WHERE id = ANY(%s)", wanted),
            ("SELECT * FROM variants WHERE product_id = ANY(%s) ORDER BY rowid", wanted),
            ("SELECT s.* FROM store_stock s JOIN variants v ON v.sku = s.sku WHERE v.product_id = ANY(%s)", wanted),
            ("SELECT * FROM reviews WHERE product_id = ANY(%s) ORDER BY id", wanted),
        ))
        rows = {r["id"]: r for r in product_rows}
        variants: dict[int, list[Row]] = {}
        for v in variant_rows:
            variants.setdefault(v["product_id"], []).append(v)
        stock: dict[str, dict[str, int]] = {}
        for s in stock_rows:
            stock.setdefault(s["sku"], {})[s["store"]] = s["quantity"]
        reviews: dict[int, list[Review]] = {}
        for r in review_rows:
            reviews.setdefault(r["product_id"], []).append(Review(r["rating"], r["text"]))
        return [_product(rows[i], variants.get(i, []), stock, reviews.get(i, [])) for i in ids if i in rows]

    def product_id_for_sku(self, sku: str) -> int | None:
        row = self.db.one("SELECT product_id FROM variants WHERE sku = %s", (sku,))
        return int(row[0]) if row else None

    def ranked(self, match: str, limit: int) -> list[int]:
        """The best full-text matches. `match` is the domain's query: quoted words, all of them, or any of
        them when joined by OR; German ones group the forms of each word (see `tsquery_sql`). Only the first
        `RANKED_AT_MOST` matches the index finds are ranked (ts_rank_cd costs microseconds a row), as on SQLite.

        Where SQLite finds nothing, PostgreSQL looks further: a German query is matched against the German
        product texts in the `german` configuration (words the glossary lacks: "Akkulaufzeit", "Einlegesohle"),
        and any-word queries against titles that look like the words (pg_trgm, for misheard names)."""
        query, params, any_word = tsquery_sql(match, self.config)
        if not params:
            return []
        rows = self.db.rows(
            f"SELECT h.id FROM (SELECT p.id, {_RANK}('{_WEIGHTS}', p.search, q.query, {_NORMALIZATION}) AS rank"
            f" FROM products p, (SELECT {query}) AS q(query) WHERE p.sellable = 1 AND p.search @@ q.query"
            f" LIMIT %s) AS h ORDER BY h.rank DESC, h.id LIMIT %s",
            (*params, max(limit, RANKED_AT_MOST), limit),
        )
        if rows:
            return [int(r[0]) for r in rows]
        if _GROUP.search(match) and (texts := self.ranked_texts(match, "de", limit)):
            return texts
        return self._similar_titles(" ".join(_QUOTED.findall(match)), limit) if any_word else []

    def ranked_texts(self, match: str, language: str, limit: int) -> list[int]:
        """The best matches of `match` among the product texts in `language`, in that language's configuration."""
        query, params, _ = tsquery_sql(match, TEXT_CONFIGS[language])
        if not params:
            return []
        rows = self.db.rows(
            f"SELECT h.id FROM (SELECT t.product_id AS id, {_RANK}('{_WEIGHTS}', t.search, q.query,"
            f" {_NORMALIZATION}) AS rank"
            f" FROM product_texts t JOIN products p ON p.id = t.product_id, (SELECT {query}) AS q(query)"
            f" WHERE t.language = %s AND p.sellable = 1 AND t.search @@ q.query LIMIT %s) AS h"
            f" ORDER BY h.rank DESC, h.id LIMIT %s",
            (*params, language, max(limit, RANKED_AT_MOST), limit),
        )
        return [int(r[0]) for r in rows]

    def _similar_titles(self, text: str, limit: int) -> list[int]:
        """Titles containing a word like `text`: `<%` is pg_trgm's word similarity at its default threshold
        (pg_trgm.word_similarity_threshold, 0.6), the one the parity tests hold."""
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
        """Distinct names the NLU and the fuzzy matcher should know, by kind (DISTINCT in the server: at 100k
        products, fetching every variant's colour took seconds)."""

        def distinct(sql: str) -> list[str]:
            return sorted({r[0].strip().lower() for r in self.db.rows(sql) if r[0] and r[0].strip()})

        materials: set[str] = set()
        for (raw,) in self.db.rows("SELECT DISTINCT materials FROM products WHERE sellable = 1"):
            materials.update(m.lower() for m in json.loads(raw))
        features: set[str] = set()
        for (raw,) in self.db.rows("SELECT DISTINCT features FROM products WHERE sellable = 1"):
            features.update(f.lower() for f in json.loads(raw))
        return {
            "feature": sorted(features),
            "product": distinct("SELECT title FROM products WHERE sellable = 1")
            + distinct("SELECT DISTINCT type FROM products WHERE sellable = 1"),
            "type": distinct("SELECT DISTINCT type FROM products WHERE sellable = 1"),
            "brand": distinct("SELECT DISTINCT brand FROM products WHERE sellable = 1"),
            "category": distinct("SELECT DISTINCT category FROM products WHERE sellable = 1"),
            "color": distinct("SELECT DISTINCT color FROM variants"),
            "size": distinct("SELECT DISTINCT size FROM variants"),
            "material": sorted(materials),
        }

    def count(self) -> int:
        row = self.db.one("SELECT count(*) FROM products")
        return int(row[0]) if row else 0

    # -- texts in other languages (schema_v2: product_texts, searched in their language's configuration) -----
    def save_texts(self, conn: object, texts: Iterable[ProductText]) -> int:
        """Inserts or replaces texts by product handle inside the open transaction (`conn` is the caller's, as
        for SQLite's); texts of unknown handles are skipped. Returns how many were saved."""
        saved = 0
        for t in texts:
            saved += self.db.write(
                "INSERT INTO product_texts (product_id, language, title, description, features, materials, reviews)"
                " SELECT id, %s, %s, %s, %s, %s, %s FROM products WHERE handle = %s"
                " ON CONFLICT (product_id, language) DO UPDATE SET title = excluded.title,"
                " description = excluded.description, features = excluded.features,"
                " materials = excluded.materials, reviews = excluded.reviews",
                (t.language, t.title, t.description, json.dumps(list(t.features), ensure_ascii=False),
                 json.dumps(list(t.materials), ensure_ascii=False),
                 json.dumps([{"rating": r.rating, "text": r.text} for r in t.reviews], ensure_ascii=False),
                 t.handle),
            )
        return saved

    def texts_for(self, ids: Sequence[int], language: str) -> dict[int, ProductText]:
        """The texts of `ids` in `language`, by product id (products without any are left out)."""
        if not ids:
            return {}
        rows = self.db.rows(
            "SELECT t.product_id, t.language, t.title, t.description, t.features, t.materials, t.reviews, p.handle"
            " FROM product_texts t JOIN products p ON p.id = t.product_id"
            " WHERE t.language = %s AND t.product_id = ANY(%s)", (language, list(ids)),
        )
        return {
            int(r["product_id"]): ProductText(
                handle=r["handle"], language=r["language"], title=r["title"], description=r["description"],
                features=tuple(json.loads(r["features"])), materials=tuple(json.loads(r["materials"])),
                reviews=tuple(Review(x["rating"], x["text"]) for x in json.loads(r["reviews"])),
            )
            for r in rows
        }

    def texts_count(self, language: str) -> int:
        row = self.db.one("SELECT count(*) FROM product_texts WHERE language = %s", (language,))
        return int(row[0]) if row else 0


def tsquery_sql(match: str, config: str) -> tuple[str, list[str], bool]:
    """The domain's query (the FTS5 syntax SQLite runs) as a tsquery expression: its SQL, parameters, and
    whether any one of its groups may match (OR) rather than all of them.

    `"a" "b"` all words, `"a" OR "b"` any; German queries group the forms of each word, any of which may match:
    `("jacke" OR "jack"* OR "rain jacket") AND (...)`. A quoted word is a word, `*` makes it a prefix, and
    several words in one pair of quotes are a phrase, as in FTS5."""
    groups = _GROUP.findall(match) or [f'"{w}"' for w in _QUOTED.findall(match)]
    any_group = " OR " in _GROUP.sub("", match) if "(" in match else " OR " in match
    parts: list[str] = []
    params: list[str] = []
    for group in groups:
        terms = []
        for text, star in _TERM.findall(group):
            if not text.strip():
                continue
            if star:
                terms.append(f"to_tsquery('{config}', quote_literal(%s) || ':*')")
            else:
                terms.append(f"phraseto_tsquery('{config}', %s)" if " " in text.strip()
                             else f"plainto_tsquery('{config}', %s)")
            params.append(text.strip())
        if terms:
            parts.append("(" + " || ".join(terms) + ")")
    return (" || " if any_group else " && ").join(parts), params, any_group


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
