"""Whisper models side by side for one language in `emma bench audio --lang xx`: each candidate
(`base`, `small`) hears the same clean and noisy clips with the language fixed, through the same
guards as a served turn, and is judged on WER, the intent the NLU reads from what it heard, and
time. A candidate that cannot be loaded is printed with the reason, never skipped silently.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from fulfillment.tools.bench import percentile
from fulfillment.tools.bench_clips import BenchClip
from speech.errors import ModelNotFound
from speech.faster_whisper_transcriber import DecodingOptions, FasterWhisperTranscriber
from speech.models import ModelLoader, ModelSettings
from speech.repetition import fit_transcript
from speech.wav import read_wav
from speech.wer import wer

CANDIDATES = ("base", "small")
"""Multilingual Whisper models a non-English shop can run (`speech.models`)."""


class ModelSource(Protocol):
    """Where a model comes from: `speech.models.ModelLoader`, or the served model already loaded."""

    async def load(self, name: str) -> Any: ...


@dataclass
class ModelFigures:
    """One model on the bench clips."""

    name: str
    load_ms: float | None = None
    """Time to load it; None when it was already loaded (the served model)."""
    size_mb: float = 0.0
    """Size of its model.bin on disk."""
    unavailable: str = ""
    """Why it was not measured (empty when it was)."""
    heard: dict[bool, list[tuple[str, str]]] = field(default_factory=dict)
    """noisy? -> (reference, transcript) per clip."""
    times: dict[bool, list[float]] = field(default_factory=dict)
    intents: dict[bool, list[tuple[str, str]]] = field(default_factory=dict)
    """noisy? -> (expected intent, the NLU's reading of the transcript) per clip."""

    def wer(self, noisy: bool) -> float:
        return 100 * wer(self.heard.get(noisy, []))

    def intent_accuracy(self, noisy: bool) -> float:
        pairs = self.intents.get(noisy, [])
        return 100.0 * sum(e == g for e, g in pairs) / len(pairs) if pairs else float("nan")

    def row(self) -> str:
        if self.unavailable:
            return f"{self.name:<8} not measured: {self.unavailable}"
        clean, noisy = self.times.get(False, []), self.times.get(True, [])
        load = "served" if self.load_ms is None else f"{self.load_ms:.0f}"
        return (f"{self.name:<8}{self.size_mb:8.0f}{load:>9}"
                f"{percentile(clean, 50):9.0f}{percentile(clean, 95):8.0f}{percentile(noisy, 50):9.0f}"
                f"{self.wer(False):8.1f}{self.wer(True):8.1f}"
                f"{self.intent_accuracy(False):9.1f}{self.intent_accuracy(True):9.1f}")


HEADER = (f"{'model':<8}{'MB':>8}{'load ms':>9}{'p50 ms':>9}{'p95 ms':>8}{'noisy50':>9}"
          f"{'WER %':>8}{'noisy':>8}{'intent %':>9}{'noisy':>9}")


class _Served:
    """The served model, already loaded: measured without a second copy."""

    def __init__(self, model: object) -> None:
        self.model = model

    async def load(self, name: str) -> Any:
        return self.model


async def measure_model(
    name: str, loader: ModelSource, language: str, beam_size: int, clips: list[BenchClip], hotwords: str,
    parse: Callable[[str], Awaitable[str]], model_dir: Callable[[str], Path],
) -> ModelFigures:
    """`name` on every clip, language fixed, as served (context prompt, guards, loop cutting)."""
    figures = ModelFigures(name)
    t0 = time.perf_counter()
    try:
        model = await loader.load(name)
    except ModelNotFound as err:
        figures.unavailable = f"{err.code}: {err.message}"
        return figures
    figures.load_ms = None if isinstance(loader, _Served) else (time.perf_counter() - t0) * 1000
    figures.size_mb = (model_dir(name) / "model.bin").stat().st_size / 1e6
    transcriber = FasterWhisperTranscriber(model, DecodingOptions(language=language, beam_size=beam_size))
    await transcriber.transcribe(read_wav(clips[0].wav), hotwords)  # warm-up: the first call pays setup
    for clip in clips:
        t0 = time.perf_counter()
        transcript = fit_transcript(await transcriber.transcribe(read_wav(clip.wav), hotwords))
        figures.times.setdefault(clip.noisy, []).append((time.perf_counter() - t0) * 1000)
        figures.heard.setdefault(clip.noisy, []).append((clip.text, transcript.text))
        heard = await parse(transcript.text) if transcript.text.strip() else ""
        figures.intents.setdefault(clip.noisy, []).append((clip.intent, heard))
    return figures


async def compare_models(
    home: Path, language: str, beam_size: int, clips: list[BenchClip], hotwords: str,
    parse: Callable[[str], Awaitable[str]], served: tuple[str, object], candidates: tuple[str, ...] = CANDIDATES,
    model_dir: Callable[[str], Path] | None = None,
) -> list[ModelFigures]:
    """Every candidate, one after the other; `served` (name, loaded model) is reused, the others are loaded
    for their turn and let go after it. `model_dir` finds a model's folder (`speech.models` by default)."""
    from speech.models import resolve_model_dir

    measured = []
    for name in candidates:
        loader: ModelSource = _Served(served[1]) if name == served[0] else ModelLoader(ModelSettings(home=home))
        measured.append(await measure_model(name, loader, language, beam_size, clips, hotwords, parse,
                                            model_dir or (lambda n: resolve_model_dir(n, home))))
    return measured


def comparison_rows(figures: list[ModelFigures], served: str, clips: int) -> list[str]:
    """The table under a line naming the served model."""
    return [f"Whisper models on {clips} clean + {clips} noisy clips (served: {served}):", HEADER,
            *(f.row() for f in figures)]
