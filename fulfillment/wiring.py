"""Builds the domain services for one EMMA_HOME."""

from __future__ import annotations

from fulfillment.adapters.sqlite.catalog import CatalogRepository
from fulfillment.adapters.sqlite.conversations import SessionRepository, TicketRepository, TranscriptRepository
from fulfillment.adapters.sqlite.customers import CartRepository, CustomerRepository
from fulfillment.adapters.sqlite.database import Database
from fulfillment.adapters.sqlite.orders import OrderRepository
from fulfillment.domain.dialogue.context import Shop
from fulfillment.domain.knowledge import Knowledge
from fulfillment.domain.orders import OrderService
from fulfillment.domain.recommend import Recommender
from fulfillment.domain.search import ProductSearch
from fulfillment.settings import Config


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
