"""What Emma's Wyoming server answers to `describe`: its Whisper models and Piper voices."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wyoming.info import AsrModel, AsrProgram, Attribution, Info, TtsProgram, TtsVoice

from speech.voices import Voice

EMMA = Attribution(name="Emma", url="")
WHISPER = Attribution(
    name="OpenAI Whisper via faster-whisper", url="https://github.com/SYSTRAN/faster-whisper"
)
PIPER = Attribution(name="Piper", url="https://github.com/OHF-Voice/piper1-gpl")
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


def build_info(asr_models: Sequence[AsrModelEntry], voices: Sequence[Voice], version: str) -> Info:
    """The `info` event payload for these models and voices."""
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
        description="Emma speech synthesis (Piper)",
        attribution=EMMA,
        installed=True,
        version=version,
        supports_synthesize_streaming=True,  # synthesize-start/chunk/stop, spoken sentence by sentence
        voices=[
            TtsVoice(
                name=voice.name,
                description=f"Piper {voice.name}",
                attribution=PIPER,
                installed=True,
                version=None,
                languages=[voice.language],
            )
            for voice in voices
        ],
    )
    return Info(asr=[asr] if asr_models else [], tts=[tts] if voices else [])
