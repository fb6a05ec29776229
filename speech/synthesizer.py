"""The `Synthesizer` interface: text in, 16-bit mono speech out, whole or sentence by sentence."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Protocol

SAMPLE_WIDTH = 2
"""Bytes per sample of every PCM buffer the speech layer hands out (signed 16-bit LE)."""


@dataclass(frozen=True)
class AudioChunk:
    """The speech for one sentence of a reply, ready to play or send."""

    pcm: bytes
    """Signed 16-bit little-endian mono samples."""
    rate: int
    """Samples per second."""
    is_first: bool
    """True for the first chunk of a reply: a player can start as soon as it arrives."""
    elapsed_ms: float
    """Milliseconds from the start of `stream()` until this chunk was ready."""
    is_last: bool = False
    """True for the last chunk of a reply."""
    text: str = ""
    """The normalized sentence this chunk speaks (for logs and captions)."""

    @property
    def duration_s(self) -> float:
        """Length of the chunk's audio in seconds."""
        return len(self.pcm) / (SAMPLE_WIDTH * self.rate)


class Synthesizer(Protocol):
    """Speech synthesis backend. Implementations load their model once and never block the loop."""

    @property
    def sample_rate(self) -> int:
        """Rate of the audio this synthesizer produces (Hz)."""
        ...

    async def synthesize(self, text: str) -> bytes:
        """Speak the whole of `text` and return it as one 16-bit mono WAV file."""
        ...

    def stream(self, text: str) -> AsyncIterator[AudioChunk]:
        """Speak `text` sentence by sentence, yielding each sentence's audio as soon as it is ready.

        Each sentence is normalized (`speech.normalize`) before synthesis; empty text yields
        nothing.
        """
        ...
