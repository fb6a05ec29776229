"""The server `emma serve` runs: malformed HTTP gets a 400 and one log line, not an ERROR traceback."""

from __future__ import annotations

import asyncio
import logging

import pytest
from aiohttp import web

from fulfillment.apps.http.app import create_app
from fulfillment.apps.http.runner import app_runner
from tests.fakes import DEMO_FLOW, TableNlu

MALFORMED = {
    "a header without a colon": b"GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
    "a 200 KB header line": b"GET /health HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"a" * 200_000 + b"\r\n\r\n",
    "a broken chunk": b"POST /api/v1/turn HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Transfer-Encoding: chunked\r\n\r\nzz\r\n\r\n",
    "two Content-Lengths": b"POST /api/v1/turn HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n{}",
}


@pytest.fixture
async def port(config, shop):
    runner = app_runner(create_app(config, shop=shop, nlu=TableNlu(DEMO_FLOW)))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    yield runner.addresses[0][1]
    await runner.cleanup()


async def send(port: int, raw: bytes) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(raw)
        await writer.drain()
        return await asyncio.wait_for(reader.read(), 5)
    finally:
        writer.close()


@pytest.mark.parametrize("raw", MALFORMED.values(), ids=MALFORMED.keys())
async def test_malformed_http_is_one_info_line(port, caplog, raw):
    caplog.set_level(logging.DEBUG, logger="aiohttp.server")

    answer = await send(port, raw)

    assert answer.startswith(b"HTTP/1.") and answer.split(b" ", 2)[1] == b"400"
    assert [(r.levelno, r.exc_info) for r in caplog.records if r.name == "aiohttp.server"] == [(logging.INFO, None)]
    assert "\n" not in caplog.records[0].getMessage()


async def test_good_requests_are_still_served(port):
    answer = await send(port, b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")

    assert answer.startswith(b"HTTP/1.1 200")


async def test_a_client_that_leaves_mid_body_is_one_info_line(port, caplog):
    caplog.set_level(logging.DEBUG)
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"POST /api/v1/turn HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                 b"Content-Length: 100\r\n\r\n{\"session_id\":")
    await writer.drain()
    await asyncio.sleep(0.05)  # the view is waiting for the rest of the body
    writer.write_eof()

    assert await asyncio.wait_for(reader.read(), 5) == b""  # nobody left to answer
    writer.close()
    await asyncio.sleep(0.05)

    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert [r.getMessage() for r in caplog.records if r.name == "emma.http"] == [
        "client went away during POST /api/v1/turn"]
