"""The HTTP API through aiohttp's test client, with a table NLU."""

from __future__ import annotations

import json

import pytest

from fulfillment.apps.http.app import create_app
from tests.fakes import DEMO_FLOW, TableNlu


@pytest.fixture
async def client(config, shop, aiohttp_client):
    return await aiohttp_client(create_app(config, shop=shop, nlu=TableNlu(DEMO_FLOW)))


async def post_turn(client, text: str, session: str = "h1", key: str | None = None, customer: str = "demo"):
    body = {"session_id": session, "customer_id": customer, "text": text}
    if key:
        body["idempotency_key"] = key
    return await client.post("/api/v1/turn", json=body)


async def test_turn_answers_with_the_turn_json(client):
    resp = await post_turn(client, "do you have rain jackets")
    assert resp.status == 200
    body = await resp.json()
    assert set(body) >= {"session_id", "turn_id", "transcript", "intent", "entities", "action", "reply",
                         "data", "timings_ms"}
    assert body["intent"]["name"] == "search_product"
    assert {"sku", "title", "price"} <= set(body["data"]["products"][0])
    assert set(body["timings_ms"]) == {"nlu", "fulfillment", "total"}


async def test_order_through_http_is_placed_once(client, shop):
    for text in ("do you have rain jackets", "the second one", "add two in medium", "check out"):
        assert (await post_turn(client, text)).status == 200
    first = await (await post_turn(client, "yes", key="k-1")).json()
    second = await (await post_turn(client, "yes", key="k-1")).json()
    assert first["action"] == "place_order" and first == second
    order_id = first["data"]["order"]["id"]
    rows = shop.db.connection().execute("SELECT count(*) FROM orders WHERE id = ?", (order_id,)).fetchone()[0]
    assert rows == 1
    resp = await client.get(f"/api/v1/orders/{order_id}?customer_id=demo")
    assert resp.status == 200 and (await resp.json())["status"] == "placed"
    other = await client.get(f"/api/v1/orders/{order_id}?customer_id=sam")
    assert other.status == 404


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        (b"{not json", "application/json", 400, "bad_json"),
        (b"[1, 2]", "application/json", 400, "bad_json"),
        (b'{"session_id": "s", "text": "\xff\xfe"}', "application/json", 400, "bad_encoding"),
        (b'{"session_id": "s"}', "application/json", 400, "bad_text"),
        (b'{"session_id": 5, "text": "hi"}', "application/json", 400, "bad_session_id"),
        (b'{"session_id": "s", "text": 12}', "application/json", 400, "bad_text"),
        (b'{"session_id": "s", "text": "hi"}', "text/plain", 415, "unsupported_media_type"),
        (json.dumps({"session_id": "s", "text": "x" * 10_000}).encode(), "application/json", 400, "text_too_long"),
        (json.dumps({"session_id": "s", "text": "hi", "customer_id": "ghost"}).encode(), "application/json", 404,
         "customer_not_found"),
        (json.dumps({"session_id": "'; DROP TABLE orders;--", "text": "hi"}).encode(), "application/json", 400,
         "bad_session_id"),
        (b'{"session_id": "s", "text": "' + b"a" * 70_000 + b'"}', "application/json", 413, "body_too_large"),
    ],
)
async def test_bad_requests_get_clear_4xx(client, body, content_type, status, code):
    resp = await client.post("/api/v1/turn", data=body, headers={"Content-Type": content_type})
    assert resp.status == status
    assert (await resp.json())["error"]["code"] == code


async def test_sql_and_html_in_text_are_just_words(client, shop):
    resp = await post_turn(client, "<script>alert(1)</script> '; DROP TABLE products; -- \" OR 1=1")
    assert resp.status == 200
    assert shop.catalog.count() > 300


async def test_products_search_and_filters(client):
    resp = await client.get("/api/v1/products", params={"q": "rain jacket", "size": "M", "limit": "5"})
    body = await resp.json()
    assert resp.status == 200 and body["products"]
    assert all(any(v["size"] == "M" for v in p["variants"]) for p in body["products"])
    bad = await client.get("/api/v1/products", params={"price_max": "cheap"})
    assert bad.status == 400 and (await bad.json())["error"]["code"] == "bad_price_max"
    fts = await client.get("/api/v1/products", params={"q": 'jacket" OR NEAR(a b) *'})
    assert fts.status == 200


async def test_health_and_openapi(client, config):
    health = await (await client.get("/health")).json()
    assert health["status"] == "ok" and health["home"] == str(config.home)
    spec = await (await client.get("/api/v1/openapi.json")).json()
    assert "/api/v1/turn" in spec["paths"]


async def test_unknown_route_is_json_404(client):
    resp = await client.get("/nope")
    assert resp.status == 404 and (await resp.json())["error"]["code"] == "not_found"
