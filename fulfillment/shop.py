"""Builds the domain services for one EMMA_HOME."""

from __future__ import annotations

from .config import Config
from .dialogue.context import Shop
from .knowledge import Knowledge
from .orders import OrderService
from .recommend import Recommender
from .search import ProductSearch
from .store.catalog import CatalogRepository
from .store.conversations import SessionRepository, TicketRepository, TranscriptRepository
from .store.customers import CartRepository, CustomerRepository
from .store.database import Database
from .store.orders import OrderRepository


def open_shop(config: Config, knowledge: Knowledge | None = None) -> Shop:
    """Opens (creating or migrating) the database of `config.home` and wires the services."""
    db = Database(config.db_path)
    knowledge = knowledge or Knowledge.load()
    catalog = CatalogRepository(db)
    carts = CartRepository(db)
    return Shop(
        config=config,
        db=db,
        catalog=catalog,
        search=ProductSearch(catalog),
        customers=CustomerRepository(db),
        carts=carts,
        orders=OrderService(db, OrderRepository(db), catalog, carts, knowledge),
        recommender=Recommender(catalog, knowledge),
        knowledge=knowledge,
        sessions=SessionRepository(db),
        transcripts=TranscriptRepository(db),
        tickets=TicketRepository(db),
    )
