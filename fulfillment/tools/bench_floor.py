"""Whisper's floor for `emma bench audio`: CTranslate2 called directly, with nothing around it.

The mel features are made before the clock starts; what is timed is the encoder alone, and the
encoder plus greedy decoding of the English prompt (what any Whisper server must at least do), both
on Whisper's standard 30 s window. The same greedy call on the shorter window Emma encodes a short
clip with (`speech.whisper_decoder.window_frames`) is timed too, so the table shows how much of
Emma's lead comes from the window and how much from doing nothing else.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from speech.whisper_decoder import window_frames

if TYPE_CHECKING:
    from faster_whisper import WhisperModel

    from speech.audio import Audio


@dataclass(frozen=True)
class FloorRun:
    """One clip through CTranslate2 directly; times in ms."""

    features_ms: float
    """Log-mel features (not part of the floor; printed so the path can be read)."""
    encoder_ms: float
    """The encoder alone."""
    floor_ms: float
    """Encoder plus greedy decoding on the 30 s window: the floor Emma's recognition is compared with."""
    window_floor_ms: float
    """Encoder plus greedy decoding on Emma's window for this clip."""
    text: str
    """What greedy decoding heard."""


class CTranslate2Floor:
    """Runs a loaded `WhisperModel`'s CTranslate2 model without faster-whisper's pipeline."""

    def __init__(self, model: WhisperModel) -> None:
        from faster_whisper.tokenizer import Tokenizer

        self.model = model
        tokenizer = Tokenizer(model.hf_tokenizer, model.model.is_multilingual, task="transcribe", language="en")
        self.prompt = [*tokenizer.sot_sequence, tokenizer.no_timestamps]
        self.tokenizer = tokenizer

    def run(self, audio: Audio) -> FloorRun:
        """Blocking; call it in a worker thread like the transcriber's own decoding."""
        import ctranslate2
        from faster_whisper.transcribe import pad_or_trim

        t0 = time.perf_counter()
        features = self.model.feature_extractor(audio.samples)
        full = _view(pad_or_trim(features), ctranslate2)
        short = _view(pad_or_trim(features, window_frames(features.shape[-1])), ctranslate2)
        t1 = time.perf_counter()
        self.model.model.encode(full, to_cpu=False)
        t2 = time.perf_counter()
        result = self.model.model.generate(full, [self.prompt], beam_size=1)[0]
        t3 = time.perf_counter()
        self.model.model.generate(short, [self.prompt], beam_size=1)
        t4 = time.perf_counter()
        text = self.tokenizer.decode([t for t in result.sequences_ids[0] if t < self.tokenizer.eot]).strip()
        return FloorRun((t1 - t0) * 1000, (t2 - t1) * 1000, (t3 - t2) * 1000, (t4 - t3) * 1000, text)


def _view(features: np.ndarray, ctranslate2: Any) -> Any:
    return ctranslate2.StorageView.from_array(np.ascontiguousarray(features[None], dtype=np.float32))
