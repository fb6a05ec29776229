"""Progressive responses: Alexa speaks "one moment" while a slow turn is still running."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Protocol

import aiohttp

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProgressiveDirective:
    """One `VoicePlayer.Speak` directive for the Progressive Response API."""

    api_endpoint: str
    """`context.System.apiEndpoint`, e.g. `https://api.amazonalexa.com`."""
    api_access_token: str
    """`context.System.apiAccessToken`, sent as a Bearer token."""
    request_id: str
    """The request being answered; Alexa ties the speech to it."""
    ssml: str
    """`<speak>...</speak>` to say."""

    @property
    def url(self) -> str:
        return f"{self.api_endpoint.rstrip('/')}/v1/directives"

    def to_json(self) -> dict[str, Any]:
        return {
            "header": {"requestId": self.request_id},
            "directive": {"type": "VoicePlayer.Speak", "speech": self.ssml},
        }


class ProgressiveSender(Protocol):
    """Delivers a progressive response; runs on the event loop and must never raise."""

    async def send(self, directive: ProgressiveDirective) -> None: ...


class HttpProgressiveSender:
    """POSTs the directive to `{apiEndpoint}/v1/directives` with a short timeout."""

    def __init__(self, timeout_s: float = 1.5) -> None:
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)

    async def send(self, directive: ProgressiveDirective) -> None:
        headers = {"Authorization": f"Bearer {directive.api_access_token}"}
        try:
            async with (
                aiohttp.ClientSession(timeout=self._timeout) as session,
                session.post(directive.url, json=directive.to_json(), headers=headers) as response,
            ):
                if response.status >= 300:
                    log.warning("progressive response refused: HTTP %s", response.status)
        except (aiohttp.ClientError, TimeoutError) as err:
            log.warning("progressive response not delivered: %s", err)
