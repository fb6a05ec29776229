"""`Transcriber` on Whisper (faster-whisper's model files, run by `whisper_decoder`), tuned for short
shopping commands.

Silence and noise must never become text, so guards surround the model:
1. an energy gate (RMS in dBFS) before it: digital silence and a dead mic never reach Whisper;
2. after it, Whisper's own no-speech test (`no_speech_prob` high *and* `avg_logprob` low);
3. when the result is doubtful (Whisper unsure there was speech, a loop, or a phrase it is known to
   invent on silence, from the language pack of the language heard), the Silero VAD faster-whisper
   ships measures how much voice there was: none drops the clip, and a known phrase on less than
   half a second of voice is dropped too. Clear speech never pays for the VAD.
A decoder loop ("hello, hello, hello, ...") is cut short twice: decoding stops after as many tokens
as the clip could hold, and the repeats are collapsed to one copy (`speech.repetition`). The text of
a valid clip therefore always fits the duration it was spoken in.
"""

from __future__ import annotations

import asyncio
import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

import numpy as np

from fulfillment.lang import pack_for
from speech.audio import Audio
from speech.errors import TranscriptionError
from speech.memory import release_soon
from speech.repetition import collapse_loops, max_new_tokens
from speech.transcriber import Transcript
from speech.whisper_decoder import CTranslate2Decoder, Decoded

if TYPE_CHECKING:
    from faster_whisper import WhisperModel


@runtime_checkable
class WhisperDecoder(Protocol):
    """What the guards need from Whisper (`whisper_decoder.CTranslate2Decoder`; fakes in tests)."""

    def decode(
        self, samples: np.ndarray, language: str | None, prompt: str | None = None,
        beam_size: int = 1, max_new_tokens: int = 200, hypotheses: int = 1,
    ) -> Decoded: ...

    def speech_seconds(self, samples: np.ndarray, threshold: float, min_speech_ms: int) -> float:
        """Seconds of voice a VAD finds in `samples`."""
        ...


@dataclass(frozen=True)
class DecodingOptions:
    """Every decoding choice, each with the reason it suits short shopping commands."""

    beam_size: int = 5
    """Beam 5: with the context prompt and the short window, it cut WER on 286 held-out spoken NLU
    test phrases from 22.5 % (greedy) to 19.7 % (wyoming-faster-whisper: 20.9 %), and the short
    window leaves more than the time it costs."""
    hypotheses: int = 5
    """Finished beam hypotheses kept as `Transcript.alternatives` for the NLU to choose among."""
    language: str | None = "en"
    """Fixed: tiny.en only knows English, and on `base` detection is an extra pass. None lets `base`
    detect the language (on the same encoder output)."""
    prompt_style: Literal["context", "hotwords", "off"] = "context"
    """What Whisper decodes after: the language pack's short shop context (`asr_prompt`, ~15 tokens),
    that plus the catalog vocabulary (`hotwords`, ~230 tokens: slower, and on the spoken bench it made
    tiny.en loop on product names), or nothing."""
    vad_threshold: float = 0.5
    """Silero speech probability above which a frame counts as voice (its documented default)."""
    vad_min_speech_ms: int = 250
    """Voice bursts shorter than this (clicks, taps) are dropped."""
    energy_gate_dbfs: float = -60.0
    """Loudest 50 ms window below this is silence: speech at -40 dBFS peak still decodes well,
    while a dead mic or digital silence sits far below."""
    no_speech_threshold: float = 0.6
    """Whisper's no-speech test: drop a clip whose no_speech_prob is above this ..."""
    logprob_threshold: float = -1.0
    """... and whose avg_logprob is below this (Whisper's own defaults)."""
    doubt_no_speech: float = 0.3
    """Above this no_speech_prob (real commands score ~0.01–0.1) the VAD is asked how much voice there was."""
    hallucination_max_speech_s: float = 0.5
    """A known hallucination ("Thank you.") is dropped when the VAD finds less voice than this;
    a real "thank you" lasts ~0.6 s ..."""
    hallucination_no_speech: float = 0.4
    """... or when Whisper itself doubts there was speech (real ones score ~0.1)."""
    hallucinations: frozenset[str] | None = None
    """Those phrases, lowercased without punctuation; None takes the language pack's of the language heard."""
    token_ceiling: int = 200
    """Most tokens decoded for any clip: Whisper holds 448, and a hotword prompt may take up to 224."""

    def prompt(self, language: str, hotwords: str | None) -> str | None:
        """The text Whisper decodes after in `language`; None for none."""
        if self.prompt_style == "off":
            return None
        context = pack_for(language).asr_prompt
        if self.prompt_style == "hotwords" and hotwords:
            return f"{context} {hotwords}".strip()
        return context or None


class FasterWhisperTranscriber:
    """Whisper plus decoding options; see `models.ModelLoader` for loading the model files."""

    def __init__(self, model: WhisperModel | WhisperDecoder, options: DecodingOptions = DecodingOptions()) -> None:
        """`model` is a loaded faster-whisper `WhisperModel` (or, in tests, a `WhisperDecoder`)."""
        self.decoder: WhisperDecoder = model if isinstance(model, WhisperDecoder) else CTranslate2Decoder(model)
        self.options = options

    @property
    def model(self) -> WhisperModel:
        """The loaded model files (the benchmark times CTranslate2 on them directly)."""
        return self.decoder.model  # type: ignore[attr-defined]

    async def transcribe(self, audio: Audio, hotwords: str | None = None) -> Transcript:
        """Recognize `audio` in a worker thread (decoding included)."""
        transcript = await asyncio.to_thread(decode, self.decoder, audio, self.options, hotwords)
        release_soon()  # what the decoder freed goes back to the system (speech.memory)
        return transcript


def decode(
    decoder: WhisperDecoder, audio: Audio, options: DecodingOptions, hotwords: str | None = None
) -> Transcript:
    """Guarded, blocking recognition."""
    language = options.language or "en"
    if peak_dbfs(audio.samples) < options.energy_gate_dbfs:
        return Transcript.silence(audio.duration_s, language, "energy")
    try:
        decoded = decoder.decode(
            audio.samples, options.language, options.prompt(language, hotwords), options.beam_size,
            max_new_tokens(audio.duration_s, options.token_ceiling), options.hypotheses,
        )
    except Exception as err:  # the backend's errors are not part of Emma's API
        raise TranscriptionError(f"Whisper failed: {type(err).__name__}: {err}") from err
    language = decoded.language or language
    scores = {"no_speech_prob": decoded.no_speech_prob, "avg_logprob": decoded.avg_logprob}
    if decoded.no_speech_prob > options.no_speech_threshold and decoded.avg_logprob < options.logprob_threshold:
        return Transcript.silence(audio.duration_s, language, "no_speech", **scores)
    collapsed = collapse_loops(decoded.text, audio.duration_s)
    text = collapsed.text
    if not _words(text):
        return Transcript.silence(audio.duration_s, language, "empty", **scores)
    hallucinations = options.hallucinations if options.hallucinations is not None else (
        pack_for(language).asr_hallucinations
    )
    invented = _words(text) in hallucinations
    if invented or collapsed.looped or decoded.no_speech_prob >= options.doubt_no_speech:
        rejected = _doubtful(decoder, audio, options, decoded, invented, collapsed.looped)
        if rejected is not None:
            return Transcript.silence(audio.duration_s, language, rejected, **scores)
    return Transcript(
        text=text,
        language=language,
        avg_logprob=decoded.avg_logprob,
        no_speech_prob=decoded.no_speech_prob,
        duration_s=audio.duration_s,
        heard_speech=True,
        alternatives=_alternatives(decoded.alternatives, text, audio.duration_s),
    )


def _alternatives(texts: tuple[str, ...], chosen: str, duration_s: float) -> tuple[str, ...]:
    """The runners-up, loops cut, each once, none with the same words as `chosen` or none at all."""
    kept: dict[str, str] = {}
    for text in texts:
        collapsed = collapse_loops(text, duration_s)
        words = _words(collapsed.text)
        if words and not collapsed.looped and words != _words(chosen):
            kept.setdefault(words, collapsed.text)
    return tuple(kept.values())


def _doubtful(
    decoder: WhisperDecoder, audio: Audio, options: DecodingOptions, decoded: Decoded, invented: bool, looped: bool
) -> str | None:
    """Why a doubtful decoding is dropped (`vad` or `hallucination`), or None to keep it."""
    try:
        speech_s = decoder.speech_seconds(audio.samples, options.vad_threshold, options.vad_min_speech_ms)
    except Exception as err:
        raise TranscriptionError(f"The VAD failed: {type(err).__name__}: {err}") from err
    if speech_s <= 0.0:
        return "vad"
    # A loop is the decoder inventing: if what is left is a known filler, none of it was said.
    if invented and (
        looped or speech_s < options.hallucination_max_speech_s
        or decoded.no_speech_prob >= options.hallucination_no_speech
    ):
        return "hallucination"
    return None


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


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s']", " ", text.lower()).split())
