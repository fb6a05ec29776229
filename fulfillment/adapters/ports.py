"""What apps and services use of a storage backend beside the domain's ports (fulfillment/domain/ports.py).

Both backends implement these: SQLite (fulfillment/adapters/sqlite) and PostgreSQL (fulfillment/adapters/postgres,
whose `PgDatabase.connection()` takes SQLite's `?` placeholders where the SQL is shared). The composition root
(fulfillment/wiring.py) types what it builds by them, so neither backend needs a cast.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

from fulfillment.domain.models import Customer, Product
from fulfillment.domain.ports import CatalogReader, CustomerRepository, TurnRepository
from fulfillment.domain.translations import ProductText


class ShopDatabase(Protocol):
    """The shop's database: SQLite's `Database`, or PostgreSQL's `PgDatabase` in its shape."""

    def connection(self) -> Any:
        """A connection with sqlite3's `execute(sql, params)`, `?` placeholders and rows by name or position."""
        ...

    def writer(self) -> Any:
        """The connection of the open transaction (a write outside one is an error)."""
        ...

    def transaction(self) -> AbstractContextManager[Any]:
        """A write transaction (nested use joins the outer one) yielding the connection."""
        ...

    def close(self) -> None: ...


class CatalogStore(CatalogReader, Protocol):
    """The catalog with its writes (imports, demo data) and its texts in other languages."""

    def save(self, conn: Any, product: Product, sellable: bool = True) -> int: ...
    def decrement_stock(self, sku: str, quantity: int) -> bool: ...
    def restock(self, sku: str, quantity: int) -> None: ...
    def save_texts(self, conn: Any, texts: Iterable[ProductText]) -> int: ...
    def texts_for(self, ids: Sequence[int], language: str) -> dict[int, ProductText]: ...
    def texts_count(self, language: str) -> int: ...


class TranscriptStore(TurnRepository, Protocol):
    """The transcript, with single turns read back (reply audio, support screens)."""

    def get(self, turn_id: str) -> dict[str, Any] | None: ...


class CustomerStore(CustomerRepository, Protocol):
    """Customers with their writes (demo data, Alexa guests)."""

    def save(self, conn: Any, customer: Customer, pin: str | None = None) -> None: ...
    def ids(self) -> list[str]: ...
    def reset_pin_lock(self, customer_id: str) -> None: ...
