"""Builds the real speech backends from SpeechConfig (models loaded once, on first use)."""

from __future__ import annotations

from dataclasses import dataclass

from speech.config import SpeechConfig
from speech.espeak_synthesizer import EspeakSynthesizer
from speech.faster_whisper_transcriber import DecodingOptions, FasterWhisperTranscriber
from speech.language_voices import synthesizer_for
from speech.memory import limit_malloc_arenas
from speech.models import ModelLoader, ModelSettings
from speech.moonshine_transcriber import MoonshineTranscriber
from speech.piper_synthesizer import PiperSynthesizer
from speech.voices import resolve_voice

MOONSHINE = "moonshine"
"""`EMMA_ASR_MODEL` naming Moonshine tiny English (`speech.moonshine_transcriber`) instead of Whisper."""
MOONSHINE_MODEL = "tiny.en"
"""The Whisper model Emma falls back to for other languages when Moonshine is chosen."""


@dataclass(frozen=True)
class SpeechBackends:
    transcriber: FasterWhisperTranscriber | MoonshineTranscriber
    synthesizer: PiperSynthesizer | EspeakSynthesizer


async def open_speech(config: SpeechConfig, language: str | None = None) -> SpeechBackends:
    """Loads Whisper (tiny.en by default) and the piper voice; both stay loaded."""
    limit_malloc_arenas()  # before the models' threads allocate (speech.memory)
    if config.asr_model == MOONSHINE and language in (None, "en"):  # English only; Whisper otherwise
        return await _with_synthesizer(config, language, await MoonshineTranscriber.load())
    loader = ModelLoader(ModelSettings(home=config.home))
    # tiny.en knows only English: another language takes multilingual base, with the language fixed.
    whisper = MOONSHINE_MODEL if config.asr_model == MOONSHINE else config.asr_model
    asr_model = "base" if language not in (None, "en") and whisper.endswith(".en") else whisper
    model = await loader.load(asr_model)
    # A multilingual model detects unless a language is fixed (German turns fix "de").
    fixed = "en" if asr_model.endswith(".en") else language
    transcriber = FasterWhisperTranscriber(model, DecodingOptions(language=fixed, beam_size=config.beam_size))
    return await _with_synthesizer(config, language, transcriber)


async def _with_synthesizer(
    config: SpeechConfig, language: str | None, transcriber: FasterWhisperTranscriber | MoonshineTranscriber
) -> SpeechBackends:
    synthesizer = (synthesizer_for("de", config.voice_de) if language == "de"  # Piper by path, else espeak-ng
                   else PiperSynthesizer(resolve_voice(config.voice)))
    await synthesizer.load()
    return SpeechBackends(transcriber, synthesizer)


def catalog_hotwords(vocabulary: dict[str, list[str]], limit: int = 80) -> str:
    """Product types, then brands, as decoding hints (Whisper's prompt holds ~220 tokens)."""
    words = [*vocabulary.get("type", []), *vocabulary.get("brand", [])]
    return ", ".join(list(dict.fromkeys(words))[:limit])
