"""A shopper with something of everything held on her: profile, cart, order, return, turns, ticket, Alexa link,
a kept recording; and a helper that reads the whole database file as bytes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fulfillment.adapters.sqlite.alexa_accounts import DbAlexaAccounts
from fulfillment.domain.conversation import Conversation
from fulfillment.domain.models import Customer
from fulfillment.domain.turns import TurnRequest
from tests.fakes import DEMO_FLOW, TableNlu

NAME = "Annabelle Quirrell"
EMAIL = "annabelle.quirrell@example.org"
ADDRESS = "17 Lindenweg, 10115 Berlin"
PHRASE = "my grandmother wants the marmalade coloured raincoat"
CARD = "4111 1111 1111 1111"

SAID = {
    PHRASE: ("nlu_fallback", 0.3, []),
    f"pay with {CARD} security code 737": ("nlu_fallback", 0.3, []),
    "write to annabelle dot quirrell at example dot org": ("nlu_fallback", 0.3, []),
    "talk to a person, call me on 0176 5550123": ("human_handoff", 0.97, []),
}


@dataclass(frozen=True)
class Shopper:
    id: str
    order_id: str
    return_id: str
    recording: Path


def database_bytes(home: Path) -> bytes:
    """The database file and its write-ahead log: everything SQLite has on disk."""
    return b"".join(p.read_bytes() for p in sorted(home.glob("emma.db*")))


def talk(shop, customer: str = "demo"):
    conversation = Conversation(shop, TableNlu({**DEMO_FLOW, **SAID}))

    async def say(text: str, session: str = "s1", key: str | None = None):
        return await conversation.handle(TurnRequest(session, text, customer, "test", key))

    return say


@pytest.fixture
async def anna(shop, config) -> Shopper:
    with shop.db.transaction() as conn:
        shop.customers.save(conn, Customer("anna", NAME, ADDRESS, EMAIL, sizes={"shoes": "39"}), pin="4321")
    sku = shop.db.connection().execute("SELECT sku FROM variants WHERE stock > 5 ORDER BY sku LIMIT 2").fetchall()
    customer = shop.customers.get("anna")
    with shop.unit_of_work() as uow:
        uow.carts.add("anna", sku[0][0], 1)
        order = shop.orders.place(uow, customer, uow.carts.get("anna").lines, "anna-order-1", from_cart=True)
        uow.orders.set_status(order, "delivered", order.placed_at)
        return_id = shop.orders.start_return(uow, uow.orders.get(order.id))
        uow.carts.add("anna", sku[1][0], 2)
        uow.commit()
    DbAlexaAccounts(shop.db, shop.customers).link("anna-alexa-token", "anna")
    say = talk(shop, "anna")
    for text in ("hi", PHRASE, f"pay with {CARD} security code 737",
                 "write to annabelle dot quirrell at example dot org",
                 "talk to a person, call me on 0176 5550123", "yes"):
        result = await say(text, session="anna-1")
    first = shop.db.connection().execute(
        "SELECT id FROM turns WHERE customer_id = 'anna' ORDER BY created_at LIMIT 1").fetchone()[0]
    folder = config.home / "audio" / datetime.now(UTC).strftime("%Y-%m-%d")
    folder.mkdir(parents=True)
    recording = folder / f"{first}.wav"
    recording.write_bytes(b"RIFF....WAVE")
    assert result.action == "handoff"
    return Shopper("anna", order.id, return_id, recording)


@pytest.fixture
def config(backend_config, monkeypatch):
    """Every privacy test runs on SQLite and on PostgreSQL (tests of the file's bytes are SQLite's own)."""
    if backend_config.database_url:
        monkeypatch.setenv("EMMA_DATABASE_URL", backend_config.database_url)  # `emma privacy` in the tests
    return backend_config


def sqlite_only(config) -> None:
    """Skips a test that reads SQLite's file: PostgreSQL's deleted rows go by VACUUM (PgDatabase.compact)."""
    if config.database_url:
        pytest.skip("reads the bytes of SQLite's database file")
