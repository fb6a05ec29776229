"""SQLite connections, transactions and schema migrations for one EMMA_HOME."""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path


def _migrations() -> tuple[str, ...]:
    """schema_v1.sql, schema_v2.sql, ...: each upgrades the schema by one version."""
    folder = resources.files(__package__)
    numbered = {
        int(m.group(1)): entry.read_text()
        for entry in folder.iterdir()
        if (m := re.fullmatch(r"schema_v(\d+)\.sql", entry.name))
    }
    assert sorted(numbered) == list(range(1, len(numbered) + 1)), "migrations must be numbered 1..n"
    return tuple(numbered[n] for n in sorted(numbered))


# PRAGMA user_version records how many of these a database file has applied.
MIGRATIONS = _migrations()


class Database:
    """Hands out one connection per thread (sqlite3 connections must not cross threads)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []
        path.parent.mkdir(parents=True, exist_ok=True)
        self.migrate()

    def connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            # Autocommit mode: we open transactions ourselves with BEGIN IMMEDIATE.
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
            # Read through a memory map and keep a larger page cache: search touches many index
            # pages, and syscalls per page dominate on big catalogs.
            conn.execute("PRAGMA mmap_size = 268435456")
            conn.execute("PRAGMA cache_size = -32768")
            self._local.conn = conn
            with self._lock:
                self._connections.append(conn)
        return conn

    def writer(self) -> sqlite3.Connection:
        """This thread's connection, for a write that must belong to an open transaction (a unit of work):
        a write outside one would commit on its own and break all-or-nothing."""
        conn = self.connection()
        if not conn.in_transaction:
            raise RuntimeError("write outside a transaction; open a unit of work first")
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction; IMMEDIATE takes the write lock up front so checks stay valid."""
        conn = self.connection()
        if conn.in_transaction:  # nested use joins the outer transaction
            yield conn
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def migrate(self) -> None:
        conn = self.connection()
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            conn.executescript(f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version = {number};\nCOMMIT;")

    def close(self) -> None:
        with self._lock:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()
