"""Voice over HTTP: WAV turns and their spoken replies, streamed sentence by sentence.

The reply is synthesized in the background as soon as the turn is decided. It goes out as a WAV
whose header says "length unknown" (0xFFFFFFFF) followed by each sentence's PCM in a chunked body:
browsers, ffmpeg-based players, aplay and Python's `wave` all play that as it arrives, while raw
PCM would need a client that reads the format from headers.
"""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web

from fulfillment.apps.http.auth import bound_customer, customer_for
from fulfillment.apps.http.bodies import BodyTooLarge, read_body
from fulfillment.apps.http.keys import CONFIG, REPLY_AUDIO, SHOP, VOICE
from fulfillment.apps.http.reply_audio import ReplyStream
from fulfillment.apps.http.views import locale_of
from fulfillment.domain.errors import BadInput, NotFound
from speech.errors import AudioFormatError

WAV_TYPES = frozenset({"audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave"})
log = logging.getLogger("emma.http")


def _param(request: web.Request, name: str, header: str) -> str | None:
    return request.query.get(name) or request.headers.get(header)


def reply_audio_path(turn_id: str) -> str:
    return f"/api/v1/turns/{turn_id}/reply.wav"


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
    # The language spoken in the recording: ?locale=de-DE or Content-Language, else the shop's default.
    said = _param(request, "locale", "Content-Language")
    # Content-Language may list several ("de-DE, en"): the recording is in the first.
    locale = locale_of(said.split(",")[0].strip() if said else None, request.app[CONFIG].languages)
    wants_audio = "audio/wav" in request.headers.get("Accept", "")
    turn = await voice.run(
        body, session_id, customer_for(request, _param(request, "customer_id", "X-Emma-Customer")) or "demo",
        _param(request, "idempotency_key", "Idempotency-Key"), speak=False, locale=locale,
    )
    turn_id = turn.result.turn_id
    synthesizer = voice.synthesizer_for(locale)
    stream = request.app[REPLY_AUDIO].start(turn_id, synthesizer.sample_rate, synthesizer.stream(turn.result.reply))
    if wants_audio:
        return await stream_wav(request, stream, {"X-Emma-Turn-Id": turn_id})
    return web.json_response({**turn.to_json(), "reply_audio": reply_audio_path(turn_id)})


async def reply_audio(request: web.Request) -> web.StreamResponse:
    turn_id = request.match_info["turn_id"]
    owner = bound_customer(request)
    row = None
    if owner is not None:  # another customer's turn looks like no turn at all
        row = await asyncio.to_thread(request.app[SHOP].transcripts.get, turn_id)
        if row is None or row["customer_id"] != owner:
            raise NotFound("No reply audio for that turn.", code="reply_not_found")
    stream = request.app[REPLY_AUDIO].get(turn_id)
    if stream is None:
        if VOICE not in request.app:
            raise NotFound("No reply audio for that turn.", code="reply_not_found")
        row = row or await asyncio.to_thread(request.app[SHOP].transcripts.get, turn_id)
        if row is None or not row.get("reply"):
            raise NotFound("No reply audio for that turn.", code="reply_not_found")
        synthesizer = request.app[VOICE].synthesizer
        stream = request.app[REPLY_AUDIO].start(turn_id, synthesizer.sample_rate, synthesizer.stream(row["reply"]))
    return await stream_wav(request, stream)


async def stream_wav(
    request: web.Request, stream: ReplyStream, headers: dict[str, str] | None = None
) -> web.StreamResponse:
    """Send `stream` as chunked WAV, each sentence as soon as it is spoken.

    The status is sent before synthesis ends, so a failure later cannot become a JSON error: the
    connection is closed without the final chunk, which clients report as a cut-off body.
    """
    response = web.StreamResponse(headers={"Content-Type": "audio/wav", "Cache-Control": "no-store", **(headers or {})})
    response.enable_chunked_encoding()
    await response.prepare(request)
    try:
        async for part in stream.wav_stream():
            await response.write(part)
    except ConnectionResetError:
        log.info("client left during reply audio of %s", request.path)
        return response
    except Exception:
        log.exception("reply audio failed on %s", request.path)
        if request.transport is not None:
            request.transport.close()
        return response
    await response.write_eof()
    return response
