"""SQLite-shaped access to PostgreSQL: `?` placeholders and sqlite3's cursor methods.

Code written against `fulfillment.adapters.sqlite.database.Database` (support screens, privacy tools,
API keys, tests) runs over PostgreSQL through this where its SQL is portable. SQLite-only SQL (FTS5,
json_each, PRAGMA, VACUUM) fails with PostgreSQL's own error; see the README for what is covered.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import psycopg

from fulfillment.adapters.postgres.database import store_errors

if TYPE_CHECKING:
    from fulfillment.adapters.postgres.database import PgDatabase
    from fulfillment.adapters.postgres.rows import Row


_RESERVED = re.compile(r"(?<![\w\"])user(?![\w\"])", re.IGNORECASE)
"""audit_log.user: a plain column name in SQLite, a reserved word in PostgreSQL."""
_CHAR = re.compile(r"(?<![\w.])char\(", re.IGNORECASE)
"""SQLite's char(10) is PostgreSQL's chr(10)."""


@lru_cache(maxsize=1024)
def placeholders(sql: str) -> str:
    """`?` becomes `%s`, a literal `%` becomes `%%`, the column `user` is quoted and char() is chr(), except
    inside quoted strings and identifiers."""
    out: list[str] = []
    quote: str | None = None
    plain: list[str] = []  # the current run of text outside quotes

    def flush() -> None:
        out.append(_CHAR.sub("chr(", _RESERVED.sub('"user"', "".join(plain))))
        plain.clear()

    for ch in sql:
        if quote:
            out.append("%%" if ch == "%" else ch)
            if ch == quote:
                quote = None
        elif ch in "'\"":
            flush()
            quote = ch
            out.append(ch)
        elif ch == "?":
            plain.append("%s")
        elif ch == "%":
            plain.append("%%")
        else:
            plain.append(ch)
    flush()
    translated = "".join(out)
    if translated.lstrip().upper().startswith("INSERT OR IGNORE INTO"):  # SQLite's spelling of DO NOTHING
        translated = "INSERT INTO" + translated.lstrip()[len("INSERT OR IGNORE INTO"):] + " ON CONFLICT DO NOTHING"
    return translated


class FacadeCursor:
    """The rows of one statement, fetched at once (the connection goes back to the pool right away)."""

    def __init__(self, rows: list[Row], rowcount: int) -> None:
        self._rows = rows
        self.rowcount = rowcount
        self.lastrowid: int | None = None

    def fetchone(self) -> Row | None:
        return self._rows.pop(0) if self._rows else None

    def fetchall(self) -> list[Row]:
        rows, self._rows = self._rows, []
        return rows

    def __iter__(self) -> Iterator[Row]:
        return iter(self.fetchall())


class FacadeConnection:
    def __init__(self, db: PgDatabase) -> None:
        self.db = db

    @property
    def in_transaction(self) -> bool:
        return self.db.in_transaction

    def execute(self, sql: str, params: Sequence[Any] = ()) -> FacadeCursor:
        with _integrity_as_sqlite(), self.db._conn() as conn, store_errors(), conn.cursor() as cur:
            cur.execute(placeholders(sql), tuple(params))
            rows = cur.fetchall() if cur.description is not None else []
            return FacadeCursor(rows, cur.rowcount)

    def foreign_keys_to(self, table: str) -> list[tuple[str, str]]:
        return self.db.foreign_keys_to(table)

    def executemany(self, sql: str, seq: Sequence[Sequence[Any]]) -> FacadeCursor:
        seq = list(seq)
        if seq:
            with _integrity_as_sqlite(), self.db._conn() as conn, store_errors(), conn.cursor() as cur:
                cur.executemany(placeholders(sql), seq)
        return FacadeCursor([], len(seq))


@contextmanager
def _integrity_as_sqlite() -> Iterator[None]:
    """A broken constraint raises sqlite3.IntegrityError, which the SQLite-shaped callers catch ("name taken")."""
    try:
        yield
    except psycopg.IntegrityError as err:
        raise sqlite3.IntegrityError(str(err)) from err
