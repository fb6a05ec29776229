"""German turns get multilingual Whisper with the language fixed to German, and the German voice."""

from __future__ import annotations

import pytest

import speech.runtime as runtime
from speech.config import SpeechConfig
from speech.espeak_synthesizer import EspeakSynthesizer


@pytest.fixture
def loaded(monkeypatch):
    names: list[str] = []

    async def load(self, name):
        names.append(name)
        return object()

    async def nothing(self):
        return None

    monkeypatch.setattr(runtime.ModelLoader, "load", load)
    monkeypatch.setattr(runtime.PiperSynthesizer, "load", nothing)
    monkeypatch.setattr(EspeakSynthesizer, "load", nothing)
    return names


@pytest.mark.parametrize(("asr_model", "language", "model", "fixed"), [
    ("tiny.en", "de", "base", "de"),
    ("base", "de", "base", "de"),
    ("tiny.en", None, "tiny.en", "en"),
    ("tiny.en", "en", "tiny.en", "en"),
])
async def test_the_language_picks_the_model_and_fixes_it(loaded, tmp_path, asr_model, language, model, fixed):
    backends = await runtime.open_speech(SpeechConfig(home=tmp_path, asr_model=asr_model), language)
    assert loaded == [model] and backends.transcriber.options.language == fixed
    assert isinstance(backends.synthesizer, EspeakSynthesizer) is (language == "de")
