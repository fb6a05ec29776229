"""Time to first audio as an HTTP client hears it, for `emma bench audio`.

The API app runs in this process on a loopback port, built by the same factory as the server
(`create_app`) over the bench's shop, NLU and loaded speech backends. Each clip is posted as a voice
turn two ways: with `Accept: audio/wav` (the reply streams back on the same request) and as JSON
followed by a GET of the turn's `reply_audio`. The clock runs from sending the request to the first
PCM byte after the WAV header.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import aiohttp
from aiohttp import web

from fulfillment.tools.bench import percentile

WAV_HEADER_BYTES = 44
"""The streamed reply's header (PCM16, no extra chunks) before its first sample."""


@dataclass
class HttpAudioFigures:
    """Seconds from the request to the first sample of reply audio, per clip."""

    streamed: list[float] = field(default_factory=list)
    """POST with `Accept: audio/wav`."""
    via_json: list[float] = field(default_factory=list)
    """POST for JSON, then GET `reply_audio`."""
    json_turn: list[float] = field(default_factory=list)
    """POST to the JSON answer (recognition and the turn, no synthesis)."""

    def rows(self) -> list[str]:
        def row(name: str, values: list[float]) -> str:
            return f"{name:<46} p50 {percentile(values, 50):6.3f} s   p95 {percentile(values, 95):6.3f} s"

        return [row("HTTP first audio, POST Accept: audio/wav", self.streamed),
                row("HTTP first audio, POST JSON then GET reply_audio", self.via_json),
                row("HTTP JSON turn answered", self.json_turn)]


@asynccontextmanager
async def serving(app: web.Application) -> AsyncIterator[str]:
    """`app` on a free loopback port until the block ends; yields its base URL."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        yield f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


async def _first_audio(resp: aiohttp.ClientResponse, t0: float) -> float:
    """Seconds from `t0` to the first sample after the header; the rest is drained."""
    if resp.status != 200:
        raise RuntimeError(f"HTTP {resp.status}: {await resp.text()}")
    await resp.content.readexactly(WAV_HEADER_BYTES + 1)
    first = time.perf_counter() - t0
    await resp.read()
    return first


async def measure(base_url: str, wavs: list[bytes]) -> HttpAudioFigures:
    """Each clip both ways, in its own session per way."""
    figures = HttpAudioFigures()
    headers = {"Content-Type": "audio/wav"}
    async with aiohttp.ClientSession(base_url) as client:
        for index, wav in enumerate(wavs):
            t0 = time.perf_counter()
            async with client.post("/api/v1/turn", data=wav, params={"session_id": f"bench-http-s{index}"},
                                   headers={**headers, "Accept": "audio/wav"}) as resp:
                figures.streamed.append(await _first_audio(resp, t0))
            t0 = time.perf_counter()
            async with client.post("/api/v1/turn", data=wav, params={"session_id": f"bench-http-j{index}"},
                                   headers=headers) as resp:
                body = await resp.json()
            figures.json_turn.append(time.perf_counter() - t0)
            async with client.get(body["reply_audio"]) as resp:
                figures.via_json.append(await _first_audio(resp, t0))
    return figures
