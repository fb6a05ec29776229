"""NluParser over Rasa's HTTP API (`POST /model/parse`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import aiohttp

from fulfillment.domain.errors import NluUnavailable
from fulfillment.lang import pack_for
from nlu.entities import normalize_entities
from nlu.parser import NluResult
from nlu.text import for_nlu


class RasaHttpParser:
    """Talks to a Rasa server started by Emma or given by EMMA_NLU_URL, serving one language's model."""

    def __init__(self, url: str, token: str | None = None, timeout_s: float = 5.0, language: str = "en") -> None:
        self.url = url.rstrip("/")
        self.token = token
        self.language = language
        """Reads the entities' words: number words, ordinals and sizes of this language."""
        self.timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._session: aiohttp.ClientSession | None = None
        self.on_model_loaded: Callable[[Path], None] | None = None
        """Told about a model swapped in by `load_model` (the service restarts Rasa with it)."""

    async def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=self.timeout)
        return self._session

    async def parse(self, text: str) -> NluResult:
        params = {"token": self.token} if self.token else {}
        try:
            client = await self._client()
            body = {"text": for_nlu(text)}
            async with client.post(f"{self.url}/model/parse", json=body, params=params) as resp:
                if resp.status != 200:
                    raise NluUnavailable(f"Rasa answered {resp.status} to a parse request.")
                raw = await resp.json()
        except (aiohttp.ClientError, TimeoutError) as err:
            raise NluUnavailable(f"Rasa at {self.url} did not answer: {err or type(err).__name__}.") from err
        intent = raw.get("intent") or {}
        return NluResult(
            text=text,
            intent=str(intent.get("name") or "nlu_fallback"),
            confidence=float(intent.get("confidence") or 0.0),
            entities=normalize_entities(raw.get("entities") or [], pack_for(self.language).lexicon, self.language),
            raw=raw,
        )

    async def load_model(self, model: Path) -> None:
        """Swap the served model for a freshly trained one (Rasa's `PUT /model`), no restart."""
        params = {"token": self.token} if self.token else {}
        try:
            client = await self._client()
            timeout = aiohttp.ClientTimeout(total=180)  # loading a model takes Rasa a while
            async with client.put(f"{self.url}/model", json={"model_file": str(model)}, params=params,
                                  timeout=timeout) as resp:
                if resp.status >= 300:
                    raise NluUnavailable(f"Rasa refused the new model ({resp.status}): {await resp.text()}")
        except (aiohttp.ClientError, TimeoutError) as err:
            raise NluUnavailable(f"Rasa at {self.url} did not load {model.name}: {err}.") from err
        if self.on_model_loaded is not None:
            self.on_model_loaded(model)

    async def ready(self) -> bool:
        try:
            client = await self._client()
            params = {"token": self.token} if self.token else {}
            async with client.get(f"{self.url}/status", params=params) as resp:
                if resp.status != 200:
                    return False
                return bool((await resp.json()).get("model_file"))
        except (aiohttp.ClientError, TimeoutError, ValueError):
            return False

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
