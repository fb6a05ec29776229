"""`Audio`: what the recognizer consumes — float32 mono samples at 16 kHz.

Mixing to mono and resampling (with soxr) happen here, once, so every recognizer backend can
assume Whisper's input format.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SAMPLE_RATE = 16_000
"""Whisper's input rate; every `Audio` is at this rate."""


@dataclass(frozen=True, eq=False)
class Audio:
    """A decoded recording ready for speech recognition."""

    samples: np.ndarray
    """float32, mono, 16 kHz, nominally in [-1, 1]; read-only."""
    source_rate: int
    """Sample rate of the recording before resampling (Hz)."""
    source_channels: int
    """Channel count of the recording before mixing to mono."""
    duration_s: float
    """Length of the recording in seconds."""

    @property
    def rate(self) -> int:
        """Always `SAMPLE_RATE` (16 kHz)."""
        return SAMPLE_RATE

    @classmethod
    def from_samples(cls, samples: np.ndarray, rate: int) -> Audio:
        """Build from float samples shaped (frames,) or (frames, channels) at any `rate`.

        Channels are averaged to mono, NaN/inf become 0, values are clipped to [-1, 1] and the
        result is resampled to 16 kHz.
        """
        frames = np.asarray(samples, dtype=np.float32)
        if frames.ndim not in (1, 2):
            raise ValueError(f"samples must be 1-D or 2-D, got shape {frames.shape}")
        channels = 1 if frames.ndim == 1 else frames.shape[1]
        mono = frames if frames.ndim == 1 else frames.mean(axis=1, dtype=np.float32)
        mono = np.clip(np.nan_to_num(mono, nan=0.0, posinf=1.0, neginf=-1.0), -1.0, 1.0)
        duration_s = mono.shape[0] / rate
        return cls(
            samples=_freeze(resample(mono, rate)),
            source_rate=rate,
            source_channels=channels,
            duration_s=duration_s,
        )


def resample(mono: np.ndarray, rate: int, target: int = SAMPLE_RATE) -> np.ndarray:
    """Resample float32 mono samples from `rate` to `target` with soxr (high quality)."""
    if rate == target or mono.shape[0] == 0:
        return np.ascontiguousarray(mono, dtype=np.float32)
    import soxr  # deferred: only needed when the rate differs

    return np.ascontiguousarray(soxr.resample(mono, rate, target, quality="HQ"), np.float32)


def _freeze(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array
