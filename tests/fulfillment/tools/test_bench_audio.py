"""The pure parts of `emma bench audio`: the utterance tables, padding, noise and the printed rows."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import yaml

from fulfillment.tools.bench_audio import accuracy, goal_row, stage_row
from fulfillment.tools.bench_clips import (
    MAX_S,
    MIN_S,
    clips_key,
    colored_noise,
    engine_of,
    mix_at_snr,
    pad_with_room_tone,
    pick_utterances,
)
from fulfillment.tools.bench_peers import ratio, ratio_row
from fulfillment.tools.bench_shoppers import ENGLISH, GERMAN, Shoppers, ShopperVoice, shoppers_for
from nlu.training import PROJECT

UTTERANCES = ENGLISH.utterances

RATE = 16_000


def _voice(seconds: float) -> np.ndarray:
    """A 0.5-peak tone standing in for speech."""
    t = np.arange(int(seconds * RATE)) / RATE
    return (0.5 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


def _db(power: float) -> float:
    return 10 * math.log10(power)


def _intents(project: Path) -> set[str]:
    """The intents a Rasa project's training data teaches."""
    return {block["intent"] for path in (project / "data").rglob("*.yml")
            for block in (yaml.safe_load(path.read_text()) or {}).get("nlu", []) if "intent" in block}


@pytest.mark.parametrize(("shoppers", "project"), [(ENGLISH, PROJECT), (GERMAN, PROJECT / "de")])
def test_table_has_forty_utterances_over_the_languages_intents(shoppers: Shoppers, project: Path) -> None:
    table = shoppers.utterances
    texts = [text for text, _ in table]
    assert len(table) >= 40
    assert len(set(texts)) == len(texts)
    assert {intent for _, intent in table} <= _intents(project)
    assert len(Counter(intent for _, intent in pick_utterances(table, 40))) >= 20
    # written as the recogniser's text is compared: lower case, no punctuation
    assert all(text == text.lower().strip() and 1 <= len(text.split()) <= 8 for text in texts)
    assert all(char.isalpha() or char in " '" for text in texts for char in text)


def test_german_is_spoken_by_several_voices_on_every_kind_of_turn() -> None:
    voices = {GERMAN.voice_for(i).voice for i in range(len(GERMAN.utterances))}
    assert len(voices) >= 4 and all(v.split("+")[0] == "de" for v in voices)
    assert len({(v.words_per_minute, v.pitch) for v in GERMAN.voices}) == len(GERMAN.voices)  # speed/pitch vary
    assert not GERMAN.piper_fallback  # no German Piper voice ships: espeak-ng or nothing


def test_voice_options_name_speed_and_pitch() -> None:
    assert ShopperVoice("de+f2", 160, pitch=60).args() == ("-v", "de+f2", "-s", "160", "-p", "60")
    assert ShopperVoice("en-us", 150).args() == ("-v", "en-us", "-s", "150")


def test_the_english_cache_key_is_the_one_it_always_had() -> None:
    # one English voice: its clips, cached before languages came, are not made again
    assert engine_of(ENGLISH, espeak=True) == "espeak-ng -v en-us -s 150"
    assert engine_of(GERMAN, espeak=True) != engine_of(GERMAN, espeak=False)


def test_a_language_without_a_bench_is_named() -> None:
    assert shoppers_for("de") is GERMAN
    with pytest.raises(ValueError, match="en, de"):
        shoppers_for("fr")


def test_pick_utterances_cycles_past_the_table() -> None:
    picked = pick_utterances(UTTERANCES, len(UTTERANCES) + 2)
    assert picked[: len(UTTERANCES)] == list(UTTERANCES)
    assert picked[-2:] == list(UTTERANCES[:2])


@pytest.mark.parametrize(("speech_s", "expected_s"), [(0.4, 3.0), (1.8, 3.0), (3.0, 4.0), (4.8, 5.0)])
def test_padding_gives_three_to_five_seconds(speech_s: float, expected_s: float) -> None:
    speech = _voice(speech_s)
    clip, span = pad_with_room_tone(speech, np.random.default_rng(0), RATE)
    assert len(clip) / RATE == pytest.approx(expected_s, abs=1e-3)
    assert MIN_S <= len(clip) / RATE <= MAX_S
    assert span.stop - span.start == len(speech) and span.start > 0
    assert np.max(np.abs(clip[span] - speech)) < 0.01  # the voice sits in the span, over room tone
    room = np.concatenate([clip[: span.start], clip[span.stop :]])
    assert -66 < _db(float(np.mean(room.astype(np.float64) ** 2))) < -54  # quiet room tone, not silence


def test_speech_longer_than_the_limit_is_never_cut() -> None:
    clip, span = pad_with_room_tone(_voice(5.5), np.random.default_rng(0), RATE)
    assert len(clip) == span.stop - span.start == int(5.5 * RATE)


@pytest.mark.parametrize("color", ["white", "pink"])
@pytest.mark.parametrize("snr_db", [10.0, 0.0, 20.0])
def test_noise_mixing_hits_the_snr_within_one_db(color: str, snr_db: float) -> None:
    clip, span = pad_with_room_tone(_voice(2.0) * 0.4, np.random.default_rng(1), RATE)
    noisy = mix_at_snr(clip, span, snr_db, color, np.random.default_rng(2))
    noise = (noisy - clip)[span].astype(np.float64)
    measured = _db(float(np.mean(clip[span].astype(np.float64) ** 2))) - _db(float(np.mean(noise**2)))
    assert measured == pytest.approx(snr_db, abs=1.0)


def test_loud_mixes_are_scaled_not_clipped() -> None:
    clip, span = pad_with_room_tone(_voice(2.0) * 1.9, np.random.default_rng(1), RATE)
    noisy = mix_at_snr(clip, span, 0.0, "white", np.random.default_rng(2))
    assert np.max(np.abs(noisy)) <= 0.99 + 1e-6


def test_pink_noise_has_more_power_low_than_high() -> None:
    noise = colored_noise(RATE * 2, "pink", np.random.default_rng(3))
    power = np.abs(np.fft.rfft(noise)) ** 2
    freqs = np.fft.rfftfreq(len(noise), 1 / RATE)
    assert np.sqrt(np.mean(noise**2)) == pytest.approx(1.0, rel=1e-3)
    assert power[(freqs > 50) & (freqs < 200)].mean() > 10 * power[(freqs > 4000) & (freqs < 8000)].mean()
    with pytest.raises(ValueError):
        colored_noise(10, "brown", np.random.default_rng(0))


def test_cache_key_follows_the_table_and_the_voice() -> None:
    key = clips_key(UTTERANCES, "espeak-ng")
    assert key == clips_key(UTTERANCES, "espeak-ng")
    assert key != clips_key(UTTERANCES, "piper x1.3")
    assert key != clips_key((*UTTERANCES, ("one more", "greet")), "espeak-ng")


def test_stage_row_prints_p50_and_p95_of_both_conditions() -> None:
    clean = [float(v) for v in range(1, 101)]
    noisy = [v * 2 for v in clean]
    row = stage_row("asr", clean, noisy)
    assert row.replace("|", " ").split() == ["asr", "51.0", "95.0", "102.0", "190.0"]


@pytest.mark.parametrize(
    ("emma", "peer", "expected"),
    [([100.0, 200.0, 300.0], [400.0, 400.0, 400.0], 0.5), ([300.0], [150.0], 2.0)],
)
def test_ratio_is_emma_p50_over_peer_p50(emma: list[float], peer: list[float], expected: float) -> None:
    assert ratio(emma, peer) == pytest.approx(expected)
    assert f"ratio {expected:.2f}" in ratio_row("ASR", emma, peer, "peer")


def test_ratio_without_figures_is_nan() -> None:
    assert math.isnan(ratio([], [1.0]))
    assert math.isnan(ratio([1.0], []))


@pytest.mark.parametrize(
    ("value", "limit", "strict", "verdict"),
    [(0.7, 0.8, False, "met"), (0.8, 0.8, False, "met"), (0.9, 0.8, False, "missed"),
     (1.0, 1.0, True, "missed"), (0.97, 1.0, True, "met")],
)
def test_goal_row_says_met_or_missed(value: float, limit: float, strict: bool, verdict: str) -> None:
    row = goal_row("goal", value, limit, " s", strict=strict)
    assert row.split()[-1] == verdict
    assert f"{value:.2f}" in row


def test_accuracy_in_percent() -> None:
    assert accuracy(["a", "b", "c", "d"], ["a", "b", "x", "d"]) == 75.0
    assert accuracy([], []) == 0.0
