"""Moonshine behind the `Transcriber` interface: a fake model here, the embedded one when installed."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from speech.audio import Audio
from speech.errors import ModelNotFound, TranscriptionError
from speech.moonshine_transcriber import MoonshineTranscriber, embedded_model_dir
from speech.transcriber import Transcriber
from speech.wav import read_wav

AUDIO = Path(__file__).parents[1] / "data" / "audio"


class FakeMoonshine:
    def __init__(self, lines: list[str], error: Exception | None = None) -> None:
        self.lines = lines
        self.error = error
        self.calls = 0

    def transcribe_without_streaming(self, samples: list[float], rate: int) -> SimpleNamespace:
        self.calls += 1
        if self.error:
            raise self.error
        assert rate == 16_000 and isinstance(samples, list)
        return SimpleNamespace(lines=[SimpleNamespace(text=line) for line in self.lines])


def loud(seconds: float = 2.0) -> Audio:
    return Audio.from_samples(np.random.default_rng(3).standard_normal(int(seconds * 16000)) * 0.3, 16000)


async def test_lines_become_one_english_transcript() -> None:
    transcriber: Transcriber = MoonshineTranscriber(FakeMoonshine([" Do you have", "rain jackets? "]))
    transcript = await transcriber.transcribe(loud(), hotwords="ignored")
    assert transcript.text == "Do you have rain jackets?" and transcript.heard_speech
    assert transcript.language == "en" and transcript.duration_s == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("model", "audio", "reason"),
    [(FakeMoonshine(["hi"]), Audio.from_samples(np.zeros(16000), 16000), "energy"),
     (FakeMoonshine([]), loud(), "vad"), (FakeMoonshine([" ... "]), loud(), "vad")],
    ids=["silence", "no-lines", "punctuation"],
)
async def test_nothing_heard_is_silence(model: FakeMoonshine, audio: Audio, reason: str) -> None:
    transcript = await MoonshineTranscriber(model).transcribe(audio)
    assert not transcript.heard_speech and transcript.rejected_by == reason and transcript.text == ""
    assert model.calls == (0 if reason == "energy" else 1)


async def test_backend_failure_is_wrapped() -> None:
    with pytest.raises(TranscriptionError):
        await MoonshineTranscriber(FakeMoonshine([], RuntimeError("ort"))).transcribe(loud())


def test_a_wheel_without_the_model_is_refused_not_downloaded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if importlib.util.find_spec("moonshine_voice") is None:
        with pytest.raises(ModelNotFound, match="moonshine extra"):
            embedded_model_dir()
        return
    import moonshine_voice.utils

    monkeypatch.setattr(moonshine_voice.utils, "get_model_path", lambda name: tmp_path)
    (tmp_path / "tokenizer.bin").write_bytes(b"x")  # what 0.1.3 and later ship
    with pytest.raises(ModelNotFound, match="0.1.0"):
        embedded_model_dir()


@pytest.mark.integration
async def test_the_embedded_model_hears_a_fixture() -> None:
    if importlib.util.find_spec("moonshine_voice") is None:
        pytest.skip("the moonshine extra is not installed")
    transcriber = await MoonshineTranscriber.load()
    transcript = await transcriber.transcribe(read_wav((AUDIO / "rain_jackets.wav").read_bytes()))
    assert "rain jacket" in transcript.text.lower()
