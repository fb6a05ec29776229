"""Settings of the speech channel, built from Emma's speech settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from speech.wav import WavLimits

if TYPE_CHECKING:
    from fulfillment.settings import SpeechSettings


@dataclass(frozen=True)
class SpeechConfig:
    home: Path
    """Emma's home: joined models and kept audio live here."""
    asr_model: str = "tiny.en"
    """`tiny.en` (English default), `base` (multilingual: what German and other languages are heard with when
    this is an English-only model), `small` (optional; refused while its packages are incomplete) or a
    CTranslate2 folder."""
    voice: str | None = None
    """Path of a piper `.onnx` voice; default en_US-joe-medium from its package."""
    voice_de: str | None = None
    """Path of a German piper voice; default espeak-ng's German (`speech.language_voices`)."""
    beam_size: int = 5
    """Whisper's beam (EMMA_ASR_BEAM): 5 hears more (see `DecodingOptions.beam_size`) and gives the
    NLU runners-up to choose among; 1 (greedy) is fastest."""
    max_seconds: float = 30.0
    """Longer recordings are refused from the header, before decoding."""
    max_bytes: int = 4 * 1024 * 1024
    """Largest audio body accepted (30 s of 48 kHz stereo 16-bit is 5.8 MB; 16 kHz mono is 1 MB)."""
    max_active: int = 2
    """Audio turns decoded at once (the machine has 2 cores)."""
    max_waiting: int = 4
    """Audio turns allowed to queue; beyond that the answer is 503 with Retry-After."""
    max_text_chars: int = 500
    """The conversation's limit on a turn's text; a transcript is cut to it, never refused for it."""

    @property
    def limits(self) -> WavLimits:
        return WavLimits(max_seconds=self.max_seconds, max_bytes=self.max_bytes)

    @property
    def audio_dir(self) -> Path:
        return self.home / "audio"

    @classmethod
    def from_settings(cls, speech: SpeechSettings, home: Path, max_text_chars: int = 500) -> SpeechConfig:
        return cls(home=home, asr_model=speech.asr_model, voice=speech.voice, voice_de=speech.voice_de,
                   beam_size=speech.beam_size,
                   max_seconds=speech.max_seconds, max_text_chars=max_text_chars)
