"""PostgreSQL connections (a health-checked pool), the transaction bound to this thread, and migrations.

Several Emma instances share one database. Each opens a `PgDatabase`: migrations run under an advisory lock
so concurrent starts never race, and every error of the server or the network becomes a domain error the
views answer with 503 and Retry-After (`StoreUnavailable`), or one that re-runs the turn (`StoreConflict`).
"""

from __future__ import annotations

import re
import select
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from importlib import resources
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg_pool import ConnectionPool, PoolTimeout

from fulfillment.adapters.postgres.rows import Row, compat_rows
from fulfillment.domain.errors import StoreConflict, StoreUnavailable

MIGRATION_LOCK = 0x454D4D41  # "EMMA": the advisory lock held while one instance migrates
POOL_TIMEOUT_S = 5.0
"""How long a request waits for a connection before it is answered 503 (the server is down or saturated)."""


def _migrations() -> tuple[str, ...]:
    """schema_v1.sql, schema_v2.sql, ...: each upgrades the PostgreSQL schema by one version."""
    folder = resources.files(__package__)
    numbered = {
        int(m.group(1)): entry.read_text()
        for entry in folder.iterdir()
        if (m := re.fullmatch(r"schema_v(\d+)\.sql", entry.name))
    }
    assert sorted(numbered) == list(range(1, len(numbered) + 1)), "migrations must be numbered 1..n"
    return tuple(numbered[n] for n in sorted(numbered))


MIGRATIONS = _migrations()


def is_postgres_url(url: str | None) -> bool:
    return bool(url) and str(url).startswith(("postgresql://", "postgres://"))


@contextmanager
def store_errors() -> Iterator[None]:
    """Translates the driver's failures into the domain's: conflicts re-run the turn, an unreachable server
    is a 503 with Retry-After."""
    try:
        yield
    except (pg_errors.SerializationFailure, pg_errors.DeadlockDetected, pg_errors.LockNotAvailable) as err:
        raise StoreConflict("Another turn changed the same data at the same moment.") from err
    except pg_errors.UniqueViolation as err:
        if "idempotency_key" in str(err):  # a twin of this turn committed first: the retry returns its result
            raise StoreConflict("A turn with this key was committed meanwhile.") from err
        raise
    except (psycopg.OperationalError, psycopg.InterfaceError, PoolTimeout) as err:
        raise StoreUnavailable("The database is unreachable; try again in a moment.") from err


def _check_idle(conn: psycopg.Connection[Any]) -> None:
    """Rejects a pooled connection the server ended while it was idle, without a round trip (psycopg_pool's
    `check_connection` sends one on every borrow: two in each search). An idle connection is sent nothing (Emma
    does not LISTEN), so one with anything to read has a server's goodbye (FATAL on shutdown) or end of file
    waiting."""
    if conn.closed or conn.broken:
        raise psycopg.OperationalError("the connection is closed")
    readable, _, _ = select.select([conn.fileno()], [], [], 0)
    if readable:
        conn.close()  # else the pool, finding libpq's status still fine, would hand it out again
        raise psycopg.OperationalError("the server ended the connection")


class PgDatabase:
    """A pool of connections to one PostgreSQL database, shared by the threads of this instance.

    A unit of work binds one connection to its thread (`begin`); repositories then read and write through it.
    Reads outside a unit of work borrow a connection for one statement (autocommit)."""

    def __init__(self, url: str, max_size: int = 10, migrate: bool = True) -> None:
        self.url = url
        self._local = threading.local()
        self.pool: ConnectionPool[psycopg.Connection[Row]] = ConnectionPool(
            url, connection_class=psycopg.Connection[Row], min_size=1, max_size=max_size, timeout=POOL_TIMEOUT_S,
            open=False, name="emma",
            kwargs={"autocommit": True, "row_factory": compat_rows},
            check=_check_idle,  # a connection broken by a server restart is replaced
        )
        with store_errors():
            self.pool.open(wait=True, timeout=POOL_TIMEOUT_S * 2)
        if migrate:
            self.migrate()

    # -- the unit of work's connection --------------------------------------------------------
    def begin(self) -> psycopg.Connection[Row]:
        """Opens a transaction on a pooled connection bound to this thread (until `end`)."""
        if getattr(self._local, "conn", None) is not None:
            raise RuntimeError("a unit of work is already open on this thread")
        with store_errors():
            conn = self.pool.getconn()
            try:
                conn.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
            except BaseException:
                self.pool.putconn(conn)
                raise
        self._local.conn = conn
        return conn

    def end(self, commit: bool) -> None:
        conn: psycopg.Connection[Row] | None = getattr(self._local, "conn", None)
        if conn is None:
            return
        self._local.conn = None
        try:
            with store_errors():
                if commit:
                    conn.execute("COMMIT")
                elif not conn.closed and conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE:
                    conn.execute("ROLLBACK")
        finally:
            self.pool.putconn(conn)  # the pool discards it if it is broken

    @property
    def in_transaction(self) -> bool:
        return getattr(self._local, "conn", None) is not None

    # -- statements -----------------------------------------------------------------------------
    def rows(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[Row]:
        with self._conn() as conn, store_errors():
            return conn.execute(sql, params).fetchall()

    def one(self, sql: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Row | None:
        with self._conn() as conn, store_errors():
            return conn.execute(sql, params).fetchone()

    def write(self, sql: str, params: Sequence[Any] = ()) -> int:
        """A write inside the open unit of work; the number of rows it touched."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            raise RuntimeError("write outside a transaction; open a unit of work first")
        with store_errors():
            return conn.execute(sql, params).rowcount

    def write_many(self, sql: str, params: Sequence[Sequence[Any]]) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            raise RuntimeError("write outside a transaction; open a unit of work first")
        if params:
            with store_errors(), conn.cursor() as cur:
                cur.executemany(sql, params)

    @contextmanager
    def _conn(self) -> Iterator[psycopg.Connection[Row]]:
        bound = getattr(self._local, "conn", None)
        if bound is not None:
            yield bound
            return
        with store_errors(), self.pool.connection() as conn:
            yield conn

    # -- SQLite-shaped access for the apps ------------------------------------------------------
    def connection(self) -> Any:
        """`Database.connection()`'s shape (`?` placeholders, rows by name or index) over this pool, so the
        support, privacy and API-key code written for SQLite runs here where its SQL is portable."""
        from fulfillment.adapters.postgres.facade import FacadeConnection

        return FacadeConnection(self)

    def writer(self) -> Any:
        if not self.in_transaction:
            raise RuntimeError("write outside a transaction; open a unit of work first")
        return self.connection()

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """A write transaction (nested use joins the outer one), in `Database.transaction()`'s shape."""
        if self.in_transaction:
            yield self.connection()
            return
        self.begin()
        try:
            yield self.connection()
        except BaseException:
            self.end(commit=False)
            raise
        self.end(commit=True)

    @contextmanager
    def exclusive(self, name: str) -> Iterator[bool]:
        """Whether this instance holds the cluster-wide lock `name` (not waiting: False when another has it),
        for jobs one instance at a time should run (the retention purge)."""
        with store_errors(), self.pool.connection() as conn:
            row = conn.execute("SELECT pg_try_advisory_lock(hashtextextended(%s, 0))", (name,)).fetchone()
            held = bool(row and row[0])
            try:
                yield held
            finally:
                if held:
                    conn.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", (name,))

    def foreign_keys_to(self, table: str) -> list[tuple[str, str]]:
        """(table, column) pairs with a foreign key to `table` (SQLite's PRAGMA foreign_key_list, turned round)."""
        rows = self.rows(
            "SELECT c.conrelid::regclass::text, a.attname FROM pg_constraint c"
            " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)"
            " WHERE c.contype = 'f' AND c.confrelid = %s::regclass ORDER BY 1, 2", (table,),
        )
        return [(str(r[0]), str(r[1])) for r in rows]

    def compact(self) -> bool:
        """After a purge: VACUUM the tables that held personal text, so their dead rows are reclaimed."""
        with store_errors(), self.pool.connection() as conn:
            for table in ("turns", "turn_annotations", "sessions", "tickets"):
                conn.execute(f"VACUUM {table}".encode())
        return True

    # -- schema ---------------------------------------------------------------------------------
    def migrate(self) -> None:
        """Applies the missing migrations, one instance at a time (the others wait on the lock, then find
        nothing left to do)."""
        with store_errors(), self.pool.connection() as conn:
            conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
            try:
                conn.execute("CREATE TABLE IF NOT EXISTS emma_schema (version INTEGER NOT NULL)")
                row = conn.execute("SELECT max(version) FROM emma_schema").fetchone()
                version = int(row[0]) if row and row[0] is not None else 0
                for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                    with conn.transaction():
                        conn.execute(script.encode())  # bytes: the script's own '%' are not placeholders
                        conn.execute("INSERT INTO emma_schema (version) VALUES (%s)", (number,))
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))

    def schema_version(self) -> int:
        row = self.one("SELECT max(version) FROM emma_schema")
        return int(row[0]) if row and row[0] is not None else 0

    def close(self) -> None:
        self.pool.close()
