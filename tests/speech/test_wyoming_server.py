"""The Wyoming server over a real TCP socket, driven by the wyoming package's own client."""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import socket
from collections.abc import AsyncIterator
from pathlib import Path

import numpy as np
import pytest
from wyoming.asr import Transcribe, Transcript, TranscriptChunk
from wyoming.audio import AudioChunk, AudioStart, AudioStop
from wyoming.client import AsyncTcpClient
from wyoming.error import Error
from wyoming.event import Event
from wyoming.info import Describe, Info
from wyoming.tts import Synthesize, SynthesizeChunk, SynthesizeStart, SynthesizeStop

from speech.audio import Audio
from speech.errors import SpeechError
from speech.language_routes import LanguageRoutes
from speech.synthesizer import AudioChunk as SpeechChunk
from speech.transcriber import Transcript as SpeechTranscript
from speech.voices import Voice
from speech.wyoming_info import AsrModelEntry, build_info
from speech.wyoming_server import SAMPLES_PER_CHUNK, run_wyoming_server

FAKE_VOICE = Voice("fake-voice", Path("fake.onnx"), Path("fake.onnx.json"), 22050, "en_US")


class FakeTranscriber:
    """Says how much 16 kHz mono audio it got; raises on request."""

    def __init__(self) -> None:
        self.heard: list[Audio] = []

    async def transcribe(self, audio: Audio, hotwords: str | None = None) -> SpeechTranscript:
        self.heard.append(audio)
        if audio.duration_s == 0:
            raise SpeechError("audio_empty", "No audio arrived.")
        return SpeechTranscript(
            text=f"heard {audio.duration_s:.1f} seconds",
            language="en",
            avg_logprob=-0.1,
            no_speech_prob=0.0,
            duration_s=audio.duration_s,
            heard_speech=True,
        )


class FakeSynthesizer:
    """One chunk of silence per word, 0.1 s each, at 22050 Hz."""

    sample_rate = 22050

    async def synthesize(self, text: str) -> bytes:
        raise NotImplementedError

    async def stream(self, text: str) -> AsyncIterator[SpeechChunk]:
        words = text.split()
        for i, word in enumerate(words):
            pcm = np.zeros(2205, "<i2").tobytes()
            yield SpeechChunk(pcm, 22050, i == 0, 1.0, i == len(words) - 1, word)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.asynccontextmanager
async def serving(
    transcriber: object, synthesizer: object, info: Info, routes: LanguageRoutes | None = None
) -> AsyncIterator[int]:
    """Run the server on a free port; yield the port once it accepts connections. Without `routes`, the one
    backend pair serves every language."""
    port = _free_port()
    routes = routes or LanguageRoutes.one(transcriber, synthesizer)  # type: ignore[arg-type]
    task = asyncio.create_task(run_wyoming_server(f"tcp://127.0.0.1:{port}", routes, info))
    try:
        for _ in range(200):
            with contextlib.suppress(OSError):
                _, writer = await asyncio.open_connection("127.0.0.1", port)
                writer.close()
                break
            await asyncio.sleep(0.02)
        yield port
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


@contextlib.asynccontextmanager
async def connected(
    transcriber: object, synthesizer: object, info: Info, read_timeout: float = 5,
    routes: LanguageRoutes | None = None,
) -> AsyncIterator[AsyncTcpClient]:
    """A wyoming `AsyncTcpClient` connected to a fresh server."""
    async with (
        serving(transcriber, synthesizer, info, routes) as port,
        AsyncTcpClient("127.0.0.1", port, read_timeout=read_timeout) as client,
    ):
        yield client


def _info() -> Info:
    return build_info(
        [AsrModelEntry.whisper("tiny.en"), AsrModelEntry.whisper("base")], [FAKE_VOICE], "0.1.0"
    )


async def _read_until(client: AsyncTcpClient, wanted: str) -> list[Event]:
    events = []
    while True:
        event = await client.read_event()
        assert event is not None, "server closed the connection"
        events.append(event)
        if event.type in (wanted, "error"):
            return events


async def _send_audio(client: AsyncTcpClient, pcm: bytes, rate: int, channels: int) -> None:
    await client.write_event(Transcribe(language="en").event())
    await client.write_event(AudioStart(rate=rate, width=2, channels=channels).event())
    step = 4096
    for offset in range(0, len(pcm), step):
        chunk = AudioChunk(rate=rate, width=2, channels=channels, audio=pcm[offset : offset + step])
        await client.write_event(chunk.event())
    await client.write_event(AudioStop().event())


async def test_describe_lists_whisper_models_and_voices() -> None:
    async with connected(FakeTranscriber(), FakeSynthesizer(), _info()) as client:
        await client.write_event(Describe().event())
        (event,) = await _read_until(client, "info")
    info = Info.from_event(event)
    assert [m.name for m in info.asr[0].models] == ["tiny.en", "base"]
    assert info.asr[0].models[0].languages == ["en"]
    assert [v.name for v in info.tts[0].voices] == ["fake-voice"]
    assert info.tts[0].voices[0].languages == ["en_US"]


async def test_transcribe_converts_48k_stereo_to_16k_mono() -> None:
    transcriber = FakeTranscriber()
    stereo = np.zeros((48_000 * 2, 2), "<i2")  # 2 s of 48 kHz stereo
    async with connected(transcriber, FakeSynthesizer(), _info()) as client:
        await _send_audio(client, stereo.tobytes(), 48_000, 2)
        events = await _read_until(client, "transcript")
    transcript = Transcript.from_event(events[-1])
    assert transcript.text == "heard 2.0 seconds"
    assert transcript.language == "en"
    (audio,) = transcriber.heard
    assert audio.source_rate == 16_000 and audio.source_channels == 1
    assert audio.duration_s == pytest.approx(2.0, abs=0.01)


async def test_speech_errors_come_back_as_wyoming_errors() -> None:
    async with connected(FakeTranscriber(), FakeSynthesizer(), _info()) as client:
        await _send_audio(client, b"", 16_000, 1)
        (event,) = await _read_until(client, "transcript")
        # the connection survives a named error
        await client.write_event(Describe().event())
        (info,) = await _read_until(client, "info")
    assert Error.from_event(event) == Error(text="No audio arrived.", code="audio_empty")
    assert info.type == "info"


async def test_synthesize_streams_audio_chunks() -> None:
    async with connected(FakeTranscriber(), FakeSynthesizer(), _info()) as client:
        await client.write_event(Synthesize(text="one two three").event())
        events = await _read_until(client, "audio-stop")
    assert events[0].type == "audio-start"
    assert AudioStart.from_event(events[0]).rate == 22050
    chunks = [AudioChunk.from_event(e) for e in events[1:-1]]
    assert all(len(c.audio) <= SAMPLES_PER_CHUNK * 2 for c in chunks)
    assert sum(len(c.audio) for c in chunks) == 3 * 2205 * 2


async def test_describe_says_both_directions_stream() -> None:
    info = _info()
    assert info.asr[0].supports_transcript_streaming and info.tts[0].supports_synthesize_streaming


async def test_a_text_stream_is_spoken_sentence_by_sentence() -> None:
    async with connected(FakeTranscriber(), FakeSynthesizer(), _info()) as client:
        await client.write_event(SynthesizeStart().event())
        await client.write_event(SynthesizeChunk(text="Hello there. The rain").event())
        first = await _read_until(client, "audio-stop")  # sentence one is spoken before the text ends
        await client.write_event(SynthesizeChunk(text=" jacket is dry. Bye").event())
        second = await _read_until(client, "audio-stop")
        await client.write_event(Synthesize(text="Hello there. The rain jacket is dry. Bye").event())  # compat copy
        await client.write_event(SynthesizeStop().event())
        last = await _read_until(client, "synthesize-stopped")
    assert [e.type for e in first][0] == "audio-start" and _seconds(first) == pytest.approx(0.2)
    assert _seconds(second) == pytest.approx(0.5)  # "The rain jacket is dry." in five words
    assert [e.type for e in last][0] == "audio-start" and _seconds(last) == pytest.approx(0.1)
    assert last[-2].type == "audio-stop"


def _seconds(events: list[Event]) -> float:
    return sum(len(AudioChunk.from_event(e).audio) for e in events if e.type == "audio-chunk") / 2 / 22050


class GrowingTranscriber(FakeTranscriber):
    """Hears one more word for every second of audio: a sentence being spoken."""

    WORDS = "do you have rain jackets".split()

    async def transcribe(self, audio: Audio, hotwords: str | None = None) -> SpeechTranscript:
        self.heard.append(audio)
        text = " ".join(self.WORDS[: max(1, int(audio.duration_s))])
        return SpeechTranscript(text, "en", -0.1, 0.0, audio.duration_s, True)


async def test_partial_transcripts_come_only_when_asked() -> None:
    pcm = np.zeros(16_000 * 5, "<i2").tobytes()
    for asked in (True, False):
        async with connected(GrowingTranscriber(), FakeSynthesizer(), _info()) as client:
            context = {"partial_transcripts": True} if asked else None
            await client.write_event(Transcribe(language="en", context=context).event())
            await client.write_event(AudioStart(rate=16_000, width=2, channels=1).event())
            for offset in range(0, len(pcm), 3200):  # 0.1 s chunks, with a pause for each partial decode
                chunk = AudioChunk(rate=16_000, width=2, channels=1, audio=pcm[offset : offset + 3200])
                await client.write_event(chunk.event())
                await asyncio.sleep(0)
            await client.write_event(AudioStop().event())
            events = await _read_until(client, "transcript-stop" if asked else "transcript")
        types = [e.type for e in events]
        if not asked:
            assert types == ["transcript"]
            continue
        assert types[0] == "transcript-start" and types[-2:] == ["transcript", "transcript-stop"]
        chunks = "".join(TranscriptChunk.from_event(e).text for e in events if e.type == "transcript-chunk")
        assert chunks and "do you have rain jackets".startswith(chunks)
        assert Transcript.from_event(events[-2]).text == "do you have rain jackets"


@pytest.mark.integration
async def test_real_piper_and_whisper_over_wyoming() -> None:
    """Piper speaks a sentence over Wyoming; the real recognizer (if present) hears it back."""
    from speech.piper_synthesizer import PiperSynthesizer
    from speech.voices import resolve_voice

    voice = resolve_voice()
    synthesizer = PiperSynthesizer(voice)
    transcriber = await _real_transcriber()
    info = build_info([AsrModelEntry.whisper("tiny.en")], [voice], "0.1.0")
    async with connected(
        transcriber or FakeTranscriber(), synthesizer, info, read_timeout=60
    ) as client:
        await client.write_event(
            Synthesize(text="Add two pairs of hiking boots to my cart.").event()
        )
        events = await _read_until(client, "audio-stop")
        start = AudioStart.from_event(events[0])
        pcm = b"".join(AudioChunk.from_event(e).audio for e in events[1:-1])
        assert start.rate == voice.sample_rate
        assert 1.0 < len(pcm) / 2 / start.rate < 6.0
        if transcriber is None:
            pytest.skip("speech/faster_whisper_transcriber.py is not available")
        await _send_audio(client, pcm, start.rate, 1)
        events = await _read_until(client, "transcript")
    text = Transcript.from_event(events[-1]).text.lower()
    assert "hiking boots" in text and "cart" in text


async def _real_transcriber() -> object | None:
    if importlib.util.find_spec("speech.faster_whisper_transcriber") is None:
        return None
    from fulfillment.settings import Settings
    from speech.faster_whisper_transcriber import FasterWhisperTranscriber
    from speech.models import ModelLoader, ModelSettings

    model = await ModelLoader(ModelSettings(home=Settings.from_env().home)).load()
    return FasterWhisperTranscriber(model)
