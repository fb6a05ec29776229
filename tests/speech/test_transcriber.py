"""The real tiny.en model on the WAV fixtures in tests/data/audio (integration)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import numpy as np
import pytest

from speech.audio import Audio
from speech.faster_whisper_transcriber import DecodingOptions, FasterWhisperTranscriber
from speech.models import ModelLoader, ModelSettings, load_whisper, resolve_model_dir
from speech.wav import read_wav
from speech.wer import wer

pytestmark = pytest.mark.integration

AUDIO = Path(__file__).parents[1] / "data" / "audio"
CATALOG_WORDS = "rain jacket, hiking boots, fleece, softshell, gaiters, crampons, merino wool socks"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> FasterWhisperTranscriber:
    """tiny.en loaded once for the module (loading takes about a second)."""
    model_dir = resolve_model_dir("tiny.en", tmp_path_factory.mktemp("emma-home"))
    return FasterWhisperTranscriber(load_whisper(model_dir, "cpu", "int8", 2))


def fixture(name: str) -> Audio:
    return read_wav((AUDIO / name).read_bytes())


def references() -> list[tuple[str, str]]:
    lines = (AUDIO / "transcripts.tsv").read_text().splitlines()
    return [tuple(line.split("\t", 1)) for line in lines if line]  # type: ignore[misc]


@pytest.mark.parametrize("name", ["rain_jackets.wav", "espeak_rain_jackets.wav"])
async def test_rain_jackets(tiny: FasterWhisperTranscriber, name: str) -> None:
    transcript = await tiny.transcribe(fixture(name))
    assert "rain jacket" in transcript.text.lower()
    assert transcript.heard_speech
    assert transcript.language == "en"
    assert transcript.avg_logprob > -1.0
    assert transcript.no_speech_prob < 0.5


@pytest.mark.parametrize(
    "samples",
    [
        np.zeros(48000, np.float32),
        np.random.default_rng(0).standard_normal(48000).astype(np.float32) * 0.1,
        np.clip(np.random.default_rng(1).standard_normal(48000) * 0.5, -1, 1).astype(np.float32),
    ],
    ids=["3s-digital-silence", "3s-white-noise", "3s-loud-white-noise"],
)
async def test_silence_and_noise_give_no_text(tiny: FasterWhisperTranscriber, samples: np.ndarray) -> None:
    transcript = await tiny.transcribe(Audio.from_samples(samples, 16000), hotwords=CATALOG_WORDS)
    assert transcript.text == ""
    assert not transcript.heard_speech


async def test_speech_in_noise_is_still_heard(tiny: FasterWhisperTranscriber) -> None:
    clean = fixture("rain_jackets.wav").samples
    noise = np.random.default_rng(2).standard_normal(clean.size).astype(np.float32) * 0.02
    transcript = await tiny.transcribe(Audio.from_samples(clean + noise, 16000))
    assert "rain jacket" in transcript.text.lower()


async def test_the_context_prompt_does_not_hurt_the_fixtures(tiny: FasterWhisperTranscriber) -> None:
    pairs_off, pairs_on = [], []
    plain = FasterWhisperTranscriber(tiny.model, DecodingOptions(prompt_style="off"))
    for name, reference in references():
        audio = fixture(name)
        pairs_off.append((reference, (await plain.transcribe(audio)).text))
        pairs_on.append((reference, (await tiny.transcribe(audio, CATALOG_WORDS)).text))
    assert wer(pairs_on) <= wer(pairs_off)
    assert wer(pairs_on) < 0.15


async def test_a_long_command_gets_the_full_window_and_is_heard(tiny: FasterWhisperTranscriber) -> None:
    """Two fixtures back to back with a pause: past the short encoder window's reach."""
    first, second = fixture("rain_jackets.wav"), fixture("basket.wav")
    pause = np.zeros(16000 * 3, np.float32)
    long = Audio.from_samples(np.concatenate([first.samples, pause, second.samples, pause]), 16000)
    transcript = await tiny.transcribe(long)
    assert "rain jacket" in transcript.text.lower() and "basket" in transcript.text.lower()


async def test_model_loader_loads_once_per_key(tmp_path: Path) -> None:
    loader = ModelLoader(ModelSettings(home=tmp_path))
    first, second = await asyncio.gather(loader.load("tiny.en"), loader.load("tiny.en"))
    assert first is second
    assert await loader.load("tiny.en") is first
    assert await loader.load("tiny.en", compute_type="float32") is not first
    transcript = await FasterWhisperTranscriber(first).transcribe(fixture("basket.wav"))
    assert "basket" in transcript.text.lower()
