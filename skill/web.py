"""`POST /alexa`: read at most `max_body_bytes`, verify and dispatch off the event loop.

Verification and dispatch run in the channel's own thread pool (like `asyncio.to_thread`, but
not shared with speech recognition or other slow jobs, which would eat into Alexa's budget).

Refused requests get `{"error": {"code", "message"}}`: 413 when too large, 400 otherwise.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor

from aiohttp import web

from fulfillment.domain.turns import TurnHandler
from skill.accounts import AlexaAccounts
from skill.cert_chains import CertChainCache
from skill.config import AlexaConfig
from skill.conversation import AlexaConversation
from skill.dispatch import AlexaEndpoint
from skill.errors import AlexaRequestError
from skill.handlers import build_skill
from skill.interceptors import TranscriptHook
from skill.progressive import HttpProgressiveSender, ProgressiveSender
from skill.turn_runner import TurnRunner
from skill.verification import RequestVerifier

ALEXA_CONFIG = web.AppKey("alexa_config", AlexaConfig)
ALEXA_ENDPOINT = web.AppKey("alexa_endpoint", AlexaEndpoint)
ALEXA_THREADS = web.AppKey("alexa_threads", ThreadPoolExecutor)
_CHUNK = 16 * 1024


def setup_alexa(
    app: web.Application,
    turns: TurnHandler,
    accounts: AlexaAccounts,
    config: AlexaConfig,
    verifier: RequestVerifier | None = None,
    *,
    progressive: ProgressiveSender | None = None,
    on_transcript: TranscriptHook | None = None,
) -> None:
    """Register `POST /alexa`; the skill itself is built on startup, on the running loop."""
    if config.verify and verifier is None:
        cache = CertChainCache(timeout_s=config.cert_fetch_timeout_s)
        verifier = RequestVerifier(
            config.skill_id, tolerance_s=config.timestamp_tolerance_s, cache=cache
        )
    app[ALEXA_CONFIG] = config

    async def alexa_skill(app: web.Application) -> AsyncIterator[None]:
        loop = asyncio.get_running_loop()
        conversation = AlexaConversation(
            runner=TurnRunner(turns, loop, progressive or HttpProgressiveSender()),
            accounts=accounts,
            config=config,
        )
        threads = ThreadPoolExecutor(config.worker_threads, thread_name_prefix="alexa")
        app[ALEXA_THREADS] = threads
        app[ALEXA_ENDPOINT] = AlexaEndpoint(
            build_skill(conversation, on_transcript), config, verifier
        )
        yield
        threads.shutdown(wait=False, cancel_futures=True)

    app.cleanup_ctx.append(alexa_skill)
    app.router.add_post("/alexa", alexa_view)


async def alexa_view(request: web.Request) -> web.Response:
    received_at = time.monotonic()
    config = request.app[ALEXA_CONFIG]
    try:
        body = await read_capped(request, config.max_body_bytes)
        dispatch = functools.partial(
            request.app[ALEXA_ENDPOINT].verify_request_and_dispatch,
            dict(request.headers),
            body,
            received_at,
        )
        loop = asyncio.get_running_loop()
        envelope = await loop.run_in_executor(request.app[ALEXA_THREADS], dispatch)
    except AlexaRequestError as err:
        status = 413 if err.code == "body_too_large" else 400
        return web.json_response(err.to_json(), status=status)
    return web.json_response(envelope)


async def read_capped(request: web.Request, limit: int) -> bytes:
    """The body, refusing (before reading it all) anything over `limit` bytes."""
    too_large = AlexaRequestError("body_too_large", f"request body exceeds {limit} bytes")
    if request.content_length is not None and request.content_length > limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    while chunk := await request.content.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)
