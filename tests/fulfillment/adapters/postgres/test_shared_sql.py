"""The stores written for SQLite that run on PostgreSQL through its SQLite-shaped adapter: support users and
their sessions, the audit log, handoff tickets, Alexa links, audio counters and API keys."""

from __future__ import annotations

import pytest

from fulfillment.adapters.sqlite.alexa_accounts import DbAlexaAccounts
from fulfillment.adapters.sqlite.api_keys import ApiKeyRepository
from fulfillment.adapters.sqlite.audio_stats import AudioStats
from fulfillment.adapters.sqlite.handoff import HandoffStore
from fulfillment.adapters.sqlite.support import SupportSessionStore, SupportUserStore
from fulfillment.apps.support.audit import audit_page, audited
from fulfillment.services.api_keys import ApiKeys
from fulfillment.settings import Settings
from fulfillment.wiring import open_shop


@pytest.fixture
def shop(pg_url, tmp_path):
    shop = open_shop(Settings(home=tmp_path, database_url=pg_url))
    yield shop
    shop.close()


def test_support_users_and_sessions(shop):
    users, sessions = SupportUserStore(shop.db), SupportSessionStore(shop.db)
    assert users.insert("ada", "hash", "admin", "2026-01-01T00:00:00")
    assert not users.insert("ada", "hash", "admin", "2026-01-01T00:00:00")  # the name is taken
    sessions.insert("t1", "ada", "csrf", "2026-01-01T00:00:00", "2026-01-02T00:00:00")
    assert sessions.get("t1")["name"] == "ada"
    assert sessions.delete_expired("2026-01-03T00:00:00") == 1
    assert users.count_admins() == 1


def test_audit_log(shop):
    audited(shop.db, "ada", "view_transcript", "s1")
    entries, total = audit_page(shop.db, 1, 10)
    assert total == 1 and (entries[0].user, entries[0].action, entries[0].subject) == ("ada", "view_transcript", "s1")


def test_handoff_notes_and_claims(shop):
    with shop.db.transaction():
        shop.tickets.open("T1", "s1", "demo", "wants a person", [], {})
    store = HandoffStore(shop.db)
    assert store.claim("T1", "ada") and not store.claim("T1", "bob")
    store.append_note("T1", "called back")
    store.append_note("T1", "sorted")
    assert store.get("T1")["notes"] == "called back\nsorted"


def test_alexa_links_and_audio_counters_and_api_keys(shop):
    accounts = DbAlexaAccounts(shop.db, shop.customers)
    accounts.link("token-1", "demo")
    assert accounts.customer_for_access_token("token-1") == "demo"
    guest = accounts.guest_customer("amzn1.account.X")
    assert shop.customers.get(guest) is not None

    stats = AudioStats(shop.db)
    stats.count("alexa", heard_speech=False)
    stats.flush()
    stats.count("alexa", heard_speech=True)
    stats.flush()
    row = shop.db.connection().execute("SELECT audio_turns, no_speech FROM audio_stats").fetchone()
    assert (row[0], row[1]) == (2, 1)

    keys = ApiKeys(ApiKeyRepository(shop.db))
    record, key = keys.add("front")
    assert keys.verify(key).name == "front"
