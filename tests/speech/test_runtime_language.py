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


async def test_wyoming_routes_open_each_language_once_and_reuse_the_pipelines(loaded, tmp_path):
    from speech.faster_whisper_transcriber import DecodingOptions, FasterWhisperTranscriber
    from speech.voices import resolve_voice
    from speech.wyoming_info import routes_info

    english = (FasterWhisperTranscriber(object(), DecodingOptions(language="en")),
               runtime.PiperSynthesizer(resolve_voice(None)))
    routes = await runtime.open_routes(SpeechConfig(home=tmp_path), ("de", "en"), english)
    assert loaded == ["base"]  # German opened; English is the pipeline's, not loaded again
    assert routes.default == "de" and routes.for_language("en").transcriber is english[0]
    german = routes.for_language("de-DE")
    assert german.transcriber.options.language == "de" and isinstance(german.synthesizer, EspeakSynthesizer)
    assert (german.model, german.voice) == ("base", "espeak-ng-de")
    info = routes_info(routes, "0")
    assert [(m.name, m.languages) for m in info.asr[0].models] == [("base", ["de"]), ("tiny.en", ["en"])]
    assert [(v.name, v.languages) for v in info.tts[0].voices] == [
        ("espeak-ng-de", ["de"]), (resolve_voice(None).name, ["en"])]  # the language a request names to get it


async def test_a_pipeline_of_another_language_is_not_reused(loaded, tmp_path):
    from speech.faster_whisper_transcriber import DecodingOptions, FasterWhisperTranscriber

    english_hearing_german_voice = (FasterWhisperTranscriber(object(), DecodingOptions(language="en")),
                                    EspeakSynthesizer("de"))
    routes = await runtime.open_routes(SpeechConfig(home=tmp_path), ("en",), english_hearing_german_voice)
    assert routes.for_language("en").transcriber is not english_hearing_german_voice[0]
    assert loaded == ["tiny.en"]
