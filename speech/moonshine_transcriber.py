"""`Transcriber` on Moonshine tiny English, an option beside Whisper (`EMMA_ASR_MODEL=moonshine`).

The model comes inside the `moonshine-voice` wheel, pinned at 0.1.0 in the `moonshine` extra: 0.1.0
ships `assets/tiny-en/` (encoder_model.ort 13 MB, decoder_model_merged.ort 30 MB, tokenizer.bin);
0.1.3 and 0.1.5 ship only the tokenizer and download the weights from a CDN on first use, which
Emma never does. Code and English models are MIT-licensed (the package's LICENSE and README; other
languages' models are under a non-commercial licence and are not used). English only: German needs
multilingual Whisper.

Moonshine gives no token scores, so the transcript's scores are neutral; silence is caught by the
same energy gate as Whisper's and by Moonshine's own VAD (no line, no text).
"""

from __future__ import annotations

import asyncio
import re
from importlib import util
from pathlib import Path
from typing import Any

import numpy as np

from speech.audio import SAMPLE_RATE, Audio
from speech.errors import ModelNotFound, TranscriptionError
from speech.faster_whisper_transcriber import peak_dbfs
from speech.transcriber import Transcript

MODEL_FILES = ("encoder_model.ort", "decoder_model_merged.ort", "tokenizer.bin")
ENERGY_GATE_DBFS = -60.0
"""The same silence gate as Whisper's (`DecodingOptions.energy_gate_dbfs`)."""


def embedded_model_dir() -> Path:
    """The tiny English model inside the installed wheel; `ModelNotFound` unless all of it is there."""
    if util.find_spec("moonshine_voice") is None:
        raise ModelNotFound("Moonshine needs the moonshine extra: pip install -e '.[moonshine]'.")
    from moonshine_voice.utils import get_model_path

    path = Path(get_model_path("tiny-en"))
    missing = [name for name in MODEL_FILES if not (path / name).is_file()]
    if missing:
        raise ModelNotFound(
            f"moonshine-voice at {path} lacks {', '.join(missing)}: only 0.1.0 ships the model "
            "(pip install 'moonshine-voice==0.1.0'); Emma never downloads one."
        )
    return path


class MoonshineTranscriber:
    """Moonshine tiny English, loaded once; decoding runs in a worker thread."""

    def __init__(self, model: Any) -> None:
        """`model` is a loaded `moonshine_voice.Transcriber` (or a fake with `transcribe_without_streaming`)."""
        self.model = model

    @classmethod
    async def load(cls) -> MoonshineTranscriber:
        def blocking() -> Any:
            from moonshine_voice import ModelArch, Transcriber

            return Transcriber(str(embedded_model_dir()), ModelArch.TINY)

        return cls(await asyncio.to_thread(blocking))

    async def transcribe(self, audio: Audio, hotwords: str | None = None) -> Transcript:
        """Recognize `audio`; `hotwords` are ignored (Moonshine takes no prompt)."""
        if peak_dbfs(audio.samples) < ENERGY_GATE_DBFS:
            return Transcript.silence(audio.duration_s, "en", "energy")
        text = await asyncio.to_thread(self._decode, audio.samples)
        if not re.sub(r"[^\w]", "", text):
            return Transcript.silence(audio.duration_s, "en", "vad")
        return Transcript(text=text, language="en", avg_logprob=0.0, no_speech_prob=0.0,
                          duration_s=audio.duration_s, heard_speech=True)

    def _decode(self, samples: np.ndarray) -> str:
        try:
            result = self.model.transcribe_without_streaming(samples.tolist(), SAMPLE_RATE)
        except Exception as err:  # the backend's errors are not part of Emma's API
            raise TranscriptionError(f"Moonshine failed: {type(err).__name__}: {err}") from err
        return " ".join(line.text.strip() for line in result.lines if line.text.strip())
