"""Bodies are read whole however they arrive, and hostile JSON gets a 400, never a 500."""

from __future__ import annotations

import asyncio
import json

import pytest

from fulfillment.apps.http.app import create_app
from tests.fakes import DEMO_FLOW, TableNlu


@pytest.fixture
async def client(config, shop, aiohttp_client):
    return await aiohttp_client(create_app(config, shop=shop, nlu=TableNlu(DEMO_FLOW)))


async def trickle(body: bytes, size: int = 7, pause_s: float = 0.02):
    """The body in small pieces with pauses, so the server sees several TCP segments."""
    for start in range(0, len(body), size):
        yield body[start:start + size]
        await asyncio.sleep(pause_s)


async def test_a_json_turn_sent_in_small_pieces_is_read_whole(client):
    body = json.dumps({"session_id": "slow-1", "customer_id": "demo", "text": "do you have rain jackets"}).encode()

    resp = await client.post("/api/v1/turn", data=trickle(body), headers={"Content-Type": "application/json"})

    assert resp.status == 200, await resp.text()
    assert (await resp.json())["intent"]["name"] == "search_product"


async def test_a_trickled_body_over_the_limit_is_refused(client, config):
    body = b'{"text": "' + b"a" * config.http.max_body_bytes + b'"}'

    resp = await client.post("/api/v1/turn", data=trickle(body, size=16 * 1024, pause_s=0.001),
                             headers={"Content-Type": "application/json"})

    assert resp.status == 413
    assert (await resp.json())["error"]["code"] == "body_too_large"


HOSTILE = {
    "5,000-digit number": b'{"session_id": "s", "text": "hi", "n": ' + b"7" * 5000 + b"}",
    "5,000-digit number as the text": b'{"session_id": "s", "text": ' + b"7" * 5000 + b"}",
    "arrays nested 3,000 deep": b"[" * 3000 + b"]" * 3000,
    "objects nested 3,000 deep": b'{"a": ' * 3000 + b"1" + b"}" * 3000,
    "nested inside a field": b'{"session_id": "s", "text": "hi", "x": ' + b"[" * 3000 + b"]" * 3000 + b"}",
}


@pytest.mark.parametrize("body", HOSTILE.values(), ids=HOSTILE.keys())
async def test_hostile_json_gets_400_not_500(client, body):
    resp = await client.post("/api/v1/turn", data=body, headers={"Content-Type": "application/json"})

    assert resp.status == 400
    error = (await resp.json())["error"]
    assert error["code"] == "bad_json" and error["message"]
