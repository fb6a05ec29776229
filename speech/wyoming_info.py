"""What Emma's Wyoming server answers to `describe`: its Whisper models and voices, each with the
languages it serves."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wyoming.info import AsrModel, AsrProgram, Attribution, Info, TtsProgram, TtsVoice

from speech.language_routes import LanguageRoutes
from speech.voices import Voice

EMMA = Attribution(name="Emma", url="")
WHISPER = Attribution(
    name="OpenAI Whisper via faster-whisper", url="https://github.com/SYSTRAN/faster-whisper"
)
PIPER = Attribution(name="Piper", url="https://github.com/OHF-Voice/piper1-gpl")
ESPEAK = Attribution(name="eSpeak NG", url="https://github.com/espeak-ng/espeak-ng")
WHISPER_LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "pl")
"""Languages advertised for a multilingual Whisper model (it knows ~100; these are the ones a
shop front would pick from)."""


@dataclass(frozen=True)
class AsrModelEntry:
    """One speech-recognition model the server can use."""

    name: str
    """Model name as `speech.models` resolves it, e.g. `tiny.en` or `base`."""
    languages: tuple[str, ...]
    """Language codes the model transcribes."""

    @classmethod
    def whisper(cls, name: str) -> AsrModelEntry:
        """`*.en` models are English-only; others are multilingual."""
        return cls(name, ("en",) if name.endswith(".en") else WHISPER_LANGUAGES)


@dataclass(frozen=True)
class VoiceEntry:
    """One voice the server speaks with."""

    name: str
    language: str
    engine: str = "Piper"
    """`Piper` or `espeak-ng`."""

    @classmethod
    def of(cls, voice: Voice | VoiceEntry) -> VoiceEntry:
        return voice if isinstance(voice, VoiceEntry) else cls(voice.name, voice.language)


def routes_info(routes: LanguageRoutes, version: str) -> Info:
    """The `info` of a server routing by language: each model with the languages it hears, each voice
    with its language, as `LanguageRoutes` will honour a request for them."""
    heard: dict[str, list[str]] = {}
    for language, route in routes.routes.items():
        heard.setdefault(route.model, []).append(language)
    voices = [VoiceEntry(r.voice, language, "espeak-ng" if r.voice.startswith("espeak-ng") else "Piper")
              for language, r in routes.routes.items()]
    return build_info([AsrModelEntry(name, tuple(langs)) for name, langs in heard.items()], voices, version)


def build_info(asr_models: Sequence[AsrModelEntry], voices: Sequence[Voice | VoiceEntry], version: str) -> Info:
    """The `info` event payload for these models and voices."""
    entries = [VoiceEntry.of(voice) for voice in voices]
    asr = AsrProgram(
        name="emma-asr",
        description="Emma speech recognition (faster-whisper)",
        attribution=EMMA,
        installed=True,
        version=version,
        supports_transcript_streaming=True,  # partial transcripts for clients that ask (wyoming_server)
        models=[
            AsrModel(
                name=model.name,
                description=f"Whisper {model.name}",
                attribution=WHISPER,
                installed=True,
                version=None,
                languages=list(model.languages),
            )
            for model in asr_models
        ],
    )
    tts = TtsProgram(
        name="emma-tts",
        description="Emma speech synthesis (Piper, espeak-ng)",
        attribution=EMMA,
        installed=True,
        version=version,
        supports_synthesize_streaming=True,  # synthesize-start/chunk/stop, spoken sentence by sentence
        voices=[
            TtsVoice(
                name=voice.name,
                description=f"{voice.engine} {voice.name}",
                attribution=ESPEAK if voice.engine == "espeak-ng" else PIPER,
                installed=True,
                version=None,
                languages=[voice.language],
            )
            for voice in entries
        ],
    )
    return Info(asr=[asr] if asr_models else [], tts=[tts] if entries else [])
