"""Products, stock and search on PostgreSQL: a weighted tsvector with a GIN index, pg_trgm for misheard names.

The ranking mirrors SQLite's BM25 column weights with four weights: A (title, type), B (brand, category),
C (features, materials, tags, each colour once as SQLite indexes it: schema_v3), D (description); ts_rank_cd
divided by 1 + log(length) stands in for BM25's preference for short documents. ts_rank_cd costs about 5 us a
row, ten times ts_rank, so matches are ordered by ts_rank first and only the best `SHORTLIST` by ts_rank_cd
(100,000 products: 1,000 matches ranked in 3 ms instead of 8). Filters and their relaxation are the domain's
(fulfillment.domain.search), so both backends apply the same ones.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from fulfillment.adapters.postgres.database import PgDatabase
from fulfillment.adapters.postgres.rows import Row
from fulfillment.domain.models import Product, ProductFilter, Review, Variant
from fulfillment.domain.search import CANDIDATES, RANKED_AT_MOST, first_kept
from fulfillment.domain.translations import ProductText

TEXT_CONFIGS = {"en": "english", "de": "german"}
"""The text search configuration (stemming, stop words) for a catalog language."""
_WEIGHTS = "{0.05, 0.2, 0.6, 1.0}"
"""ts_rank weights for D, C, B, A."""
_NORMALIZATION = 1
"""ts_rank's normalization flags: 1 divides by 1 + log(length), as BM25 favours short documents."""
_COARSE = f"ts_rank('{_WEIGHTS}', p.search, q.query, {_NORMALIZATION})"


def _fine(table: str) -> str:
    return f"ts_rank_cd('{_WEIGHTS}', {table}.search, q.query, {_NORMALIZATION})"


SHORTLIST = 100
"""How many of the best matches by ts_rank are ordered by ts_rank_cd (cover density: words close together count
more, as BM25 over short fields does). The domain keeps 30 after its filters; below the shortlist the cheaper
order stands. Exact when fewer match, as in the parity tests."""
_QUOTED = re.compile(r'"([^"]*)"')
_GROUP = re.compile(r"\(([^()]*)\)")
_TERM = re.compile(r'"([^"]*)"(\*?)')
_PRODUCTS_SQL = (
    "SELECT p.id, p.handle, p.title, p.brand, p.category, p.type, p.description, p.materials, p.features, p.tags,"
    " p.rating, p.review_count,"
    " (SELECT coalesce(json_agg(json_build_array(v.sku, v.color, v.size, v.price_cents, v.compare_at_cents, v.stock,"
    "  (SELECT coalesce(json_object_agg(s.store, s.quantity), '{}') FROM store_stock s WHERE s.sku = v.sku))"
    "  ORDER BY v.rowid), '[]') FROM variants v WHERE v.product_id = p.id) AS variants,"
    " (SELECT coalesce(json_agg(json_build_array(r.rating, r.text) ORDER BY r.id), '[]')"
    "  FROM reviews r WHERE r.product_id = p.id) AS reviews"
    " FROM products p WHERE p.id = ANY(%s)"
)
"""Products with their variants (each with its stock by store) and reviews, in one statement: a search loads
three of them, and four statements took 0.8 ms more. The search vector is left out: the server would spell
it out as text for nothing."""


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
        rows = {r["id"]: r for r in self.db.rows(_PRODUCTS_SQL, (list(ids),))}
        return [_product(rows[i]) for i in ids if i in rows]

    def product_id_for_sku(self, sku: str) -> int | None:
        row = self.db.one("SELECT product_id FROM variants WHERE sku = %s", (sku,))
        return int(row[0]) if row else None

    def ranked(self, match: str, limit: int) -> list[int]:
        """The best full-text matches. `match` is the domain's query: quoted words, all of them, or any of
        them when joined by OR; German ones group the forms of each word (see `tsquery_sql`). Only the first
        `RANKED_AT_MOST` matches the index finds are ranked, as on SQLite; the best `SHORTLIST` by cover density.

        Where SQLite finds nothing, PostgreSQL looks further: a German query is matched against the German
        product texts in the `german` configuration (words the glossary lacks: "Akkulaufzeit", "Einlegesohle"),
        and any-word queries against titles that look like the words (pg_trgm, for misheard names)."""
        query, params, _ = tsquery_sql(match, self.config)
        if not params:
            return []
        rows = self.db.rows(_ranked_sql(query, "p.id, p.search", "products p", "p.sellable = 1 AND p.search"),
                            (*params, max(limit, RANKED_AT_MOST), limit))
        return [int(r[0]) for r in rows] if rows else self._looked_further(match, limit)

    def _looked_further(self, match: str, limit: int) -> list[int]:
        """Where the catalog's words match nothing: the German product texts, then similar titles."""
        if _GROUP.search(match) and (texts := self.ranked_texts(match, "de", limit)):
            return texts
        return self._similar_titles(" ".join(_QUOTED.findall(match)), limit) if _any_group(match) else []

    def first_found(self, match: str, wheres: Sequence[ProductFilter], wanted: int) -> tuple[int, list[int]]:
        """One statement (`_best_sql`): the matches are found and ordered once, each filter in turn runs in the
        server until one keeps something, only what it keeps is ranked by cover density, and no ids travel
        back and forth. The same products as `first_kept` over `ranked`, which SQLite runs."""
        query, params, _ = tsquery_sql(match, self.config)
        if not params or not wheres:
            return -1, []
        sql, statement_params = _best_sql(query, params, wheres, self.config, wanted)
        rows = self.db.rows(sql, statement_params)
        if rows and rows[0][1] is not None:
            return int(rows[0][0]), [int(r[1]) for r in rows]
        if not rows:
            return -1, []  # the words matched, the filters kept nothing
        return first_kept(self, self._looked_further(match, CANDIDATES), wheres, wanted)

    def ranked_texts(self, match: str, language: str, limit: int) -> list[int]:
        """The best matches of `match` among the product texts in `language`, in that language's configuration."""
        query, params, _ = tsquery_sql(match, TEXT_CONFIGS[language])
        if not params:
            return []
        rows = self.db.rows(
            _ranked_sql(query, "t.product_id AS id, t.search", "product_texts t JOIN products p ON p.id = t.product_id",
                        "t.language = %s AND p.sellable = 1 AND t.search"),
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


def _ranked_sql(query: str, columns: str, source: str, matches: str) -> str:
    """Ids of the first `RANKED_AT_MOST` rows of `source` where `matches` @@ the query (`columns`: the id and
    search vector), in ts_rank order with the best `SHORTLIST` re-ordered by ts_rank_cd. Parameters: the
    query's, the WHERE clause's, how many to rank, how many to return. The query is built once (MATERIALIZED),
    not once a row."""
    return (
        f"WITH q AS MATERIALIZED (SELECT {query} AS query),"
        f" h AS (SELECT {columns} FROM {source}, q WHERE {matches} @@ q.query LIMIT %s),"
        f" o AS (SELECT p.id, p.search, row_number() OVER (ORDER BY {_COARSE} DESC, p.id) AS n FROM h AS p, q)"
        f" SELECT o.id FROM o, q ORDER BY o.n > {SHORTLIST},"
        f" CASE WHEN o.n <= {SHORTLIST} THEN {_fine('o')} END DESC,"
        f" CASE WHEN o.n <= {SHORTLIST} THEN o.id ELSE o.n END LIMIT %s"
    )


def _best_sql(query: str, query_params: Sequence[str], wheres: Sequence[ProductFilter], config: str,
              wanted: int) -> tuple[str, list[Any]]:
    """The statement behind `first_found`, and its parameters. It returns (filter's index, id) rows, or one
    (-1, NULL) row when the words match nothing at all.

    - The first `RANKED_AT_MOST` matches are found and ordered by ts_rank once (h), as narrow rows.
    - Each filter in turn (k0, k1, ...) runs only when the ones before kept nothing, product by product in that
      order, and stops once a shortlist passes (the planner keeps the order through the nested loops).
    - A colour asked for is first looked for in the product's vector, which names its colours (schema_v3):
      cheaper than its variants, which are then checked only for the products that may have it. The colour's
      query is a subquery of q, so the planner checks it with the product, before the variants.
    - ts_rank_cd orders the shortlist of the filter that kept something."""
    colours = [where.color for where in wheres if where.color]
    columns = "".join(f", plainto_tsquery('{config}', %s) AS c{n}" for n in range(len(colours)))
    params: list[Any] = [*query_params, *colours, RANKED_AT_MOST]
    attempts: list[str] = []
    colour = 0
    for n, where in enumerate(wheres):
        clauses, where_params = _filter_sql(where)
        if where.color:  # an empty query (stop words only) says nothing
            clauses = [f"((SELECT numnode(c{colour}) = 0 FROM q) OR p.search @@ (SELECT c{colour} FROM q))",
                       *clauses]
            colour += 1
        attempts.append(
            f" k{n} AS MATERIALIZED (SELECT {n} AS n, p.id, p.search"
            f" FROM (SELECT h.id, h.coarse FROM h ORDER BY h.coarse DESC, h.id) AS s"
            f" JOIN products p ON p.id = s.id WHERE {' AND '.join(clauses) or 'TRUE'}"
            f" ORDER BY s.coarse DESC, s.id LIMIT %s)")
        params += [*where_params, max(wanted, SHORTLIST)]
    gated = " UNION ALL ".join(
        f"(SELECT * FROM k{n}" + (" WHERE " + " AND ".join(f"NOT EXISTS (SELECT FROM k{m})" for m in range(n))
                                   if n else "") + ")"
        for n in range(len(wheres)))
    sql = (
        f"WITH q AS MATERIALIZED (SELECT {query} AS query{columns}),"
        f" h AS MATERIALIZED (SELECT p.id, {_COARSE} AS coarse FROM products p, q"
        f" WHERE p.sellable = 1 AND p.search @@ q.query LIMIT %s),"
        + ",".join(attempts) +
        f", best AS (SELECT k.n, k.id FROM ({gated}) AS k, q ORDER BY k.n, {_fine('k')} DESC, k.id LIMIT %s)"
        f" SELECT n, id FROM best UNION ALL SELECT -1, NULL WHERE NOT EXISTS (SELECT FROM h)"
    )
    return sql, [*params, wanted]


def tsquery_sql(match: str, config: str) -> tuple[str, list[str], bool]:
    """The domain's query (the FTS5 syntax SQLite runs) as a tsquery expression: its SQL, parameters, and
    whether any one of its groups may match (OR) rather than all of them.

    `"a" "b"` all words, `"a" OR "b"` any; German queries group the forms of each word, any of which may match:
    `("jacke" OR "jack"* OR "rain jacket") AND (...)`. A quoted word is a word, `*` makes it a prefix, and
    several words in one pair of quotes are a phrase, as in FTS5."""
    groups = _GROUP.findall(match) or [f'"{w}"' for w in _QUOTED.findall(match)]
    any_group = _any_group(match)
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


def _any_group(match: str) -> bool:
    """Whether any one group of the domain's query may match (its groups joined by OR) rather than all."""
    return " OR " in _GROUP.sub("", match) if "(" in match else " OR " in match


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


def _product(row: Row) -> Product:
    """A product from a row of `_PRODUCTS_SQL`: its variants (with their stock by store) and reviews as JSON."""
    return Product(
        id=int(row["id"]), handle=row["handle"], title=row["title"], brand=row["brand"],
        category=row["category"], type=row["type"], description=row["description"],
        materials=tuple(json.loads(row["materials"])), features=tuple(json.loads(row["features"])),
        tags=tuple(json.loads(row["tags"])), rating=row["rating"], review_count=row["review_count"],
        variants=tuple(
            Variant(sku=sku, color=color, size=size, price_cents=int(price), stock=stock,
                    compare_at_cents=int(compare_at) if compare_at is not None else None, store_stock=stores)
            for sku, color, size, price, compare_at, stock, stores in row["variants"]
        ),
        reviews=tuple(Review(rating, text) for rating, text in row["reviews"]),
    )
