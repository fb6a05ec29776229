"""The voice commands: `emma ask --audio`, `emma transcribe`, `emma say`, `emma talk`.

`emma talk` plays each reply as it streams in (the first sentence while the rest is synthesized) and
stops it when the shopper speaks over it (`speech.talk_loop`)."""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Protocol

import aiohttp

from fulfillment.apps.cli.client import ServerClient, auth_headers
from fulfillment.domain.errors import BadInput, EmmaError
from fulfillment.settings import Settings
from fulfillment.wiring import open_voice, speech_config
from speech.config import SpeechConfig
from speech.errors import SpeechError
from speech.talk_loop import SpokenTurn
from speech.wav import parse_header

WAV_HEADER_BYTES = 44
"""The streamed reply's header (PCM16, open length) before its first sample."""


class VoiceTurns(Protocol):
    async def run(self, wav: bytes, session_id: str, customer_id: str) -> tuple[dict[str, Any], bytes | None]: ...

    async def speak_turn(self, wav: bytes, session_id: str, customer_id: str) -> SpokenTurn:
        """The turn, its reply audio still streaming in (`speech.talk_loop.TalkTurns`)."""
        ...


class ServerVoice:
    """Audio turns on a running server (its models are warm), in `locale` (the server's default when None)."""

    def __init__(self, base_url: str, api_key: str | None = None, locale: str | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.locale = locale
        self.session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60), headers=auth_headers(api_key))

    async def run(self, wav: bytes, session_id: str, customer_id: str) -> tuple[dict[str, Any], bytes | None]:
        params = self._params(session_id, customer_id)
        async with self.session.post(f"{self.base_url}/api/v1/turn", data=wav, params=params,
                                     headers={"Content-Type": "audio/wav"}) as resp:
            body = await resp.json()
            if resp.status != 200:
                error = body.get("error", {})
                raise EmmaError(error.get("message", f"HTTP {resp.status}"), code=error.get("code"))
        async with self.session.get(f"{self.base_url}/api/v1/turns/{body['turn_id']}/reply.wav") as resp:
            reply = await resp.read() if resp.status == 200 else None
        return body, reply

    def _params(self, session_id: str, customer_id: str) -> dict[str, str]:
        params = {"session_id": session_id, "customer_id": customer_id}
        return {**params, "locale": self.locale} if self.locale else params

    async def speak_turn(self, wav: bytes, session_id: str, customer_id: str) -> SpokenTurn:
        params = self._params(session_id, customer_id)
        async with self.session.post(f"{self.base_url}/api/v1/turn", data=wav, params=params,
                                     headers={"Content-Type": "audio/wav"}) as resp:
            body = await resp.json()
            if resp.status != 200:
                error = body.get("error", {})
                raise EmmaError(error.get("message", f"HTTP {resp.status}"), code=error.get("code"))
        path = body.get("reply_audio") or f"/api/v1/turns/{body['turn_id']}/reply.wav"
        resp = await self.session.get(f"{self.base_url}{path}")  # the server is already speaking it
        if resp.status != 200:
            resp.release()
            return SpokenTurn(body, 0, None)
        header = parse_header(await resp.content.readexactly(WAV_HEADER_BYTES) + b"\x00\x00")
        return SpokenTurn(body, header.rate, _pcm_of(resp))


async def _pcm_of(resp: aiohttp.ClientResponse) -> AsyncIterator[bytes]:
    """The streamed reply's PCM as it arrives (whole samples only), the response closed after."""
    try:
        rest = b""
        async for data in resp.content.iter_any():
            data, rest = rest + data, b""
            if len(data) % 2:
                data, rest = data[:-1], data[-1:]
            if data:
                yield data
    finally:
        resp.release()


class LocalVoice:
    def __init__(self, pipeline: Any, locale: str | None = None) -> None:
        self.pipeline = pipeline
        self.locale = locale

    async def run(self, wav: bytes, session_id: str, customer_id: str) -> tuple[dict[str, Any], bytes | None]:
        turn = await self.pipeline.run(wav, session_id, customer_id, locale=self.locale)
        return turn.to_json(), turn.reply_wav

    async def speak_turn(self, wav: bytes, session_id: str, customer_id: str) -> SpokenTurn:
        turn = await self.pipeline.run(wav, session_id, customer_id, speak=False, locale=self.locale)
        synthesizer = self.pipeline.synthesizer_for(self.locale)
        audio = (chunk.pcm async for chunk in synthesizer.stream(turn.result.reply))
        return SpokenTurn(turn.to_json(), synthesizer.sample_rate, audio)


@asynccontextmanager
async def voice_turns(config: Settings, speech: SpeechConfig) -> AsyncIterator[VoiceTurns]:
    """The running server when it serves this home, else Whisper, Piper and Rasa in-process, wired as the
    server wires them (recordings kept per the retention setting, audio turns counted)."""
    client = ServerClient(config.http.server_url, config.http.api_key)
    try:
        remote = await client.serves_home(config.home)
    finally:
        await client.close()
    if remote:
        server = ServerVoice(config.http.server_url, config.http.api_key, config.default_language)
        try:
            yield server
        finally:
            await server.session.close()
        return
    from fulfillment.apps.cli.runtime import local_conversation

    async with local_conversation(config) as (shop, conversation), \
            open_voice(config, shop, conversation, speech) as pipeline:
        yield LocalVoice(pipeline, config.default_language)


def _read(path: Path) -> bytes:
    if not path.is_file():
        raise BadInput(f"No such file: {path}", code="file_not_found")
    return path.read_bytes()


async def ask(config: Settings, args: argparse.Namespace) -> int:
    wav = _read(args.audio)
    async with voice_turns(config, speech_config(config)) as turns:
        body, reply = await turns.run(wav, args.session or "cli", args.customer)
    if args.out and reply:
        args.out.write_bytes(reply)
    if args.json:
        print(json.dumps(body, ensure_ascii=False))
    else:
        heard = body.get("transcript") or "(nothing)"
        print(f"heard: {heard}\nemma:  {body['reply']}")
    return 0


async def transcribe(config: Settings, args: argparse.Namespace) -> int:
    from speech.runtime import open_speech
    from speech.wav import read_wav

    speech = speech_config(config)
    audio = read_wav(_read(args.wav), speech.limits)
    backends = await open_speech(speech)
    transcript = await backends.transcriber.transcribe(audio)
    print(transcript.text if transcript.heard_speech else "(no speech heard)")
    return 0


async def say(config: Settings, args: argparse.Namespace) -> int:
    from speech.piper_synthesizer import PiperSynthesizer
    from speech.voices import resolve_voice

    synthesizer = PiperSynthesizer(resolve_voice(args.voice or config.speech.voice))
    args.out.write_bytes(await synthesizer.synthesize(args.text))
    print(f"Wrote {args.out}")
    return 0


async def talk(config: Settings, args: argparse.Namespace) -> int:
    """The microphone loop: listen, show the level, send each utterance, play the reply."""
    if args.text:
        from fulfillment.apps.cli.commands import chat

        return await chat(config, args.session or f"talk-{uuid.uuid4().hex[:8]}", args.customer, True)
    from speech.audio_source import MicrophoneSource, WavFileSource
    from speech.endpointing import Endpointer
    from speech.reply_player import SoundDevicePlayer
    from speech.talk_loop import TalkEvents
    from speech.talk_loop import talk as talk_loop

    source: Any
    if args.from_wav:
        source = WavFileSource(args.from_wav, realtime=False)
    else:
        source = MicrophoneSource()
        try:
            source.check()
        except SpeechError as err:
            print(f"emma talk: {err.message}", file=sys.stderr)  # the message says how to type instead
            return 2
    session = args.session or f"talk-{uuid.uuid4().hex[:8]}"
    play = not args.no_playback and not args.from_wav

    def meter(frame: Any) -> None:
        if sys.stderr.isatty():
            bars = max(0, int((frame.level_dbfs + 60) / 3))
            state = "listening" if frame.listening else "waiting  "
            print(f"\r{state} {'█' * bars:<20}", end="", file=sys.stderr, flush=True)

    def show(body: dict[str, Any]) -> None:
        print(f"\rheard: {body.get('transcript') or '(nothing)'}", file=sys.stderr)
        print(f"emma:  {body['reply']}")

    print("Speak to Emma (Ctrl-C stops).", file=sys.stderr)
    events = TalkEvents(on_frame=meter, on_turn=show, on_barge_in=lambda: print("\r(listening)", file=sys.stderr))
    async with voice_turns(config, speech_config(config)) as turns:
        await talk_loop(source, Endpointer(push_to_talk=args.push_to_talk), turns,
                        SoundDevicePlayer() if play else None, session, args.customer, events,
                        barge_in=not getattr(args, "no_barge_in", False))
    return 0
