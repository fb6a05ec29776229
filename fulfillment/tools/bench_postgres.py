"""`emma bench search --database postgresql://...`: the same generated catalog and queries on SQLite and on
PostgreSQL, side by side. The database must be empty (a scratch one): the catalog is copied into it.
`--database postgresql` (no URL) starts a throwaway server for the run (tools/local_postgres.py)."""

from __future__ import annotations

import json
import random
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fulfillment.domain.models import ProductFilter
from fulfillment.domain.search import SearchRequest
from fulfillment.services.catalog_import import product_from_json
from fulfillment.services.demo_data import demo_catalog_path
from fulfillment.settings import Settings
from fulfillment.tools.bench import QUERIES, _row
from fulfillment.wiring import ShopHome, open_shop


def generate(shop: ShopHome, products: int) -> float:
    """`products` products made from the demo catalog's, as `emma bench search` makes them; seconds taken."""
    templates = [json.loads(line) for line in demo_catalog_path().read_text().splitlines() if line.strip()]
    rng = random.Random(1)
    words = ("classic", "pro", "lite", "urban", "alpine", "essential", "signature", "everyday", "studio", "trail")
    started = time.perf_counter()
    for first in range(0, products, 2000):
        with shop.db.transaction() as conn:
            for i in range(first, min(first + 2000, products)):
                raw = dict(templates[i % len(templates)])
                raw["handle"] = f"{raw['handle']}-{i}"
                raw["title"] = f"{rng.choice(words).title()} {raw['title']} {i // len(templates)}"
                raw["variants"] = [dict(v, sku=f"{v['sku']}-{i}") for v in raw["variants"]]
                shop.catalog.save(conn, product_from_json(raw))
    return time.perf_counter() - started


def timed_queries(shop: ShopHome, queries: int) -> list[float]:
    for query in QUERIES:  # warm caches once: steady state is what a running shop sees
        shop.search.search(SearchRequest(query))
    times: list[float] = []
    for n in range(queries):
        request = SearchRequest(QUERIES[n % len(QUERIES)],
                                ProductFilter(in_stock=n % 3 == 0, color="black" if n % 5 == 0 else None))
        t0 = time.perf_counter()
        result = shop.search.search(request)
        shop.catalog.get_many(result.ids[:3])
        times.append((time.perf_counter() - t0) * 1000)
    return times


@contextmanager
def scratch_database(database: str) -> Iterator[str]:
    """`database` itself when it is a URL; otherwise an empty database on a throwaway local server."""
    if "://" in database:
        yield database
        return
    from fulfillment.tools.local_postgres import LocalPostgres

    server = LocalPostgres.create()
    server.start()
    try:
        yield server.create_database("emma_bench_search")
    finally:
        server.stop()


def search(products: int, queries: int, database: str) -> int:
    with scratch_database(database) as url:
        return _search(products, queries, url)


def _search(products: int, queries: int, database: str) -> int:
    from fulfillment.adapters.postgres.copy import copy_sqlite

    with tempfile.TemporaryDirectory(prefix="emma-bench-search-") as tmp:
        sqlite = open_shop(Settings(home=Path(tmp)))
        load_s = generate(sqlite, products)
        sqlite_times = timed_queries(sqlite, queries)
        sqlite.close()
        postgres = open_shop(Settings(home=Path(tmp), database_url=database))
        try:
            started = time.perf_counter()
            copy_sqlite(Path(tmp) / "emma.db", postgres.db, postgres.catalog)  # type: ignore[arg-type]
            copy_s = time.perf_counter() - started
            postgres.db.connection().execute("VACUUM ANALYZE")  # what autovacuum does soon after an import
            size = postgres.db.connection().execute(  # written once by the copy: no dead versions to skip
                "SELECT pg_size_pretty(pg_total_relation_size('products'))").fetchone()[0]
            postgres.search.invalidate()
            pg_times = timed_queries(postgres, queries)
        finally:
            postgres.close()
    print(f"emma bench search: {products} products generated in {load_s:.0f} s (SQLite), copied and indexed"
          f" in {copy_s:.0f} s (PostgreSQL, products table {size})")
    print(_row("SQLite", sqlite_times))
    print(_row("PostgreSQL", pg_times))
    print("Goal: search p95 <= 10 ms (ranking, filters, fuzzy repair, top 3 loaded)")
    return 0
