"""Talks to a running `emma serve` (EMMA_URL), so CLI turns reuse its warm NLU model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiohttp

from fulfillment.domain.errors import EmmaError
from fulfillment.domain.turns import TurnRequest, TurnResult


def auth_headers(api_key: str | None) -> dict[str, str]:
    """What a server that requires API keys wants to see (nothing on loopback development)."""
    return {"Authorization": f"Bearer {api_key}"} if api_key else {}


class ServerClient:
    def __init__(self, base_url: str, api_key: str | None = None, timeout_s: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout_s),
                                              headers=auth_headers(api_key))

    async def serves_home(self, home: Path) -> bool:
        """True when a server answers at base_url and uses the same EMMA_HOME as we do."""
        try:
            async with self._session.get(f"{self.base_url}/health", timeout=aiohttp.ClientTimeout(total=1)) as r:
                return r.status == 200 and Path((await r.json()).get("home", "")) == home
        except (aiohttp.ClientError, TimeoutError, ValueError):
            return False

    async def handle(self, request: TurnRequest) -> TurnResult:
        body: dict[str, Any] = {
            "session_id": request.session_id, "customer_id": request.customer_id, "text": request.text,
            "locale": request.locale,
        }
        if request.idempotency_key:
            body["idempotency_key"] = request.idempotency_key
        async with self._session.post(f"{self.base_url}/api/v1/turn", json=body) as resp:
            data = await resp.json()
            if resp.status != 200:
                error = data.get("error", {})
                raise EmmaError(error.get("message", f"HTTP {resp.status}"), code=error.get("code"))
            return TurnResult.from_json(data)

    async def close(self) -> None:
        await self._session.close()
