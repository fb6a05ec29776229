"""`Transcriber` on faster-whisper, tuned for short shopping commands.

Silence and noise must never become text, so three guards surround the model:
1. an energy gate (RMS in dBFS) before it: digital silence and a dead mic never reach Whisper;
2. the Silero VAD faster-whisper ships (`vad_filter`): noise without voice is cut away;
3. after it, Whisper's own no-speech test (`no_speech_prob` high *and* `avg_logprob` low), plus a
   list of phrases Whisper is known to invent on silence (from the language pack of the language heard),
   dropped when the VAD kept almost nothing.
A decoder loop ("hello, hello, hello, ...") is cut short twice: decoding stops after as many tokens
as the clip could hold, and the repeats are collapsed to one copy (`speech.repetition`). The text of
a valid clip therefore always fits the duration it was spoken in.
"""

from __future__ import annotations

import asyncio
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np

from fulfillment.lang import pack_for
from speech.audio import Audio
from speech.errors import TranscriptionError
from speech.repetition import collapse_loops, max_new_tokens
from speech.transcriber import Transcript

if TYPE_CHECKING:
    from faster_whisper import WhisperModel



@dataclass(frozen=True)
class DecodingOptions:
    """Every decoding choice, each with the reason it suits short shopping commands."""

    beam_size: int = 1
    """Greedy: on our 2–4 s fixtures beam 5 gave the same WER (tiny.en and base) and took
    the same CPU or up to 1.25x the wall time; the encoder, not the search, dominates."""
    language: str | None = "en"
    """Fixed: tiny.en only knows English, and on `base` detection is an extra pass that cost
    1.8x the CPU on a 3 s clip for the same WER. None lets `base` detect the language."""
    without_timestamps: bool = True
    """Commands are one segment; timestamp tokens cost decoding steps and are never used."""
    temperature: float | tuple[float, ...] = 0.0
    """No sampling fallback: a doubtful decode would be redone at rising temperatures (up to
    5 more passes), which only lengthens the tail; a misheard command is re-asked instead."""
    condition_on_previous_text: bool = False
    """Each clip is one utterance; conditioning only helps long-form text and spreads loops."""
    vad_filter: bool = True
    """Silero VAD (shipped with faster-whisper) drops non-speech before the model."""
    vad_threshold: float = 0.5
    """Silero speech probability above which a frame counts as voice (its documented default)."""
    vad_min_speech_ms: int = 250
    """Voice bursts shorter than this (clicks, taps) are dropped."""
    prompt_style: Literal["hotwords", "initial_prompt", "off"] = "hotwords"
    """How catalog vocabulary reaches the decoder: faster-whisper `hotwords` (a prompt of hint
    phrases), a plain `initial_prompt`, or not at all."""
    energy_gate_dbfs: float = -60.0
    """Loudest 50 ms window below this is silence: speech at -40 dBFS peak still decodes well,
    while a dead mic or digital silence sits far below."""
    no_speech_threshold: float = 0.6
    """Whisper's no-speech test: drop a segment whose no_speech_prob is above this ..."""
    logprob_threshold: float = -1.0
    """... and whose avg_logprob is below this (Whisper's own defaults)."""
    hallucination_max_speech_s: float = 0.5
    """A known hallucination ("Thank you.") is dropped when the VAD kept less voice than this;
    a real "thank you" lasts ~0.6 s before the VAD's 0.4 s padding either side ..."""
    hallucination_no_speech: float = 0.4
    """... or when Whisper itself doubts there was speech (real ones score ~0.1)."""
    hallucinations: frozenset[str] | None = None
    """Those phrases, lowercased without punctuation; None takes the language pack's of the language heard."""
    token_ceiling: int = 200
    """Most tokens decoded for any clip: Whisper holds 448, and a hotword prompt may take up to 224."""

    def to_kwargs(self, hotwords: str | None, duration_s: float | None = None) -> dict[str, object]:
        """The keyword arguments for `WhisperModel.transcribe`; `duration_s` caps the tokens decoded."""
        kwargs: dict[str, object] = {
            "language": self.language,
            "beam_size": self.beam_size,
            "temperature": self.temperature,
            "without_timestamps": self.without_timestamps,
            "condition_on_previous_text": self.condition_on_previous_text,
            "no_speech_threshold": self.no_speech_threshold,
            "log_prob_threshold": self.logprob_threshold,
            "vad_filter": self.vad_filter,
        }
        if duration_s is not None:
            kwargs["max_new_tokens"] = max_new_tokens(duration_s, self.token_ceiling)
        if self.vad_filter:
            kwargs["vad_parameters"] = {
                "threshold": self.vad_threshold,
                "min_speech_duration_ms": self.vad_min_speech_ms,
            }
        if hotwords and self.prompt_style == "hotwords":
            kwargs["hotwords"] = hotwords
        elif hotwords and self.prompt_style == "initial_prompt":
            kwargs["initial_prompt"] = hotwords
        return kwargs


class FasterWhisperTranscriber:
    """A loaded `WhisperModel` plus decoding options; see `models.ModelLoader` for loading."""

    def __init__(self, model: WhisperModel, options: DecodingOptions = DecodingOptions()) -> None:
        self.model = model
        self.options = options

    async def transcribe(self, audio: Audio, hotwords: str | None = None) -> Transcript:
        """Recognize `audio` in a worker thread (decoding included)."""
        return await asyncio.to_thread(decode, self.model, audio, self.options, hotwords)


def decode(model: WhisperModel, audio: Audio, options: DecodingOptions, hotwords: str | None = None) -> Transcript:
    """Guarded, blocking recognition; consumes faster-whisper's lazy segments here."""
    language = options.language or "en"
    if peak_dbfs(audio.samples) < options.energy_gate_dbfs:
        return Transcript.silence(audio.duration_s, language, "energy")
    try:
        segments, info = model.transcribe(audio.samples, **options.to_kwargs(hotwords, audio.duration_s))
        segments = list(segments)  # the generator does the decoding: keep it in this thread
    except Exception as err:  # the backend's errors are not part of Emma's API
        raise TranscriptionError(f"Whisper failed: {type(err).__name__}: {err}") from err
    language = info.language or language
    speech_s = info.duration_after_vad if options.vad_filter else info.duration
    if options.vad_filter and speech_s <= 0.0:
        return Transcript.silence(audio.duration_s, language, "vad")
    if not segments:
        return Transcript.silence(audio.duration_s, language, "no_speech")
    no_speech = max(s.no_speech_prob for s in segments)
    kept = [
        s
        for s in segments
        if not (s.no_speech_prob > options.no_speech_threshold and s.avg_logprob < options.logprob_threshold)
    ]
    scores = {
        "no_speech_prob": no_speech,
        "avg_logprob": _mean_logprob(kept or segments),
    }
    if not kept:
        return Transcript.silence(audio.duration_s, language, "no_speech", **scores)
    collapsed = collapse_loops(" ".join(s.text.strip() for s in kept).strip(), audio.duration_s)
    text = collapsed.text
    if not _words(text):
        return Transcript.silence(audio.duration_s, language, "empty", **scores)
    hallucinations = options.hallucinations if options.hallucinations is not None else (
        pack_for(language).asr_hallucinations
    )
    # A loop is the decoder inventing: if what is left is a known filler, none of it was said.
    if _words(text) in hallucinations and (
        collapsed.looped or speech_s < options.hallucination_max_speech_s
        or no_speech >= options.hallucination_no_speech
    ):
        return Transcript.silence(audio.duration_s, language, "hallucination", **scores)
    return Transcript(
        text=text,
        language=language,
        avg_logprob=scores["avg_logprob"],
        no_speech_prob=no_speech,
        duration_s=audio.duration_s,
        heard_speech=True,
    )


def peak_dbfs(samples: np.ndarray, frame: int = 800) -> float:
    """RMS level of the loudest `frame`-sample window (50 ms at 16 kHz), in dBFS.

    The loudest window, not the whole clip, so a short command in a long quiet clip still
    passes; -inf for digital silence.
    """
    if samples.size == 0:
        return -math.inf
    frame = min(frame, samples.size)
    whole = samples[: samples.size - samples.size % frame].reshape(-1, frame)
    windows = np.vstack([whole, samples[-frame:]]).astype(np.float64)  # the tail counts too
    rms = math.sqrt(float(np.max(np.mean(np.square(windows), axis=1))))
    return 20.0 * math.log10(rms) if rms > 0.0 else -math.inf


def _mean_logprob(segments: list) -> float:
    """Token-weighted mean of the segments' avg_logprob."""
    weights = [max(len(s.tokens), 1) for s in segments]
    return sum(s.avg_logprob * w for s, w in zip(segments, weights, strict=True)) / sum(weights)


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split())
