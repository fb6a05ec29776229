"""Emma's speech over the Wyoming protocol (Home Assistant's voice pipeline speaks it).

- `describe` -> `info`
- `transcribe`, `audio-start`, `audio-chunk`*, `audio-stop` -> `transcript`; a client that asks for
  partial transcripts (`transcribe` with context `{"partial_transcripts": true}`) also gets
  `transcript-start` and `transcript-chunk`s while it speaks, then `transcript` and `transcript-stop`
- `synthesize` -> `audio-start`, `audio-chunk`*, `audio-stop`, each sentence's audio sent as it is ready
- `synthesize-start`, `synthesize-chunk`*, (`synthesize`), `synthesize-stop` -> for each sentence as its
  text completes: `audio-start`, `audio-chunk`*, `audio-stop`; then `synthesize-stopped`

Each request is served in the language it names (`transcribe`'s `language`, the `synthesize` voice's
language or name) by that language's recogniser and voice (`speech.language_routes`); one naming a
language the server was not configured with gets an `unsupported_language` error.

Failures the speech layer names (`SpeechError`) go back as a Wyoming `error` event with the same
code, and the connection stays open.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial

import numpy as np
from wyoming.asr import Transcribe, Transcript, TranscriptChunk, TranscriptStart, TranscriptStop
from wyoming.audio import AudioChunk, AudioChunkConverter, AudioStart, AudioStop
from wyoming.error import Error
from wyoming.event import Event
from wyoming.info import Describe, Info
from wyoming.server import AsyncEventHandler, AsyncServer
from wyoming.tts import Synthesize, SynthesizeChunk, SynthesizeStart, SynthesizeStop, SynthesizeStopped

from fulfillment.lang import DEFAULT
from speech.audio import SAMPLE_RATE, Audio
from speech.errors import SpeechError
from speech.language_routes import LanguageRoutes, Route, UnsupportedLanguage
from speech.partial_transcripts import PARTIAL_EVERY_S, PartialTranscripts
from speech.repetition import fit_transcript
from speech.sentences import SentenceBuffer
from speech.synthesizer import SAMPLE_WIDTH

_LOGGER = logging.getLogger(__name__)

SAMPLES_PER_CHUNK = 1024
"""Samples per outgoing `audio-chunk` (~46 ms at 22 kHz), as wyoming-piper sends them."""
MAX_AUDIO_S = 30.0
"""Audio past this in one request is dropped; a shopping command is a few seconds."""
PARTIALS_CONTEXT_KEY = "partial_transcripts"
"""`transcribe` context key a client sets to true to get partial transcripts."""


class EmmaEventHandler(AsyncEventHandler):
    """One client connection; recognition and synthesis go to the backends of the language asked for."""

    def __init__(
        self,
        info: Info,
        routes: LanguageRoutes,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
    ) -> None:
        super().__init__(reader, writer)
        self._info_event = info.event()
        self._routes = routes
        self._hearing: Route | None = routes.for_language(None)
        """Whose recogniser hears the audio under way (set by `transcribe`; None after one it refused, so
        that audio is refused too rather than heard in another language)."""
        self._speaking: Route = routes.for_language(None)
        """Whose voice speaks the text stream under way (set by `synthesize-start`)."""
        self._pcm = bytearray()
        self._converter = _to_16k_mono()
        self._partials: PartialTranscripts | None = None
        self._partial_started = False
        self._partial_task: asyncio.Task[None] | None = None
        self._partial_at = 0
        self._sentences: SentenceBuffer | None = None
        """The text stream between `synthesize-start` and `synthesize-stop`, else None."""

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
        elif Transcribe.is_type(event.type):
            self._reset_audio()
            transcribe = Transcribe.from_event(event)
            self._hearing = None
            self._hearing = self._routes.for_language(transcribe.language)
            context = transcribe.context or {}
            self._partials = PartialTranscripts() if context.get(PARTIALS_CONTEXT_KEY) is True else None
        elif AudioStart.is_type(event.type):
            self._reset_audio()
        elif AudioChunk.is_type(event.type):
            self._add_audio(AudioChunk.from_event(event))
        elif AudioStop.is_type(event.type):
            await self._transcribe()
        else:
            await self._dispatch_synthesis(event)
        return True

    async def _dispatch_synthesis(self, event: Event) -> None:
        if SynthesizeStart.is_type(event.type):
            voice = SynthesizeStart.from_event(event).voice
            self._speaking = self._routes.for_voice(voice.name if voice else None, voice.language if voice else None)
            self._sentences = SentenceBuffer(getattr(self._speaking.synthesizer, "rules", DEFAULT.tts))
        elif SynthesizeChunk.is_type(event.type) and self._sentences is not None:
            for sentence in self._sentences.add(SynthesizeChunk.from_event(event).text):
                await self._speak(sentence)
        elif SynthesizeStop.is_type(event.type) and self._sentences is not None:
            for sentence in self._sentences.finish():
                await self._speak(sentence)
            self._sentences = None
            await self.write_event(SynthesizeStopped().event())
        elif Synthesize.is_type(event.type) and self._sentences is None:  # inside a stream: a copy, ignored
            synthesize = Synthesize.from_event(event)
            voice = synthesize.voice
            self._speaking = self._routes.for_voice(voice.name if voice else None, voice.language if voice else None)
            await self._speak(synthesize.text)

    def _reset_audio(self) -> None:
        self._pcm = bytearray()
        self._converter = _to_16k_mono()
        self._partial_at = 0

    def _add_audio(self, chunk: AudioChunk) -> None:
        converted = self._converter.convert(chunk)
        room = int(MAX_AUDIO_S * SAMPLE_RATE) * SAMPLE_WIDTH - len(self._pcm)
        self._pcm += converted.audio[: max(room, 0)]
        due = len(self._pcm) - self._partial_at >= PARTIAL_EVERY_S * SAMPLE_RATE * SAMPLE_WIDTH
        if self._partials is not None and due and (self._partial_task is None or self._partial_task.done()):
            self._partial_at = len(self._pcm)
            self._partial_task = asyncio.create_task(self._send_partial(_audio(bytes(self._pcm))))

    async def _send_partial(self, audio: Audio) -> None:
        """Decode what was heard so far and send the words that settled (runs beside the reading)."""
        try:
            if self._hearing is None:
                return
            hypothesis = await self._hearing.transcriber.transcribe(audio)
        except SpeechError as err:  # the final pass will say what went wrong
            _LOGGER.info("partial transcript skipped: %s", err.message)
            return
        if self._partials is None or not hypothesis.heard_speech:
            return
        chunk = self._partials.update(hypothesis.text)
        if chunk:
            await self._start_partials(hypothesis.language)
            await self.write_event(TranscriptChunk(text=chunk).event())

    async def _start_partials(self, language: str) -> None:
        if not self._partial_started:
            self._partial_started = True
            await self.write_event(TranscriptStart(language=language).event())

    async def _transcribe(self) -> None:
        if self._partial_task is not None:
            await self._partial_task  # its chunk goes out before the final transcript
            self._partial_task = None
        pcm, self._pcm = bytes(self._pcm), bytearray()
        if self._hearing is None:
            self._partials, self._partial_started = None, False
            raise UnsupportedLanguage("This audio followed a transcribe in a language this server does not speak.")
        transcript = fit_transcript(await self._hearing.transcriber.transcribe(_audio(pcm)))
        _LOGGER.info("Transcript: %r (%.1f s)", transcript.text, transcript.duration_s)
        streaming, self._partials = self._partials is not None, None
        if streaming:
            await self._start_partials(transcript.language)
        await self.write_event(Transcript(text=transcript.text, language=transcript.language).event())
        if streaming:
            await self.write_event(TranscriptStop().event())
        self._partial_started = False

    async def _speak(self, text: str) -> None:
        """One `audio-start` ... `audio-stop` for `text`, each sentence's audio sent as soon as it is ready."""
        step = SAMPLES_PER_CHUNK * SAMPLE_WIDTH
        synthesizer = self._speaking.synthesizer
        await self.write_event(AudioStart(rate=synthesizer.sample_rate, width=SAMPLE_WIDTH, channels=1).event())
        async for chunk in synthesizer.stream(text):
            for offset in range(0, len(chunk.pcm), step):
                audio = chunk.pcm[offset : offset + step]
                await self.write_event(AudioChunk(rate=chunk.rate, width=SAMPLE_WIDTH, channels=1, audio=audio).event())
        await self.write_event(AudioStop().event())


def _audio(pcm: bytes) -> Audio:
    return Audio.from_samples(np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0, SAMPLE_RATE)


def _to_16k_mono() -> AudioChunkConverter:
    return AudioChunkConverter(rate=SAMPLE_RATE, width=SAMPLE_WIDTH, channels=1)


async def run_wyoming_server(uri: str, routes: LanguageRoutes, info: Info) -> None:
    """Serve until cancelled on `uri` (`tcp://host:port`, `unix:///path` or `stdio://`)."""
    server = AsyncServer.from_uri(uri)
    _LOGGER.info("Wyoming server listening on %s (languages: %s)", uri, ", ".join(routes.languages) or "any")
    await server.run(partial(EmmaEventHandler, info, routes))
