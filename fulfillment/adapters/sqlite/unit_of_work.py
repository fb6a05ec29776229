"""The unit of work over SQLite: one IMMEDIATE transaction on this thread's connection.

Repositories write through `Database.writer()`, which is the same connection, so everything done
between `__enter__` and `commit()` lands together or not at all. IMMEDIATE takes the write lock up
front: checks made inside (stock, an idempotency key already used) stay true until the commit.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from fulfillment.adapters.sqlite.catalog import CatalogRepository
from fulfillment.adapters.sqlite.conversations import SessionRepository, TicketRepository, TranscriptRepository
from fulfillment.adapters.sqlite.customers import CartRepository, CustomerRepository
from fulfillment.adapters.sqlite.database import Database
from fulfillment.adapters.sqlite.orders import OrderRepository
from fulfillment.domain.events import DomainEvent

FaultHook = Callable[[str], None]
"""Called at each commit point ("begin", "before_commit", "after_commit") with its name. Tests raise
from it to simulate a crash there; in production it is a no-op."""


def no_faults(point: str) -> None:
    return None


class SqliteUnitOfWork:
    def __init__(self, db: Database, fault: FaultHook = no_faults) -> None:
        self.db = db
        self._fault = fault
        self.catalog = CatalogRepository(db)
        self.stock = self.catalog
        self.customers = CustomerRepository(db)
        self.carts = CartRepository(db)
        self.orders = OrderRepository(db)
        self.sessions = SessionRepository(db)
        self.turns = TranscriptRepository(db)
        self.tickets = TicketRepository(db)
        self.events: list[DomainEvent] = []
        self._open = False

    def __enter__(self) -> SqliteUnitOfWork:
        conn = self.db.connection()
        if conn.in_transaction:  # one turn, one transaction: nesting would hide a commit point
            raise RuntimeError("a unit of work is already open on this thread")
        conn.execute("BEGIN IMMEDIATE")
        self._open = True
        self.events = []
        try:
            self._fault("begin")
        except BaseException:  # __exit__ never runs when __enter__ raises
            self.rollback()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._open:
            self.rollback()

    def commit(self) -> None:
        self._fault("before_commit")
        self.db.connection().execute("COMMIT")
        self._open = False
        self._fault("after_commit")

    def rollback(self) -> None:
        conn = self.db.connection()
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        self._open = False
        self.events = []
