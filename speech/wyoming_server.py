"""Emma's speech over the Wyoming protocol (Home Assistant's voice pipeline speaks it).

- `describe` -> `info`
- `transcribe`, `audio-start`, `audio-chunk`*, `audio-stop` -> `transcript`
- `synthesize` -> `audio-start`, `audio-chunk`*, `audio-stop`

Failures the speech layer names (`SpeechError`) go back as a Wyoming `error` event with the same
code, and the connection stays open.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial

import numpy as np
from wyoming.asr import Transcribe, Transcript
from wyoming.audio import AudioChunk, AudioChunkConverter, AudioStart, AudioStop
from wyoming.error import Error
from wyoming.event import Event
from wyoming.info import Describe, Info
from wyoming.server import AsyncEventHandler, AsyncServer
from wyoming.tts import Synthesize

from speech.audio import SAMPLE_RATE, Audio
from speech.errors import SpeechError
from speech.synthesizer import SAMPLE_WIDTH, Synthesizer
from speech.transcriber import Transcriber

_LOGGER = logging.getLogger(__name__)

SAMPLES_PER_CHUNK = 1024
"""Samples per outgoing `audio-chunk` (~46 ms at 22 kHz), as wyoming-piper sends them."""
MAX_AUDIO_S = 30.0
"""Audio past this in one request is dropped; a shopping command is a few seconds."""


class EmmaEventHandler(AsyncEventHandler):
    """One client connection; recognition and synthesis are delegated to the given backends."""

    def __init__(
        self,
        info: Info,
        transcriber: Transcriber,
        synthesizer: Synthesizer,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
    ) -> None:
        super().__init__(reader, writer)
        self._info_event = info.event()
        self._transcriber = transcriber
        self._synthesizer = synthesizer
        self._pcm = bytearray()
        self._converter = _to_16k_mono()

    async def handle_event(self, event: Event) -> bool:
        try:
            return await self._dispatch(event)
        except SpeechError as err:
            _LOGGER.warning("%s: %s", err.code, err.message)
            await self.write_event(Error(text=err.message, code=err.code).event())
            return True
        except Exception as err:
            _LOGGER.exception("Unexpected error handling %s", event.type)
            await self.write_event(Error(text=str(err), code="internal_error").event())
            return False

    async def _dispatch(self, event: Event) -> bool:
        if Describe.is_type(event.type):
            await self.write_event(self._info_event)
        elif Transcribe.is_type(event.type) or AudioStart.is_type(event.type):
            self._reset_audio()
        elif AudioChunk.is_type(event.type):
            self._add_audio(AudioChunk.from_event(event))
        elif AudioStop.is_type(event.type):
            await self._transcribe()
        elif Synthesize.is_type(event.type):
            await self._synthesize(Synthesize.from_event(event).text)
        return True

    def _reset_audio(self) -> None:
        self._pcm = bytearray()
        self._converter = _to_16k_mono()

    def _add_audio(self, chunk: AudioChunk) -> None:
        converted = self._converter.convert(chunk)
        room = int(MAX_AUDIO_S * SAMPLE_RATE) * SAMPLE_WIDTH - len(self._pcm)
        self._pcm += converted.audio[: max(room, 0)]

    async def _transcribe(self) -> None:
        pcm, self._pcm = bytes(self._pcm), bytearray()
        samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
        transcript = await self._transcriber.transcribe(Audio.from_samples(samples, SAMPLE_RATE))
        _LOGGER.info("Transcript: %r (%.1f s)", transcript.text, transcript.duration_s)
        await self.write_event(
            Transcript(text=transcript.text, language=transcript.language).event()
        )

    async def _synthesize(self, text: str) -> None:
        rate = self._synthesizer.sample_rate
        step = SAMPLES_PER_CHUNK * SAMPLE_WIDTH
        await self.write_event(AudioStart(rate=rate, width=SAMPLE_WIDTH, channels=1).event())
        async for chunk in self._synthesizer.stream(text):
            for offset in range(0, len(chunk.pcm), step):
                audio = chunk.pcm[offset : offset + step]
                event = AudioChunk(rate=chunk.rate, width=SAMPLE_WIDTH, channels=1, audio=audio)
                await self.write_event(event.event())
        await self.write_event(AudioStop().event())


def _to_16k_mono() -> AudioChunkConverter:
    return AudioChunkConverter(rate=SAMPLE_RATE, width=SAMPLE_WIDTH, channels=1)


async def run_wyoming_server(
    uri: str, transcriber: Transcriber, synthesizer: Synthesizer, info: Info
) -> None:
    """Serve until cancelled on `uri` (`tcp://host:port`, `unix:///path` or `stdio://`)."""
    server = AsyncServer.from_uri(uri)
    _LOGGER.info("Wyoming server listening on %s", uri)
    await server.run(partial(EmmaEventHandler, info, transcriber, synthesizer))
