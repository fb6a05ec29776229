"""Builds the real speech backends from SpeechConfig (models loaded once, on first use)."""

from __future__ import annotations

from dataclasses import dataclass

from speech.config import SpeechConfig
from speech.faster_whisper_transcriber import DecodingOptions, FasterWhisperTranscriber
from speech.models import ModelLoader, ModelSettings
from speech.piper_synthesizer import PiperSynthesizer
from speech.voices import resolve_voice


@dataclass(frozen=True)
class SpeechBackends:
    transcriber: FasterWhisperTranscriber
    synthesizer: PiperSynthesizer


async def open_speech(config: SpeechConfig, language: str | None = None) -> SpeechBackends:
    """Loads Whisper (tiny.en by default) and the piper voice; both stay loaded."""
    loader = ModelLoader(ModelSettings(home=config.home))
    model = await loader.load(config.asr_model)
    # tiny.en knows only English; a multilingual model detects unless a language is fixed.
    fixed = "en" if config.asr_model.endswith(".en") else language
    transcriber = FasterWhisperTranscriber(model, DecodingOptions(language=fixed, beam_size=config.beam_size))
    synthesizer = PiperSynthesizer(resolve_voice(config.voice))
    await synthesizer.load()
    return SpeechBackends(transcriber, synthesizer)


def catalog_hotwords(vocabulary: dict[str, list[str]], limit: int = 80) -> str:
    """Product types, then brands, as decoding hints (Whisper's prompt holds ~220 tokens)."""
    words = [*vocabulary.get("type", []), *vocabulary.get("brand", [])]
    return ", ".join(list(dict.fromkeys(words))[:limit])
