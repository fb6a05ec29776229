"""Rows readable by column name or position, like sqlite3.Row, so code can be shared across backends."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from psycopg import Cursor
from psycopg.rows import RowMaker


class Row(tuple[Any, ...]):
    """A result row: `row[0]`, `row["sku"]`, `row.keys()` and `dict(row)` all work."""

    _index: dict[str, int]

    def __new__(cls, values: Sequence[Any], index: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row._index = index
        return row

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def compat_rows(cursor: Cursor[Any]) -> RowMaker[Row]:
    """psycopg row factory making `Row`s."""
    index = {column.name: n for n, column in enumerate(cursor.description or ())}

    def make(values: Sequence[Any]) -> Row:
        return Row(values, index)

    return make
