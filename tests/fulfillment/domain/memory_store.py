"""An in-memory unit of work with repositories in plain dicts: the domain's second adapter.

Dialogue tests run over it fast, and it shows the core needs nothing of SQLite: a PostgreSQL adapter
plugs in the same way. The catalog (read side) stays the real demo catalog.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from types import TracebackType
from typing import Any

from fulfillment.domain.events import DomainEvent
from fulfillment.domain.models import Cart, CartLine, Customer, Order
from fulfillment.domain.ports import CatalogReader
from fulfillment.domain.turns import TurnRecord


@dataclass
class Tables:
    stock: dict[str, int] = field(default_factory=dict)
    customers: dict[str, Customer] = field(default_factory=dict)
    pins: dict[str, str] = field(default_factory=dict)
    carts: dict[str, dict[str, int]] = field(default_factory=dict)
    orders: dict[str, tuple[Order, str | None]] = field(default_factory=dict)
    returns: dict[str, str] = field(default_factory=dict)
    sessions: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    turns: list[TurnRecord] = field(default_factory=list)
    tickets: dict[str, dict[str, Any]] = field(default_factory=dict)


class MemoryStore:
    """The committed state, and one writer at a time (like SQLite's write lock)."""

    def __init__(self, catalog: CatalogReader, customers: list[Customer], pins: dict[str, str]) -> None:
        self.catalog = catalog
        self.tables = Tables(customers={c.id: c for c in customers}, pins=dict(pins))
        self.lock = threading.Lock()

    def unit_of_work(self, fault: Callable[[str], None] = lambda point: None) -> MemoryUnitOfWork:
        return MemoryUnitOfWork(self, fault)


class _Stock:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self.uow = uow

    def _level(self, sku: str) -> int:
        t = self.uow.tables
        if sku not in t.stock:
            product_id = self.uow.store.catalog.product_id_for_sku(sku)
            product = self.uow.store.catalog.get(product_id) if product_id else None
            t.stock[sku] = next((v.stock for v in product.variants if v.sku == sku), 0) if product else 0
        return t.stock[sku]

    def decrement_stock(self, sku: str, quantity: int) -> bool:
        if self._level(sku) < quantity:
            return False
        self.uow.tables.stock[sku] -= quantity
        return True

    def restock(self, sku: str, quantity: int) -> None:
        self.uow.tables.stock[sku] = self._level(sku) + quantity


class _Customers:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self.uow = uow

    def get(self, customer_id: str) -> Customer | None:
        return self.uow.tables.customers.get(customer_id)

    def check_pin(self, customer_id: str, pin: str) -> bool:
        t = self.uow.tables
        ok = t.pins.get(customer_id) == pin
        customer = t.customers[customer_id]
        t.customers[customer_id] = replace(customer, pin_failures=0 if ok else customer.pin_failures + 1)
        return ok


class _Carts:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self.uow = uow

    def get(self, customer_id: str) -> Cart:
        lines = []
        for sku, quantity in self.uow.tables.carts.get(customer_id, {}).items():
            catalog = self.uow.store.catalog
            product = catalog.get(catalog.product_id_for_sku(sku) or 0)
            variant = next(v for v in product.variants if v.sku == sku) if product else None
            if product and variant:
                lines.append(CartLine(sku, product.title, quantity, variant.price_cents, variant.color, variant.size))
        return Cart(tuple(lines))

    def add(self, customer_id: str, sku: str, quantity: int) -> None:
        cart = self.uow.tables.carts.setdefault(customer_id, {})
        cart[sku] = cart.get(sku, 0) + quantity

    def remove(self, customer_id: str, sku: str, quantity: int | None = None) -> None:
        cart = self.uow.tables.carts.get(customer_id, {})
        left = 0 if quantity is None else cart.get(sku, 0) - quantity
        if left > 0:
            cart[sku] = left
        else:
            cart.pop(sku, None)

    def clear(self, customer_id: str) -> None:
        self.uow.tables.carts.pop(customer_id, None)


class _Orders:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self.uow = uow

    def insert(self, order: Order, idempotency_key: str | None) -> None:
        self.uow.tables.orders[order.id] = (order, idempotency_key)

    def get(self, order_id: str) -> Order | None:
        found = self.uow.tables.orders.get(order_id)
        return found[0] if found else None

    def by_idempotency_key(self, customer_id: str, key: str) -> Order | None:
        return next((o for o, k in self.uow.tables.orders.values() if k == key and o.customer_id == customer_id),
                    None)

    def latest(self, customer_id: str) -> Order | None:
        mine = [o for o, _ in self.uow.tables.orders.values() if o.customer_id == customer_id]
        return mine[-1] if mine else None

    def for_customer(self, customer_id: str) -> list[Order]:
        mine = [o for o, _ in self.uow.tables.orders.values() if o.customer_id == customer_id]
        return sorted(mine, key=lambda o: o.placed_at, reverse=True)

    def set_status(self, order: Order, status: str, when: str) -> bool:
        current, key = self.uow.tables.orders[order.id]
        if current.status != order.status:
            return False
        dates = {**current.status_dates, status: when}
        self.uow.tables.orders[order.id] = (replace(current, status=status, status_dates=dates), key)
        return True

    def add_return(self, return_id: str, order_id: str, when: str) -> None:
        self.uow.tables.returns[return_id] = order_id

    def id_taken(self, kind: str, value: str) -> bool:
        t = self.uow.tables
        return value in {"orders": t.orders, "returns": t.returns, "tickets": t.tickets}[kind]


class _Sessions:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self.uow = uow

    def load(self, session_id: str) -> tuple[str, dict[str, Any]] | None:
        return self.uow.tables.sessions.get(session_id)

    def save(self, session_id: str, customer_id: str, state: dict[str, Any]) -> None:
        self.uow.tables.sessions[session_id] = (customer_id, copy.deepcopy(state))


class _Turns:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self.uow = uow

    def record(self, turn: TurnRecord) -> None:
        self.uow.tables.turns.append(turn)

    def result_for_key(self, customer_id: str, key: str) -> dict[str, Any] | None:
        return next((t.result for t in self.uow.tables.turns
                     if t.idempotency_key == key and t.customer_id == customer_id), None)

    def for_session(self, session_id: str, limit: int = 50) -> list[dict[str, Any]]:
        mine = [t for t in self.uow.tables.turns if t.session_id == session_id][-limit:]
        return [{"text": t.text, "intent": t.intent, "reply": t.reply} for t in mine]


class _Tickets:
    def __init__(self, uow: MemoryUnitOfWork) -> None:
        self.uow = uow

    def open(self, ticket_id: str, session_id: str, customer_id: str, reason: str,
             conversation: list[dict[str, Any]], cart: dict[str, Any]) -> None:
        self.uow.tables.tickets[ticket_id] = {"session_id": session_id, "customer_id": customer_id,
                                              "reason": reason, "conversation": conversation, "cart": cart}

    def open_for_session(self, session_id: str) -> str | None:
        return next((i for i, t in self.uow.tables.tickets.items() if t["session_id"] == session_id), None)


class MemoryUnitOfWork:
    """Works on a copy of the tables; commit swaps the copy in."""

    def __init__(self, store: MemoryStore, fault: Callable[[str], None]) -> None:
        self.store = store
        self._fault = fault
        self.tables = store.tables
        self.events: list[DomainEvent] = []
        self.catalog = store.catalog
        self.stock = _Stock(self)
        self.customers = _Customers(self)
        self.carts = _Carts(self)
        self.orders = _Orders(self)
        self.sessions = _Sessions(self)
        self.turns = _Turns(self)
        self.tickets = _Tickets(self)
        self._open = False

    def __enter__(self) -> MemoryUnitOfWork:
        self.store.lock.acquire()
        self._open = True
        self.tables = copy.deepcopy(self.store.tables)
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
        self.store.tables = self.tables
        self._open = False
        self.store.lock.release()
        self._fault("after_commit")

    def rollback(self) -> None:
        if self._open:
            self._open = False
            self.events = []
            self.store.lock.release()
