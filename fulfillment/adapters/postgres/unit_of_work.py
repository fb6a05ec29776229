"""The unit of work over PostgreSQL: one READ COMMITTED transaction on a pooled connection bound to this thread.

Exactly once across instances rests on the database, not on any process's memory:
- idempotency keys ("customer/key") are UNIQUE in `turns` and `orders`;
- stock goes down by a conditional UPDATE (`stock >= n`), re-checked on the newest row version under its row lock;
- a turn holds its customer's and its session's advisory locks until it ends (see conversations.py);
- a deadlock, a serialization failure or a twin that committed first raises StoreConflict, and the
  conversation re-runs the whole turn.
"""

from __future__ import annotations

from types import TracebackType

from fulfillment.adapters.postgres.catalog import PgCatalog
from fulfillment.adapters.postgres.conversations import PgSessions, PgTickets, PgTurns
from fulfillment.adapters.postgres.customers import PgCarts, PgCustomers
from fulfillment.adapters.postgres.database import PgDatabase
from fulfillment.adapters.postgres.orders import PgOrders
from fulfillment.adapters.sqlite.unit_of_work import FaultHook, no_faults
from fulfillment.domain.events import DomainEvent


class PostgresUnitOfWork:
    def __init__(self, db: PgDatabase, catalog: PgCatalog, fault: FaultHook = no_faults) -> None:
        self.db = db
        self._fault = fault
        self.catalog = catalog
        self.stock = catalog
        self.customers = PgCustomers(db)
        self.carts = PgCarts(db)
        self.orders = PgOrders(db)
        self.sessions = PgSessions(db)
        self.turns = PgTurns(db)
        self.tickets = PgTickets(db)
        self.events: list[DomainEvent] = []
        self._open = False

    def __enter__(self) -> PostgresUnitOfWork:
        self.db.begin()
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
        self._open = False
        self.db.end(commit=True)
        self._fault("after_commit")

    def rollback(self) -> None:
        self._open = False
        self.events = []
        self.db.end(commit=False)
