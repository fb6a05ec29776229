"""Measure WER and ASR latency of each decoding choice (wired into `emma bench audio`).

Each variant changes one field of the default `DecodingOptions`, so every row reads as
"the default, except ...".
"""

from __future__ import annotations

import time
from dataclasses import asdict, replace
from pathlib import Path

import numpy as np

from speech.faster_whisper_transcriber import DecodingOptions, decode
from speech.models import load_whisper
from speech.wav import WavLimits, read_wav
from speech.wer import wer
from speech.whisper_decoder import CTranslate2Decoder


def decoding_variants(base: DecodingOptions | None = None) -> dict[str, DecodingOptions]:
    """The default and one flip of each choice the transcriber documents."""
    base = base or DecodingOptions()
    return {
        "default": base,
        # the other side of the beam trade-off: greedy when the default searches, a beam of 5 when it doesn't
        "other_beam": replace(base, beam_size=1 if base.beam_size > 1 else 5),
        "detect_language": replace(base, language=None),
        "catalog_hotwords": replace(base, prompt_style="hotwords"),
        "no_prompt": replace(base, prompt_style="off"),
    }


def measure_decoding(
    model_dir: str | Path,
    wavs_with_reference: list[tuple[bytes, str]],
    hotwords: str | None = None,
    variants: dict[str, DecodingOptions] | None = None,
    repeats: int = 1,
    compute_type: str = "int8",
    cpu_threads: int = 2,
) -> list[dict]:
    """One row per variant: WER over all clips and p50/p95 decode time per clip.

    Decoding is deterministic (temperature 0), so WER comes from the first repeat; the timings
    pool every repeat.

    `hotwords` is catalog vocabulary; without it "catalog_hotwords" equals "default".
    Blocking: run it from a CLI or in a worker thread. Loads the model once.
    """
    if not wavs_with_reference:
        raise ValueError("measure_decoding needs at least one (wav bytes, reference) pair")
    model = CTranslate2Decoder(load_whisper(Path(model_dir), "cpu", compute_type, cpu_threads))
    clips = [(read_wav(data, WavLimits()), reference) for data, reference in wavs_with_reference]
    decode(model, clips[0][0], DecodingOptions(), hotwords)  # warm-up: first call pays setup
    chosen = variants or decoding_variants()
    texts: dict[str, list[str]] = {name: [] for name in chosen}
    times_ms: dict[str, list[float]] = {name: [] for name in chosen}
    for repeat in range(repeats):
        for audio, _ in clips:
            for name, options in chosen.items():  # interleaved, so load drift hits all alike
                start = time.perf_counter()
                transcript = decode(model, audio, options, hotwords)
                times_ms[name].append((time.perf_counter() - start) * 1000.0)
                if repeat == 0:
                    texts[name].append(transcript.text)
    references = [reference for _, reference in clips]
    return [
        {
            "variant": name,
            "wer": round(wer(list(zip(references, texts[name], strict=True))), 4),
            "p50_ms": round(float(np.percentile(times_ms[name], 50)), 1),
            "p95_ms": round(float(np.percentile(times_ms[name], 95)), 1),
            "clips": len(clips),
            "hypotheses": texts[name],
            "options": asdict(options),
        }
        for name, options in chosen.items()
    ]
