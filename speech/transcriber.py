"""The speech-recognition interface: `Transcriber` turns `Audio` into a `Transcript`.

One file per backend implements it (`faster_whisper_transcriber.py`); tests use fakes of the
same protocol.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from speech.audio import Audio


@dataclass(frozen=True)
class Transcript:
    """What was heard in one recording."""

    text: str
    """The recognized words, stripped; "" whenever `heard_speech` is False."""
    language: str
    """ISO code of the language decoded (fixed or detected), e.g. "en"."""
    avg_logprob: float
    """Mean token log-probability of the kept text (0 is certain; below -1 is a guess)."""
    no_speech_prob: float
    """Whisper's probability that the window held no speech (1.0 when the model never ran)."""
    duration_s: float
    """Length of the recording in seconds."""
    heard_speech: bool
    """False when silence, noise or a known hallucination was all there was."""
    rejected_by: str | None = None
    """Which guard dropped the audio when `heard_speech` is False: `energy`, `vad`,
    `no_speech`, `hallucination` or `empty`; None when speech was heard."""
    alternatives: tuple[str, ...] = ()
    """Other things the recogniser may have heard, most likely first (n-best), for the NLU to
    choose among (`speech.nbest`); empty when it gives only one."""

    def to_asr(self) -> dict[str, Any]:
        """The ASR details a `TurnRequest.asr` carries."""
        return {
            "language": self.language,
            "avg_logprob": round(self.avg_logprob, 4),
            "no_speech_prob": round(self.no_speech_prob, 4),
            "duration_s": round(self.duration_s, 3),
            "heard_speech": self.heard_speech,
        }

    @classmethod
    def silence(
        cls, duration_s: float, language: str, rejected_by: str, **scores: float
    ) -> Transcript:
        """A transcript for audio in which no speech was heard."""
        return cls(
            text="",
            language=language,
            avg_logprob=scores.get("avg_logprob", float("-inf")),
            no_speech_prob=scores.get("no_speech_prob", 1.0),
            duration_s=duration_s,
            heard_speech=False,
            rejected_by=rejected_by,
        )


class Transcriber(Protocol):
    """Speech recognition behind one method; implementations load their model once."""

    async def transcribe(self, audio: Audio, hotwords: str | None = None) -> Transcript:
        """Recognize `audio`; `hotwords` is catalog vocabulary that biases decoding."""
        ...
