"""Voice over HTTP: WAV turns and their spoken replies."""

from __future__ import annotations

import asyncio

from aiohttp import web

from fulfillment.apps.http.auth import bound_customer, customer_for
from fulfillment.apps.http.bodies import BodyTooLarge, read_body
from fulfillment.apps.http.keys import REPLY_AUDIO, SHOP, VOICE
from fulfillment.domain.errors import BadInput, NotFound
from speech.errors import AudioFormatError

WAV_TYPES = frozenset({"audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"})


def _param(request: web.Request, name: str, header: str) -> str | None:
    return request.query.get(name) or request.headers.get(header)


async def audio_turn(request: web.Request) -> web.StreamResponse:
    if VOICE not in request.app:
        raise BadInput("This server runs without speech; send text turns.", code="speech_disabled")
    voice = request.app[VOICE]
    limit = voice.config.max_bytes
    try:
        body = await read_body(request, limit)
    except BodyTooLarge:
        raise AudioFormatError("audio_too_large", f"The recording is larger than {limit} bytes.") from None
    session_id = _param(request, "session_id", "X-Emma-Session")
    if not session_id:
        raise BadInput("Give session_id in the query or the X-Emma-Session header.", code="bad_session_id")
    wants_audio = "audio/wav" in request.headers.get("Accept", "")
    turn = await voice.run(
        body, session_id, customer_for(request, _param(request, "customer_id", "X-Emma-Customer")) or "demo",
        _param(request, "idempotency_key", "Idempotency-Key"), speak=True,
    )
    if turn.reply_wav is not None:
        request.app[REPLY_AUDIO].put(turn.result.turn_id, turn.reply_wav)
    if wants_audio and turn.reply_wav is not None:
        return web.Response(body=turn.reply_wav, content_type="audio/wav",
                            headers={"X-Emma-Turn-Id": turn.result.turn_id})
    return web.json_response(turn.to_json())


async def reply_audio(request: web.Request) -> web.Response:
    turn_id = request.match_info["turn_id"]
    owner = bound_customer(request)
    row = None
    if owner is not None:  # another customer's turn looks like no turn at all
        row = await asyncio.to_thread(request.app[SHOP].transcripts.get, turn_id)
        if row is None or row["customer_id"] != owner:
            raise NotFound("No reply audio for that turn.", code="reply_not_found")
    cached = request.app[REPLY_AUDIO].get(turn_id)
    if cached is None:
        if VOICE not in request.app:
            raise NotFound("No reply audio for that turn.", code="reply_not_found")
        row = row or await asyncio.to_thread(request.app[SHOP].transcripts.get, turn_id)
        if row is None or not row.get("reply"):
            raise NotFound("No reply audio for that turn.", code="reply_not_found")
        cached = await request.app[VOICE].synthesizer.synthesize(row["reply"])
        request.app[REPLY_AUDIO].put(turn_id, cached)
    return web.Response(body=cached, content_type="audio/wav")
