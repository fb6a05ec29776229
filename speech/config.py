"""Settings of the speech channel, read once from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from speech.wav import WavLimits


@dataclass(frozen=True)
class SpeechConfig:
    home: Path
    """EMMA_HOME: joined models and kept audio live here."""
    asr_model: str = "tiny.en"
    """EMMA_ASR_MODEL: `tiny.en` (English default), `base` (multilingual) or a CTranslate2 folder."""
    voice: str | None = None
    """EMMA_VOICE: path of a piper `.onnx` voice; default en_US-joe-medium from its package."""
    beam_size: int = 1
    """EMMA_ASR_BEAM: 1 (greedy) is fastest; 5 cut WER on synthetic espeak-ng speech from 24 % to
    18 % for about 60 ms more per command on 2 cores."""
    max_seconds: float = 30.0
    """EMMA_MAX_AUDIO_SECONDS: longer recordings are refused from the header, before decoding."""
    max_bytes: int = 4 * 1024 * 1024
    """Largest audio body accepted (30 s of 48 kHz stereo 16-bit is 5.8 MB; 16 kHz mono is 1 MB)."""
    keep_audio_days: int = 0
    """EMMA_KEEP_AUDIO_DAYS: keep shoppers' recordings this long (0 = never store them)."""
    max_active: int = 2
    """Audio turns decoded at once (the machine has 2 cores)."""
    max_waiting: int = 4
    """Audio turns allowed to queue; beyond that the answer is 503 with Retry-After."""

    @property
    def limits(self) -> WavLimits:
        return WavLimits(max_seconds=self.max_seconds, max_bytes=self.max_bytes)

    @property
    def audio_dir(self) -> Path:
        return self.home / "audio"

    @classmethod
    def from_env(cls, home: Path, env: Mapping[str, str] | None = None) -> SpeechConfig:
        env = os.environ if env is None else env
        return cls(
            home=home,
            asr_model=env.get("EMMA_ASR_MODEL", "tiny.en"),
            voice=env.get("EMMA_VOICE") or None,
            beam_size=int(env.get("EMMA_ASR_BEAM", "1")),
            max_seconds=float(env.get("EMMA_MAX_AUDIO_SECONDS", "30")),
            keep_audio_days=int(env.get("EMMA_KEEP_AUDIO_DAYS", "0")),
        )
