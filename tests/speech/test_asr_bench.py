"""The decoding benchmark on two fixtures (integration: runs tiny.en)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from speech.asr_bench import decoding_variants, measure_decoding
from speech.faster_whisper_transcriber import DecodingOptions
from speech.models import resolve_model_dir

AUDIO = Path(__file__).parents[1] / "data" / "audio"


def test_each_variant_flips_one_choice() -> None:
    variants = decoding_variants()
    base = variants.pop("default")
    assert base == DecodingOptions()
    for name, options in variants.items():
        changed = [f for f in vars(base) if getattr(base, f) != getattr(options, f)]
        assert len(changed) == 1, name


@pytest.mark.integration
def test_measure_decoding_reports_wer_and_latency(tmp_path: Path) -> None:
    wavs = [
        ((AUDIO / "rain_jackets.wav").read_bytes(), "do you have rain jackets"),
        ((AUDIO / "basket.wav").read_bytes(), "what is in my basket"),
    ]
    base = DecodingOptions()
    variants = {"default": base, "beam_5": replace(base, beam_size=5)}
    rows = measure_decoding(resolve_model_dir("tiny.en", tmp_path), wavs, "rain jacket", variants)
    assert [row["variant"] for row in rows] == ["default", "beam_5"]
    for row in rows:
        assert row["wer"] == 0.0
        assert 0 < row["p50_ms"] <= row["p95_ms"]
        assert row["clips"] == 2
