"""Time to first audio over HTTP (`emma bench audio`), against a stand-in API on a loopback port."""

from __future__ import annotations

import asyncio

from aiohttp import web

from fulfillment.tools.bench_http_audio import measure, serving
from speech.wav import streaming_wav_header

SENTENCE = b"\x01\x00" * 800


async def _stream(request: web.Request, headers: dict[str, str]) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "audio/wav", **headers})
    response.enable_chunked_encoding()
    await response.prepare(request)
    await response.write(streaming_wav_header(16000))
    await asyncio.sleep(0.01)
    for _ in range(2):
        await response.write(SENTENCE)
    await response.write_eof()
    return response


def stand_in_api(seen: list[str]) -> web.Application:
    async def turn(request: web.Request) -> web.StreamResponse:
        wants = "wav" if "audio/wav" in request.headers.get("Accept", "") else "json"
        seen.append(f"POST {request.query['session_id']} {wants}")
        await request.read()
        if "audio/wav" in request.headers.get("Accept", ""):
            return await _stream(request, {"X-Emma-Turn-Id": "t1"})
        return web.json_response({"turn_id": "t1", "reply_audio": "/api/v1/turns/t1/reply.wav"})

    async def reply(request: web.Request) -> web.StreamResponse:
        seen.append(f"GET {request.match_info['turn_id']}")
        return await _stream(request, {})

    app = web.Application()
    app.router.add_post("/api/v1/turn", turn)
    app.router.add_get("/api/v1/turns/{turn_id}/reply.wav", reply)
    return app


async def test_each_clip_is_timed_streamed_and_through_the_json_turn() -> None:
    seen: list[str] = []
    async with serving(stand_in_api(seen)) as base_url:
        figures = await measure(base_url, [b"RIFF-one", b"RIFF-two"])
    assert seen == ["POST bench-http-s0 wav", "POST bench-http-j0 json", "GET t1",
                    "POST bench-http-s1 wav", "POST bench-http-j1 json", "GET t1"]
    assert len(figures.streamed) == len(figures.via_json) == len(figures.json_turn) == 2
    assert all(json <= via for json, via in zip(figures.json_turn, figures.via_json, strict=True))
    assert all(seconds >= 0.01 for seconds in figures.streamed)  # the header alone is not audio
    assert [row.split()[0] for row in figures.rows()] == ["HTTP", "HTTP", "HTTP"]
