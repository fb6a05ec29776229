"""Products, variants, stock and the full-text index (SQLite FTS5 with BM25 ranking)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence

from fulfillment.adapters.sqlite.database import Database
from fulfillment.domain.models import Product, ProductFilter, Review, Variant
from fulfillment.domain.search import CANDIDATES, RANKED_AT_MOST, first_kept
from fulfillment.domain.translations import ProductText


class CatalogRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- writes -------------------------------------------------------------------------------
    def save(self, conn: sqlite3.Connection, product: Product, sellable: bool = True) -> int:
        """Insert or replace a product by handle, with its variants, reviews and index row."""
        row = conn.execute("SELECT id FROM products WHERE handle = ?", (product.handle,)).fetchone()
        if row:
            product_id = row["id"]
            self._unindex(conn, product_id)
            conn.execute("DELETE FROM variants WHERE product_id = ?", (product_id,))
            conn.execute("DELETE FROM reviews WHERE product_id = ?", (product_id,))
            conn.execute(
                "UPDATE products SET title=?, brand=?, category=?, type=?, description=?, materials=?,"
                " features=?, tags=?, rating=?, review_count=?, sellable=? WHERE id=?",
                (*_product_columns(product), int(sellable), product_id),
            )
        else:
            product_id = conn.execute(
                "INSERT INTO products (title, brand, category, type, description, materials, features,"
                " tags, rating, review_count, sellable, handle) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (*_product_columns(product), int(sellable), product.handle),
            ).lastrowid
        for v in product.variants:
            conn.execute(
                "INSERT INTO variants (sku, product_id, color, size, price_cents, compare_at_cents, stock)"
                " VALUES (?,?,?,?,?,?,?)",
                (v.sku, product_id, v.color, v.size, v.price_cents, v.compare_at_cents, v.stock),
            )
            conn.executemany(
                "INSERT INTO store_stock (sku, store, quantity) VALUES (?,?,?)",
                [(v.sku, store, qty) for store, qty in v.store_stock.items()],
            )
        conn.executemany(
            "INSERT INTO reviews (product_id, rating, text) VALUES (?,?,?)",
            [(product_id, r.rating, r.text) for r in product.reviews],
        )
        if sellable:
            conn.execute(
                "INSERT INTO product_fts (rowid, title, brand, type, category, features, materials,"
                " tags, colors, description) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (product_id, *_index_columns(product)),
            )
        assert product_id is not None
        return product_id

    def _unindex(self, conn: sqlite3.Connection, product_id: int) -> None:
        # A contentless FTS5 table deletes by re-supplying the indexed values.
        old = self.get(product_id, conn=conn)
        sellable = conn.execute("SELECT sellable FROM products WHERE id=?", (product_id,)).fetchone()
        if old and sellable and sellable[0]:
            conn.execute(
                "INSERT INTO product_fts (product_fts, rowid, title, brand, type, category, features,"
                " materials, tags, colors, description) VALUES ('delete',?,?,?,?,?,?,?,?,?,?)",
                (product_id, *_index_columns(old)),
            )

    def decrement_stock(self, sku: str, quantity: int) -> bool:
        """Conditional update: never lets stock go below zero. False when there is not enough."""
        cur = self.db.writer().execute(
            "UPDATE variants SET stock = stock - ? WHERE sku = ? AND stock >= ?", (quantity, sku, quantity)
        )
        return cur.rowcount == 1

    def restock(self, sku: str, quantity: int) -> None:
        self.db.writer().execute("UPDATE variants SET stock = stock + ? WHERE sku = ?", (quantity, sku))

    # -- reads --------------------------------------------------------------------------------
    def get(self, product_id: int, conn: sqlite3.Connection | None = None) -> Product | None:
        found = self.get_many([product_id], conn=conn)
        return found[0] if found else None

    def get_many(self, ids: Sequence[int], conn: sqlite3.Connection | None = None) -> list[Product]:
        """Products in the order of `ids` (missing ones are skipped)."""
        if not ids:
            return []
        conn = conn or self.db.connection()
        marks = ",".join("?" * len(ids))
        rows = {r["id"]: r for r in conn.execute(f"SELECT * FROM products WHERE id IN ({marks})", ids)}
        variants: dict[int, list[sqlite3.Row]] = {}
        for v in conn.execute(
            f"SELECT * FROM variants WHERE product_id IN ({marks}) ORDER BY rowid", ids
        ):
            variants.setdefault(v["product_id"], []).append(v)
        skus = [v["sku"] for vs in variants.values() for v in vs]
        stock: dict[str, dict[str, int]] = {}
        if skus:
            sku_marks = ",".join("?" * len(skus))
            for s in conn.execute(f"SELECT * FROM store_stock WHERE sku IN ({sku_marks})", skus):
                stock.setdefault(s["sku"], {})[s["store"]] = s["quantity"]
        reviews: dict[int, list[Review]] = {}
        for r in conn.execute(f"SELECT * FROM reviews WHERE product_id IN ({marks})", ids):
            reviews.setdefault(r["product_id"], []).append(Review(r["rating"], r["text"]))
        return [
            _product(rows[i], variants.get(i, []), stock, reviews.get(i, []))
            for i in ids
            if i in rows
        ]

    def product_id_for_sku(self, sku: str) -> int | None:
        row = self.db.connection().execute(
            "SELECT product_id FROM variants WHERE sku = ?", (sku,)
        ).fetchone()
        return row[0] if row else None

    def ranked(self, match: str, limit: int) -> list[int]:
        """The best full-text matches by BM25 (only sellable products are in the index), among the first
        `RANKED_AT_MOST` found."""
        rows = self.db.connection().execute(
            "SELECT rowid FROM (SELECT rowid, rank FROM product_fts WHERE product_fts MATCH ? LIMIT ?)"
            " ORDER BY rank, rowid LIMIT ?", (match, max(limit, RANKED_AT_MOST), limit)
        )
        return [r[0] for r in rows]

    def keep(self, ids: list[int], where: ProductFilter, wanted: int) -> list[int]:
        """Up to `wanted` of `ids` that pass the filters, in the order given. The best 300 are
        checked first, which is usually enough."""
        clauses, params = _filter_sql(where)
        if not clauses or not ids:
            return ids[:wanted]
        conn = self.db.connection()
        sql = "SELECT p.id FROM products p WHERE p.id IN (SELECT value FROM json_each(?))" + "".join(
            f" AND {c}" for c in clauses
        )
        kept: list[int] = []
        for start, stop in ((0, 300), (300, len(ids))):
            chunk = ids[start:stop]
            if not chunk:
                break
            passing = {r[0] for r in conn.execute(sql, (json.dumps(chunk), *params))}
            kept += [i for i in chunk if i in passing]
            if len(kept) >= wanted:
                break
        return kept[:wanted]

    def first_found(self, match: str, wheres: Sequence[ProductFilter], wanted: int) -> tuple[int, list[int]]:
        """Ranked once, then kept by each filter in turn (BM25 over 1,000 matches is the cost; filters are cheap)."""
        return first_kept(self, self.ranked(match, CANDIDATES), wheres, wanted)

    def browse(self, where: ProductFilter, limit: int) -> list[int]:
        """Products passing the filters, best rated first (for requests without words)."""
        clauses, params = _filter_sql(where)
        sql = "SELECT p.id FROM products p WHERE p.sellable = 1" + "".join(f" AND {c}" for c in clauses)
        rows = self.db.connection().execute(sql + " ORDER BY p.rating DESC, p.review_count DESC LIMIT ?",
                                            (*params, limit))
        return [r[0] for r in rows]

    def search(self, match: str | None, where: ProductFilter, limit: int) -> list[int]:
        """Ranked matches of `match` passing `where` (or, without text, the best rated that pass)."""
        if not match:
            return self.browse(where, limit)
        return self.keep(self.ranked(match, CANDIDATES), where, limit)

    def vocabulary(self) -> dict[str, list[str]]:
        """Distinct names the NLU and the fuzzy matcher should know, by kind."""
        conn = self.db.connection()

        def distinct(sql: str) -> list[str]:
            return sorted({r[0].strip().lower() for r in conn.execute(sql) if r[0] and r[0].strip()})

        materials: set[str] = set()
        for (raw,) in conn.execute("SELECT materials FROM products WHERE sellable = 1"):
            materials.update(m.lower() for m in json.loads(raw))
        features: set[str] = set()
        for (raw,) in conn.execute("SELECT features FROM products WHERE sellable = 1"):
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
        return int(self.db.connection().execute("SELECT count(*) FROM products").fetchone()[0])

    # -- texts in other languages (schema_v8: product_texts) ------------------------------------
    def save_texts(self, conn: sqlite3.Connection, texts: Iterable[ProductText]) -> int:
        """Insert or replace texts by product handle; texts of unknown handles are skipped. Returns how many."""
        saved = 0
        for t in texts:
            row = conn.execute("SELECT id FROM products WHERE handle = ?", (t.handle,)).fetchone()
            if row is None:
                continue
            conn.execute(
                "INSERT OR REPLACE INTO product_texts (product_id, language, title, description, features,"
                " materials, reviews) VALUES (?,?,?,?,?,?,?)",
                (row[0], t.language, t.title, t.description, json.dumps(list(t.features), ensure_ascii=False),
                 json.dumps(list(t.materials), ensure_ascii=False),
                 json.dumps([{"rating": r.rating, "text": r.text} for r in t.reviews], ensure_ascii=False)),
            )
            saved += 1
        return saved

    def texts_for(self, ids: Sequence[int], language: str) -> dict[int, ProductText]:
        """The texts of `ids` in `language`, by product id (products without any are left out)."""
        if not ids:
            return {}
        rows = self.db.connection().execute(
            "SELECT t.*, p.handle FROM product_texts t JOIN products p ON p.id = t.product_id"
            " WHERE t.language = ? AND t.product_id IN (SELECT value FROM json_each(?))",
            (language, json.dumps(list(ids))),
        )
        return {
            r["product_id"]: ProductText(
                handle=r["handle"], language=r["language"], title=r["title"], description=r["description"],
                features=tuple(json.loads(r["features"])), materials=tuple(json.loads(r["materials"])),
                reviews=tuple(Review(x["rating"], x["text"]) for x in json.loads(r["reviews"])),
            )
            for r in rows
        }

    def texts_count(self, language: str) -> int:
        return int(self.db.connection().execute(
            "SELECT count(*) FROM product_texts WHERE language = ?", (language,)).fetchone()[0])


def _filter_sql(where: ProductFilter) -> tuple[list[str], list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if where.brand:
        clauses.append("lower(p.brand) = ?")
        params.append(where.brand.lower())
    if where.category:
        clauses.append("p.category = ?")
        params.append(where.category.lower())
    if where.material:
        clauses.append("p.materials LIKE ?")
        params.append(f"%{where.material.lower()}%")
    if where.types:
        clauses.append(f"p.type IN ({','.join('?' * len(where.types))})")
        params.extend(t.lower() for t in where.types)
    if where.brands:
        clauses.append(f"lower(p.brand) IN ({','.join('?' * len(where.brands))})")
        params.extend(b.lower() for b in where.brands)
    for feature in where.features:
        clauses.append("EXISTS (SELECT 1 FROM json_each(p.features) f WHERE lower(f.value) = ?)")
        params.append(feature.lower())
    variant: list[str] = []
    for column, value in (("lower(v.color)", where.color), ("upper(v.size)", where.size)):
        if value:
            variant.append(f"{column} = ?")
            params.append(value.lower() if "color" in column else value.upper())
    if where.price_min_cents is not None:
        variant.append("v.price_cents >= ?")
        params.append(where.price_min_cents)
    if where.price_max_cents is not None:
        variant.append("v.price_cents <= ?")
        params.append(where.price_max_cents)
    if where.in_stock:
        variant.append("v.stock > 0")
    if variant:
        clauses.append(
            "EXISTS (SELECT 1 FROM variants v WHERE v.product_id = p.id AND "
            + " AND ".join(variant) + ")"
        )
    return clauses, params


def _product_columns(p: Product) -> tuple[object, ...]:
    return (
        p.title, p.brand, p.category.lower(), p.type.lower(), p.description,
        json.dumps(list(p.materials)), json.dumps(list(p.features)), json.dumps(list(p.tags)),
        p.rating, p.review_count,
    )


def _index_columns(p: Product) -> tuple[str, ...]:
    return (
        p.title, p.brand, p.type, p.category, " ".join(p.features), " ".join(p.materials),
        " ".join(p.tags), " ".join(p.colors), p.description,
    )


def _product(
    row: sqlite3.Row,
    variants: Iterable[sqlite3.Row],
    stock: dict[str, dict[str, int]],
    reviews: list[Review],
) -> Product:
    return Product(
        id=row["id"], handle=row["handle"], title=row["title"], brand=row["brand"],
        category=row["category"], type=row["type"], description=row["description"],
        materials=tuple(json.loads(row["materials"])), features=tuple(json.loads(row["features"])),
        tags=tuple(json.loads(row["tags"])), rating=row["rating"], review_count=row["review_count"],
        variants=tuple(
            Variant(
                sku=v["sku"], color=v["color"], size=v["size"], price_cents=v["price_cents"],
                stock=v["stock"], compare_at_cents=v["compare_at_cents"],
                store_stock=stock.get(v["sku"], {}),
            )
            for v in variants
        ),
        reviews=tuple(reviews),
    )
