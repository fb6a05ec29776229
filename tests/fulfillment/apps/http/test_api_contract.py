"""The API refuses what its OpenAPI description forbids, with a 4xx that names the field."""

from __future__ import annotations

import re

import pytest

from fulfillment.apps.http.app import create_app
from fulfillment.apps.http.limits import ID_PATTERN
from fulfillment.apps.http.openapi import OPENAPI
from fulfillment.domain.conversation import check_id
from fulfillment.domain.errors import BadInput
from tests.fakes import DEMO_FLOW, TableNlu


@pytest.fixture
async def client(config, shop, aiohttp_client):
    return await aiohttp_client(create_app(config, shop=shop, nlu=TableNlu(DEMO_FLOW)))


@pytest.mark.parametrize(("params", "code"), [
    ({"limit": "0.5"}, "bad_limit"),
    ({"limit": "0"}, "bad_limit"),
    ({"limit": "51"}, "bad_limit"),
    ({"price_min": "-1"}, "bad_price_min"),
    ({"price_max": "10000000"}, "bad_price_max"),
    ({"price_max": "nan"}, "bad_price_max"),
    ({"in_stock": "maybe"}, "bad_in_stock"),
])
async def test_product_search_refuses_what_the_description_forbids(client, params, code):
    resp = await client.get("/api/v1/products", params=params)

    assert resp.status == 400
    assert (await resp.json())["error"]["code"] == code


async def test_product_search_takes_the_bounds_themselves(client):
    params = {"q": "jacket", "limit": "50", "price_min": "0", "in_stock": "true"}

    resp = await client.get("/api/v1/products", params=params)

    assert resp.status == 200
    assert 0 < len((await resp.json())["products"]) <= 50


async def test_an_order_needs_a_well_formed_customer_id(client):
    resp = await client.get("/api/v1/orders/O-1", params={"customer_id": "a b"})

    assert resp.status == 400
    assert (await resp.json())["error"]["code"] == "bad_customer_id"


@pytest.mark.parametrize(("body", "headers", "status", "code"), [
    (b'{"session_id": "s", "text": "hi"}', {"Content-Type": "text/plain"}, 415, "unsupported_media_type"),
    (b'{"session_id": "s", "text": "hi"}', {"Content-Type": "application/json", "Idempotency-Key": "a b"}, 400,
     "bad_idempotency_key"),
    (b'{"session_id": "s", "text": "hi", "idempotency_key": ""}', {"Content-Type": "application/json"}, 400,
     "bad_idempotency_key"),
    (b'{"session_id": "s", "text": "hi", "idempotency_key": 5}', {"Content-Type": "application/json"}, 400,
     "bad_idempotency_key"),
    (b'{"session_id": "s", "text": "hi", "customer_id": ""}', {"Content-Type": "application/json"}, 400,
     "bad_customer_id"),
])
async def test_turns_refuse_what_the_description_forbids(client, body, headers, status, code):
    resp = await client.post("/api/v1/turn", data=body, headers=headers)

    assert resp.status == status
    assert (await resp.json())["error"]["code"] == code


@pytest.mark.parametrize("value", ["s", "a" * 128, "a" * 129, "demo@shop.example", "x:1.2_3-4", "-a", "", "a b", "ä",
                                   "a/b", "a\tb"])
def test_the_described_id_pattern_is_the_one_the_domain_checks(value):
    try:
        check_id("session_id", value)
        accepted = True
    except BadInput:
        accepted = False

    assert accepted == bool(re.search(ID_PATTERN, value))
    assert OPENAPI["components"]["schemas"]["TurnRequest"]["properties"]["session_id"]["pattern"] == ID_PATTERN
