"""Builds the real speech backends from SpeechConfig (models loaded once, on first use)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from speech.config import SpeechConfig
from speech.espeak_synthesizer import EspeakSynthesizer
from speech.faster_whisper_transcriber import DecodingOptions, FasterWhisperTranscriber
from speech.language_routes import LanguageRoutes, Route, language_code
from speech.language_voices import synthesizer_for
from speech.memory import limit_malloc_arenas
from speech.models import ModelLoader, ModelSettings
from speech.moonshine_transcriber import MoonshineTranscriber
from speech.piper_synthesizer import PiperSynthesizer
from speech.synthesizer import Synthesizer
from speech.transcriber import Transcriber
from speech.voices import resolve_voice

MOONSHINE = "moonshine"
"""`EMMA_ASR_MODEL` naming Moonshine tiny English (`speech.moonshine_transcriber`) instead of Whisper."""
MOONSHINE_MODEL = "tiny.en"
"""The Whisper model Emma falls back to for other languages when Moonshine is chosen."""
MULTILINGUAL_DEFAULT = "base"
"""Whisper for a language an English-only model cannot hear (German): base, measured against small by
`emma bench audio --lang de`; the small packages on the registry are incomplete (`speech.models`)."""


@dataclass(frozen=True)
class SpeechBackends:
    transcriber: FasterWhisperTranscriber | MoonshineTranscriber
    synthesizer: PiperSynthesizer | EspeakSynthesizer


async def open_speech(
    config: SpeechConfig, language: str | None = None, loader: ModelLoader | None = None
) -> SpeechBackends:
    """Loads Whisper (tiny.en by default) and the piper voice; both stay loaded. Languages opened with
    one `loader` share the Whisper model they have in common."""
    limit_malloc_arenas()  # before the models' threads allocate (speech.memory)
    if config.asr_model == MOONSHINE and language in (None, "en"):  # English only; Whisper otherwise
        return await _with_synthesizer(config, language, await MoonshineTranscriber.load())
    loader = loader or ModelLoader(ModelSettings(home=config.home))
    asr_model = served_model(config.asr_model, language)
    model = await loader.load(asr_model)
    # A multilingual model detects unless a language is fixed (German turns fix "de").
    fixed = "en" if asr_model.endswith(".en") else language
    transcriber = FasterWhisperTranscriber(model, DecodingOptions(language=fixed, beam_size=config.beam_size))
    return await _with_synthesizer(config, language, transcriber)


def served_model(asr_model: str, language: str | None) -> str:
    """The Whisper model `language` is heard with: `asr_model`, unless it knows only English (tiny.en,
    or Moonshine's fallback) and the language is another; then the multilingual default."""
    whisper = MOONSHINE_MODEL if asr_model == MOONSHINE else asr_model
    return MULTILINGUAL_DEFAULT if language not in (None, "en") and whisper.endswith(".en") else whisper


async def _with_synthesizer(
    config: SpeechConfig, language: str | None, transcriber: FasterWhisperTranscriber | MoonshineTranscriber
) -> SpeechBackends:
    synthesizer = (synthesizer_for("de", config.voice_de) if language == "de"  # Piper by path, else espeak-ng
                   else PiperSynthesizer(resolve_voice(config.voice)))
    await synthesizer.load()
    return SpeechBackends(transcriber, synthesizer)


async def open_routes(
    config: SpeechConfig, languages: Sequence[str], loaded: tuple[Transcriber, Synthesizer] | None = None
) -> LanguageRoutes:
    """A route for each of the shop's `languages` (the first is the default): Whisper with the language
    fixed and the language's voice. `loaded` (the voice pipeline's backends) serves the language it was
    opened for, so that one is not loaded twice."""
    loader = ModelLoader(ModelSettings(home=config.home))
    routes: dict[str, Route] = {}
    for language in languages:
        if loaded is not None and backends_language(*loaded) == language:
            transcriber, synthesizer = loaded
        else:
            opened = await open_speech(config, language, loader)
            transcriber, synthesizer = opened.transcriber, opened.synthesizer
        model = MOONSHINE if isinstance(transcriber, MoonshineTranscriber) else served_model(config.asr_model, language)
        routes[language] = Route(transcriber, synthesizer, voice_name(synthesizer), model)
    return LanguageRoutes(routes, languages[0])


def backends_language(transcriber: Transcriber, synthesizer: Synthesizer) -> str | None:
    """The language both backends serve, or None when they serve different ones (or it is not fixed)."""
    if isinstance(transcriber, MoonshineTranscriber):
        heard: str | None = "en"
    else:
        heard = transcriber.options.language if isinstance(transcriber, FasterWhisperTranscriber) else None
    if isinstance(synthesizer, EspeakSynthesizer):
        spoken: str | None = synthesizer.voice.split("+")[0]
    else:
        spoken = language_code(synthesizer.voice.language) if isinstance(synthesizer, PiperSynthesizer) else None
    return heard if heard == spoken else None


def voice_name(synthesizer: Synthesizer) -> str:
    """The name `describe` lists a voice under and a `synthesize` event may ask for."""
    if isinstance(synthesizer, EspeakSynthesizer):
        return f"espeak-ng-{synthesizer.voice}"
    return synthesizer.voice.name if isinstance(synthesizer, PiperSynthesizer) else type(synthesizer).__name__


def catalog_hotwords(vocabulary: dict[str, list[str]], limit: int = 80) -> str:
    """Product types, then brands, as decoding hints (Whisper's prompt holds ~220 tokens)."""
    words = [*vocabulary.get("type", []), *vocabulary.get("brand", [])]
    return ", ".join(list(dict.fromkeys(words))[:limit])
