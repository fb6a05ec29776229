"""Whisper through CTranslate2 directly: the work from samples to text, done once each.

faster-whisper's `transcribe` is built for long recordings: it always encodes a 30 s window, runs its
own Silero VAD pass and rebuilds its tokenizer and options per call. A shopping command is 2–5 s, so
this decoder does only what such a clip needs:
- log-mel features of the clip itself (faster-whisper's extractor), once;
- the encoder over a window that fits the clip with room to spare (`window_frames`): on the bench's
  3–4 s commands a 10 s window gave a lower WER than 30 s at about a third of the encoder's time,
  while windows with less than ~6 s of trailing padding made Whisper loop;
- language detection, when asked, on that same encoder output;
- greedy (or beam) decoding after a short context prompt, reusing the encoder output.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from speech.audio import SAMPLE_RATE

if TYPE_CHECKING:
    from faster_whisper import WhisperModel
    from faster_whisper.tokenizer import Tokenizer

FULL_WINDOW = 3000
"""Whisper's own window: 30 s of 10 ms mel frames."""
MIN_WINDOW = 1000
"""The shortest encoder window used (10 s)."""
TRAILING_FRAMES = 600
"""Padding kept after the clip's last frame (6 s): with less, tiny.en ran on into loops."""


def window_frames(frames: int) -> int:
    """Encoder frames for a clip of `frames` mel frames: at least `MIN_WINDOW`, the clip plus
    `TRAILING_FRAMES`, rounded up to a whole second, at most `FULL_WINDOW`."""
    wanted = max(MIN_WINDOW, math.ceil((frames + TRAILING_FRAMES) / 100) * 100)
    return min(FULL_WINDOW, wanted)


@dataclass(frozen=True)
class Decoded:
    """One decoding of one clip."""

    text: str
    """The words, stripped."""
    language: str
    """The language decoded (given or detected)."""
    avg_logprob: float
    """Mean log-probability per token, end of text included (Whisper's own measure)."""
    no_speech_prob: float
    """Probability of Whisper's no-speech token at the first step."""
    tokens: int
    """Tokens decoded."""
    window_s: float
    """Length of the encoder window used, in seconds."""
    alternatives: tuple[str, ...] = ()
    """The beam's other finished hypotheses, most likely first (n-best), when more were asked for."""


class CTranslate2Decoder:
    """A loaded faster-whisper `WhisperModel` used at the CTranslate2 level. Blocking calls: run
    them in a worker thread."""

    def __init__(self, model: WhisperModel) -> None:
        self.model = model
        self._tokenizers: dict[str, Tokenizer] = {}

    @property
    def multilingual(self) -> bool:
        return bool(self.model.model.is_multilingual)

    def decode(
        self, samples: np.ndarray, language: str | None, prompt: str | None = None,
        beam_size: int = 1, max_new_tokens: int = 200, hypotheses: int = 1,
    ) -> Decoded:
        """`samples` (16 kHz mono float32) to text; `language` None detects it (multilingual models).

        `hypotheses` > 1 (at most `beam_size`) also returns the beam's runners-up as `alternatives`.
        """
        import ctranslate2

        features = self.model.feature_extractor(samples)
        window = window_frames(features.shape[-1])
        padded = np.zeros((1, features.shape[0], window), dtype=np.float32)
        kept = min(window, features.shape[-1])
        padded[0, :, :kept] = features[:, :kept]
        encoded = self.model.model.encode(ctranslate2.StorageView.from_array(padded), to_cpu=False)
        if language is None:
            language = self._detect(encoded) if self.multilingual else "en"
        tokenizer = self._tokenizer(language)
        ids = [tokenizer.sot_prev, *tokenizer.encode(" " + prompt.strip())] if prompt else []
        ids += [*tokenizer.sot_sequence, tokenizer.no_timestamps]
        result = self.model.model.generate(
            encoded, [ids], beam_size=beam_size, num_hypotheses=max(1, min(hypotheses, beam_size)),
            max_length=len(ids) + max_new_tokens, return_scores=True, return_no_speech_prob=True,
            suppress_blank=True, suppress_tokens=[-1],
        )[0]
        tokens = [t for t in result.sequences_ids[0] if t < tokenizer.eot]
        others = tuple(tokenizer.decode([t for t in seq if t < tokenizer.eot]).strip()
                       for seq in result.sequences_ids[1:])
        return Decoded(
            text=tokenizer.decode(tokens).strip(),
            language=language,
            # CTranslate2 divides the summed log-probability by the length (length_penalty 1), as faster-whisper undoes
            avg_logprob=result.scores[0] * len(tokens) / (len(tokens) + 1),
            no_speech_prob=result.no_speech_prob,
            tokens=len(tokens),
            window_s=window / 100,
            alternatives=others,
        )

    def speech_seconds(self, samples: np.ndarray, threshold: float, min_speech_ms: int) -> float:
        """Seconds of voice the Silero VAD (shipped with faster-whisper) finds in 16 kHz `samples`."""
        from faster_whisper.vad import VadOptions, get_speech_timestamps

        options = VadOptions(threshold=threshold, min_speech_duration_ms=min_speech_ms)
        return sum(chunk["end"] - chunk["start"] for chunk in get_speech_timestamps(samples, options)) / SAMPLE_RATE

    def _detect(self, encoded: object) -> str:
        ranked = self.model.model.detect_language(encoded)[0]
        return ranked[0][0].strip("<|>")

    def _tokenizer(self, language: str) -> Tokenizer:
        tokenizer = self._tokenizers.get(language)
        if tokenizer is None:
            from faster_whisper.tokenizer import Tokenizer

            tokenizer = Tokenizer(self.model.hf_tokenizer, self.multilingual, task="transcribe", language=language)
            self._tokenizers[language] = tokenizer
        return tokenizer
