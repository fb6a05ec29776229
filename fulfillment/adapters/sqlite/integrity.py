"""What a database file looks like after its writer was killed: the WAL left behind, and a quick check.

Opening the database replays a left-over write-ahead log (committed transactions are kept, the
uncommitted tail is dropped); measure it before anything opens the file.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

_WAL_HEADER = 32
_FRAME_HEADER = 24


@dataclass(frozen=True)
class WalFile:
    """The `-wal` file next to a database, as found."""

    bytes: int
    """0 when there is none."""
    frames: int
    """Pages logged in it (committed or not)."""


def wal_file(db_path: Path) -> WalFile:
    wal = db_path.with_name(db_path.name + "-wal")
    try:
        size = wal.stat().st_size
        with wal.open("rb") as f:
            header = f.read(_WAL_HEADER)
    except FileNotFoundError:
        return WalFile(0, 0)
    page_size = int.from_bytes(header[8:12], "big") if len(header) == _WAL_HEADER else 0
    frames = (size - _WAL_HEADER) // (_FRAME_HEADER + page_size) if page_size else 0
    return WalFile(size, max(frames, 0))


def quick_check(db_path: Path, max_problems: int = 5) -> tuple[str, ...]:
    """`PRAGMA quick_check` on a connection of its own: `("ok",)` or the problems found.

    This first open replays the WAL; closing the last connection checkpoints it into the database.
    """
    try:
        conn = sqlite3.connect(db_path, timeout=5.0)
    except sqlite3.Error as err:
        return (str(err),)
    try:
        rows = conn.execute(f"PRAGMA quick_check({int(max_problems)})").fetchall()
        return tuple(str(row[0]) for row in rows)
    except sqlite3.DatabaseError as err:
        return (str(err),)
    finally:
        conn.close()
