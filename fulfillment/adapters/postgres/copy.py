"""Copies a SQLite home's database into an empty PostgreSQL database, in one transaction, and counts both sides.

`emma db migrate-to` uses it, and so does a new PostgreSQL shop that gets the demo data. SQLite's own search
tables (FTS5) are not copied: PostgreSQL computes its search vectors as the products arrive (a vector written
afterwards would leave a dead version of every product behind, the table twice its size).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import psycopg

from fulfillment.adapters.postgres.catalog import PgCatalog, vector_sql
from fulfillment.adapters.postgres.database import PgDatabase, store_errors
from fulfillment.adapters.sqlite.database import MIGRATIONS as SQLITE_MIGRATIONS
from fulfillment.adapters.sqlite.database import Database

TABLES = (
    "products", "product_texts", "variants", "store_stock", "reviews", "customers", "cart_items", "orders",
    "order_items", "returns", "tickets", "sessions", "turns", "alexa_links", "audio_stats", "support_users",
    "support_sessions", "turn_annotations", "nlu_training_runs", "retention_settings", "audit_log", "api_keys",
)
"""Every table of the shop, parents before children."""
COPY_LOCK = 0x454D4D42
"""Held while copying, so instances that start together copy the demo shop once."""


class TargetNotEmpty(RuntimeError):
    """The PostgreSQL database already holds a shop; the copy would mix two."""


def copy_sqlite(source: Path, target: PgDatabase, catalog: PgCatalog) -> dict[str, tuple[int, int]]:
    """Copies every table of the SQLite database at `source` into `target` (which must be empty).

    Returns {table: (rows in SQLite, rows in PostgreSQL)}, counted after the commit; they match or the copy
    raises. The source is brought to the latest SQLite schema first."""
    Database(source).close()  # migrates an older home
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src:
        version = src.execute("PRAGMA user_version").fetchone()[0]
        assert version == len(SQLITE_MIGRATIONS), f"SQLite schema v{version} is not the latest"
        conn = target.begin()
        try:
            target.one("SELECT pg_advisory_xact_lock(%s)", (COPY_LOCK,))
            if any(target.one(f"SELECT 1 FROM {t} LIMIT 1") for t in ("products", "customers", "turns")):
                raise TargetNotEmpty("The PostgreSQL database already holds a shop.")
            for table in TABLES:
                columns = _shared_columns(src, target, table)
                with store_errors(), conn.cursor() as cur:
                    quoted = ", ".join(f'"{c}"' for c in columns)
                    if table == "products":
                        _copy_products(src, cur, columns, catalog.config)
                    else:
                        with cur.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                            for row in _rows(src, table, columns):
                                copy.write_row(row)
                _reset_identities(target, table)
        except BaseException:
            target.end(commit=False)
            raise
        target.end(commit=True)
        counts = {
            t: (int(src.execute(f"SELECT count(*) FROM {t}").fetchone()[0]),
                int((target.one(f"SELECT count(*) FROM {t}") or (0,))[0]))
            for t in TABLES
        }
    wrong = {t: c for t, c in counts.items() if c[0] != c[1]}
    if wrong:
        raise RuntimeError(f"row counts differ after the copy: {wrong}")
    return counts


def _shared_columns(src: sqlite3.Connection, target: PgDatabase, table: str) -> list[str]:
    """The target's columns the source has (SQLite's implicit rowid counts), in the target's order."""
    have = {r[1] for r in src.execute(f"PRAGMA table_info({table})")} | {"rowid"}
    rows = target.rows(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND table_schema = current_schema()"
        " ORDER BY ordinal_position", (table,),
    )
    return [r[0] for r in rows if r[0] in have and r[0] != "search"]


def _copy_products(src: sqlite3.Connection, cur: psycopg.Cursor[Any], columns: list[str], config: str) -> None:
    """Products through a staging table that also holds their colours (the variants come later), so each is
    written once, with its search vector."""
    colors: dict[object, list[str]] = {}
    for product_id, color in src.execute("SELECT product_id, color FROM variants ORDER BY rowid"):
        seen = colors.setdefault(product_id, [])
        if color and color not in seen:  # each once, in the order of the variants (Product.colors)
            seen.append(color)
    quoted = ", ".join(f'"{c}"' for c in columns)
    cur.execute(f"CREATE TEMP TABLE copied_products ON COMMIT DROP AS SELECT {quoted} FROM products WITH NO DATA")
    cur.execute("ALTER TABLE copied_products ADD COLUMN colors TEXT NOT NULL DEFAULT ''")
    at = columns.index("id")
    with cur.copy(f"COPY copied_products ({quoted}, colors) FROM STDIN") as copy:
        for row in _rows(src, "products", columns):
            copy.write_row((*row, " ".join(colors.get(row[at], []))))
    cur.execute(f"INSERT INTO products ({quoted}, search) SELECT {quoted}, {vector_sql(config, 'c', 'c.colors')}"
                " FROM copied_products c ORDER BY c.id")


def _rows(src: sqlite3.Connection, table: str, columns: list[str]) -> Iterator[tuple[object, ...]]:
    quoted = ", ".join(f'"{c}"' if c != "rowid" else "rowid" for c in columns)
    yield from src.execute(f"SELECT {quoted} FROM {table} ORDER BY rowid")


def _reset_identities(target: PgDatabase, table: str) -> None:
    """Identity columns continue after the copied values."""
    for (column,) in target.rows(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s"
        " AND table_schema = current_schema() AND is_identity = 'YES'", (table,),
    ):
        target.one(
            f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'),"
            f" coalesce((SELECT max({column}) FROM {table}), 0) + 1, false)"
        )
