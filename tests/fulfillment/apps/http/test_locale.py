"""The turn's `locale` picks the language pack; one the shop has no pack for is refused clearly."""

from __future__ import annotations

import pytest

from fulfillment.adapters.sqlite.api_keys import ApiKeyRepository
from fulfillment.apps.cli.client import ServerClient
from fulfillment.apps.http.app import create_app
from fulfillment.domain.errors import EmmaError
from fulfillment.domain.turns import TurnRequest
from fulfillment.services.api_keys import ApiKeys
from tests.fakes import DEMO_FLOW, TableNlu


@pytest.fixture
async def client(config, shop, aiohttp_client):
    return await aiohttp_client(create_app(config, shop=shop, nlu=TableNlu(DEMO_FLOW)))


@pytest.mark.parametrize("locale", ["en", "en-GB", None])
async def test_known_locales_are_answered(client, locale):
    resp = await client.post("/api/v1/turn", json={"session_id": "l1", "text": "hi", "locale": locale})
    assert resp.status == 200 and (await resp.json())["action"] == "greet"


@pytest.mark.parametrize("locale", ["xx", "klingon", 7, ""])
async def test_unknown_locales_get_400(client, locale):
    resp = await client.post("/api/v1/turn", json={"session_id": "l1", "text": "hi", "locale": locale})
    body = await resp.json()
    assert resp.status == 400 and body["error"]["code"] == "unsupported_locale"


async def test_the_cli_client_sends_its_api_key(config, shop, aiohttp_client):
    _, key = ApiKeys(ApiKeyRepository(shop.db)).add("cli", customer_id="demo")
    app = create_app(config, shop=shop, nlu=TableNlu(DEMO_FLOW), api_keys_required=True)
    server = await aiohttp_client(app)
    base = str(server.make_url("/"))
    without = ServerClient(base)
    try:
        with pytest.raises(EmmaError) as refused:
            await without.handle(TurnRequest("k1", "hi", "demo"))
    finally:
        await without.close()
    assert refused.value.code == "missing_api_key"
    with_key = ServerClient(base, key)
    try:
        result = await with_key.handle(TurnRequest("k1", "hi", "demo"))
    finally:
        await with_key.close()
    assert result.action == "greet"


async def test_a_locale_outside_the_shops_languages_gets_400(config, shop, aiohttp_client):
    german_only = await aiohttp_client(create_app(config.with_(languages=("de",)), shop=shop, nlu=TableNlu(DEMO_FLOW)))
    resp = await german_only.post("/api/v1/turn", json={"session_id": "l2", "text": "hi", "locale": "en-GB"})
    body = await resp.json()
    assert resp.status == 400 and body["error"]["code"] == "unsupported_locale"
    spec = await (await german_only.get("/api/v1/openapi.json")).json()
    locale = spec["components"]["schemas"]["TurnRequest"]["properties"]["locale"]
    assert "en-GB" not in locale["enum"] and locale["default"] == "de"
