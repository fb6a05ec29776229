"""Whisper through CTranslate2 directly: the encoder window, and the real model's n-best (integration)."""

from __future__ import annotations

from pathlib import Path

import pytest

from speech.wav import read_wav
from speech.whisper_decoder import FULL_WINDOW, CTranslate2Decoder, window_frames

AUDIO = Path(__file__).parents[1] / "data" / "audio"


@pytest.mark.parametrize(
    ("clip_frames", "window"),
    [(0, 1000), (301, 1000), (400, 1000), (401, 1100), (1000, 1600), (2400, 3000), (2401, 3000), (5000, 3000)],
)
def test_the_window_leaves_six_seconds_after_the_clip_within_whispers_thirty(clip_frames: int, window: int) -> None:
    assert window_frames(clip_frames) == window <= FULL_WINDOW


@pytest.mark.integration
def test_the_real_model_hears_a_fixture_and_offers_runners_up(tmp_path: Path) -> None:
    from speech.models import load_whisper, resolve_model_dir

    decoder = CTranslate2Decoder(load_whisper(resolve_model_dir("tiny.en", tmp_path), "cpu", "int8", 2))
    audio = read_wav((AUDIO / "rain_jackets.wav").read_bytes())
    decoded = decoder.decode(audio.samples, "en", "Emma, the shop assistant.", beam_size=5, hypotheses=3)
    assert "rain jacket" in decoded.text.lower()
    assert decoded.window_s == 10.0 and decoded.language == "en"
    assert -1.0 < decoded.avg_logprob < 0 and decoded.no_speech_prob < 0.2
    assert 1 <= len(decoded.alternatives) <= 2
    assert decoder.speech_seconds(audio.samples, 0.5, 250) > 0.5
