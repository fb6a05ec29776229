"""The error middleware: JSON errors that keep the HTTP headers a client needs (Allow, Retry-After)."""

from __future__ import annotations

import pytest

from fulfillment.apps.http.app import create_app
from fulfillment.domain.errors import NluUnavailable
from tests.fakes import DEMO_FLOW, TableNlu


class DownNlu:
    """An NLU service that is not there."""

    async def parse(self, text: str):
        raise NluUnavailable("The language service is not answering.")


@pytest.fixture
async def client(config, shop, aiohttp_client):
    return await aiohttp_client(create_app(config, shop=shop, nlu=TableNlu(DEMO_FLOW)))


@pytest.mark.parametrize(("method", "url", "allowed"), [
    ("GET", "/api/v1/turn", {"POST"}),
    ("DELETE", "/api/v1/products", {"GET", "HEAD"}),
    ("PUT", "/health", {"GET", "HEAD"}),
])
async def test_405_says_which_methods_are_allowed(client, method, url, allowed):
    resp = await client.request(method, url)

    assert resp.status == 405
    assert {m.strip() for m in resp.headers["Allow"].split(",")} == allowed
    assert (await resp.json())["error"]["code"] == "method_not_allowed"


async def test_an_emma_error_with_retry_after_sends_the_header(config, shop, aiohttp_client):
    client = await aiohttp_client(create_app(config, shop=shop, nlu=DownNlu()))

    resp = await client.post("/api/v1/turn", json={"session_id": "s1", "text": "hi"})

    assert resp.status == 503
    assert resp.headers["Retry-After"] == str(NluUnavailable.retry_after)
    assert (await resp.json())["error"]["code"] == "nlu_unavailable"


async def test_errors_without_retry_after_send_none(client):
    resp = await client.post("/api/v1/turn", json={"session_id": "s1", "text": 5})

    assert resp.status == 400 and "Retry-After" not in resp.headers
