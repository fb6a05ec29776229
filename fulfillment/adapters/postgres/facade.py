"""SQLite-shaped access to PostgreSQL: `?` placeholders and sqlite3's cursor methods.

Code written against `fulfillment.adapters.sqlite.database.Database` (support screens, privacy tools,
API keys, tests) runs over PostgreSQL through this where its SQL is portable. SQLite-only SQL (FTS5,
json_each, PRAGMA, VACUUM) fails with PostgreSQL's own error; see the README for what is covered.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from fulfillment.adapters.postgres.database import store_errors

if TYPE_CHECKING:
    from fulfillment.adapters.postgres.database import PgDatabase
    from fulfillment.adapters.postgres.rows import Row


@lru_cache(maxsize=1024)
def placeholders(sql: str) -> str:
    """`?` becomes `%s` and a literal `%` becomes `%%`, except inside quoted strings and identifiers."""
    out: list[str] = []
    quote: str | None = None
    for ch in sql:
        if quote:
            out.append("%%" if ch == "%" else ch)
            if ch == quote:
                quote = None
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


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
        with self.db._conn() as conn, store_errors(), conn.cursor() as cur:
            cur.execute(placeholders(sql), tuple(params))
            rows = cur.fetchall() if cur.description is not None else []
            return FacadeCursor(rows, cur.rowcount)

    def executemany(self, sql: str, seq: Sequence[Sequence[Any]]) -> FacadeCursor:
        seq = list(seq)
        if seq:
            with self.db._conn() as conn, store_errors(), conn.cursor() as cur:
                cur.executemany(placeholders(sql), seq)
        return FacadeCursor([], len(seq))
