"""API keys: made once, stored as a hash, checked in constant time, scoped and bound to a customer."""

from __future__ import annotations

import pytest

from fulfillment.adapters.sqlite.api_keys import ApiKey, ApiKeyRepository
from fulfillment.domain.errors import BadInput, NotFound
from fulfillment.services.api_keys import (
    KEY_START,
    PREFIX_CHARS,
    SCOPES,
    ApiKeys,
    NotAllowed,
    acting_customer,
    key_hash,
    parse_scopes,
)
from fulfillment.services.privacy.rights import delete_customer


@pytest.fixture
def keys(shop) -> ApiKeys:
    return ApiKeys(ApiKeyRepository(shop.db))


@pytest.mark.parametrize(("given", "scopes"), [
    (None, set(SCOPES)),
    ([], set(SCOPES)),
    (["turns"], {"turns"}),
    (["turns,orders"], {"turns", "orders"}),
    (["catalog", " orders , turns "], {"catalog", "orders", "turns"}),
])
def test_scopes_parse_and_default_to_all(given, scopes):
    assert parse_scopes(given) == scopes


@pytest.mark.parametrize("given", [["admin"], ["turns,everything"], ["TURNS"]])
def test_unknown_scopes_are_refused(given):
    with pytest.raises(BadInput) as err:
        parse_scopes(given)
    assert err.value.code == "bad_scope"


def _key(customer: str | None) -> ApiKey:
    return ApiKey("k", "emma_abcdefgh", customer, frozenset(SCOPES), "2025-01-01T00:00:00+00:00")


@pytest.mark.parametrize(("key", "named", "acting"), [
    (None, None, None),  # this machine, on loopback: as before
    (None, "sam", "sam"),
    (_key(None), "sam", "sam"),  # a front end names its customer
    (_key("demo"), None, "demo"),  # a bound key needs no name
    (_key("demo"), "demo", "demo"),
])
def test_the_customer_a_request_acts_for(key, named, acting):
    assert acting_customer(key, named) == acting


def test_a_bound_key_may_not_name_another_customer():
    with pytest.raises(NotAllowed) as err:
        acting_customer(_key("demo"), "sam")
    assert err.value.status == 403 and "sam" not in err.value.message


def test_a_key_is_shown_once_and_only_its_hash_is_kept(keys, shop, config):
    record, key = keys.add("kiosk", "demo", ["turns"])
    assert key.startswith(KEY_START) and len(key) == len(KEY_START) + 43  # 32 random bytes, base64url
    assert (record.name, record.customer_id, record.scopes, record.prefix) == ("kiosk", "demo", {"turns"},
                                                                               key[:PREFIX_CHARS])
    assert keys.add("kiosk-2")[1] != key
    shop.db.connection().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stored = config.db_path.read_bytes()
    assert key.encode() not in stored and key[PREFIX_CHARS:].encode() not in stored
    assert key_hash(key).encode() in stored


def test_verify_finds_the_key_and_nothing_else(keys):
    record, key = keys.add("kiosk", "demo")
    assert keys.verify(key) == record
    for wrong in (key[:-1], key + "x", key[:PREFIX_CHARS] + "A" * (len(key) - PREFIX_CHARS), "", "Bearer " + key,
                  key.removeprefix(KEY_START), KEY_START + "x" * 500):
        assert keys.verify(wrong) is None, wrong


def test_a_revoked_key_stops_working_and_its_name_can_be_used_again(keys):
    _, old = keys.add("kiosk")
    keys.revoke("kiosk")
    assert keys.verify(old) is None
    _, new = keys.add("kiosk")
    assert keys.verify(new) is not None and keys.verify(old) is None
    assert [(k.name, k.revoked_at is None) for k in keys.all()] == [("kiosk", False), ("kiosk", True)]
    assert keys.active_count() == 1


@pytest.mark.parametrize(("name", "customer", "code"), [
    ("", None, "bad_key_name"),
    ("has space", None, "bad_key_name"),
    ("x" * 65, None, "bad_key_name"),
    ("ok", "ghost", "customer_not_found"),
])
def test_bad_keys_are_refused(keys, name, customer, code):
    with pytest.raises(BadInput) as err:
        keys.add(name, customer)
    assert err.value.code == code


def test_names_are_unique_among_active_keys_and_revoking_twice_fails(keys):
    keys.add("kiosk")
    with pytest.raises(BadInput) as taken:
        keys.add("kiosk")
    assert taken.value.code == "key_name_taken"
    keys.revoke("kiosk")
    with pytest.raises(NotFound):
        keys.revoke("kiosk")


def test_erasing_a_customer_removes_the_keys_bound_to_them(keys, shop, config):
    _, lena = keys.add("lena-app", "lena")
    _, front = keys.add("front")
    delete_customer(shop.db, config.home, "lena")
    assert keys.verify(lena) is None and keys.verify(front) is not None
