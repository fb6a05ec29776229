"""POST /api/v1/turn as a careful shopper's app would: the same idempotency key on every retry.

A lost connection is retried once the server is back (the benchmark restarts it after a kill);
503 with Retry-After is waited out. Everything else is the answer, counted for the figures.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import aiohttp

LOST = (aiohttp.ClientConnectionError, aiohttp.ClientPayloadError, TimeoutError)
"""What a SIGKILL looks like from the client: refused, reset, or cut off mid-answer."""


class ServerGone(RuntimeError):
    """The connection was lost and no restart followed."""


@dataclass(frozen=True)
class Exchange:
    """The acknowledged answer to one turn (after any retries)."""

    key: str
    text: str
    status: int
    body: dict[str, Any]
    latency_ms: float
    """Of the attempt that was answered."""
    attempts: int

    @property
    def action(self) -> str:
        return str(self.body.get("action", ""))

    @property
    def reply(self) -> str:
        return str(self.body.get("reply", ""))

    @property
    def order_id(self) -> str | None:
        order = (self.body.get("data") or {}).get("order") or {}
        return order.get("id") if isinstance(order, dict) else None

    def describe(self) -> str:
        what = self.action or (self.body.get("error") or {}).get("code", "?")
        return f"{self.status} {what}: {self.reply[:70]!r}"


class Restarts:
    """How clients learn that a server they lost has come back (each restart bumps `generation`)."""

    def __init__(self, expected: bool, timeout_s: float = 90.0) -> None:
        self.expected = expected
        self.generation = 0
        self.timeout_s = timeout_s

    async def after(self, generation: int) -> None:
        if not self.expected:
            raise ServerGone("the server dropped a connection and no restart was planned")
        waited = time.monotonic()
        while self.generation <= generation:
            if time.monotonic() - waited > self.timeout_s:
                raise ServerGone(f"no restart within {self.timeout_s:.0f} s of a lost connection")
            await asyncio.sleep(0.02)


@dataclass
class TurnClient:
    url: str
    restarts: Restarts
    max_shed_retries: int = 30
    requests: int = 0
    """HTTP requests sent, retries included."""
    retried: int = 0
    """Requests sent again after a lost connection or a 503."""
    latencies_ms: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    _http: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> TurnClient:
        self._http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0),
                                           timeout=aiohttp.ClientTimeout(total=120))
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._http is not None
        await self._http.close()

    async def turn(self, session_id: str, customer_id: str, text: str, key: str) -> Exchange:
        assert self._http is not None, "use `async with TurnClient(...)`"
        payload = {"session_id": session_id, "customer_id": customer_id, "text": text, "idempotency_key": key}
        attempts = 0
        while True:
            attempts += 1
            self.requests += 1
            generation = self.restarts.generation
            started = time.perf_counter()
            try:
                async with self._http.post(f"{self.url}/api/v1/turn", json=payload) as resp:
                    status, raw, retry_after = resp.status, await resp.read(), resp.headers.get("Retry-After")
            except LOST:
                await self.restarts.after(generation)
                self.retried += 1
                continue
            latency_ms = (time.perf_counter() - started) * 1000
            self.statuses[status] += 1
            if status == 503 and attempts <= self.max_shed_retries:  # shed under load: wait, same key
                self.retried += 1
                await asyncio.sleep(_seconds(retry_after))
                continue
            self.latencies_ms.append(latency_ms)
            return Exchange(key, text, status, _json(raw), latency_ms, attempts)


def _seconds(retry_after: str | None) -> float:
    try:
        return min(max(float(retry_after or 1), 0.1), 5.0)
    except ValueError:  # an HTTP date: not worth parsing for a benchmark
        return 1.0


def _json(raw: bytes) -> dict[str, Any]:
    try:
        body = json.loads(raw)
    except ValueError:
        return {"raw": raw[:200].decode(errors="replace")}
    return body if isinstance(body, dict) else {"raw": body}
