"""Recognisers side by side (`emma bench audio`), on fake sides: order, ratios, WER and intents."""

from __future__ import annotations

import math

import pytest

from fulfillment.tools.bench_asr import FLOOR, PEER, SERVED, AsrComparison, read_intents, side_by_side


def fake_side(name: str, ms: float, calls: list[str], hears: dict[bytes, str] | None = None):
    async def side(wav: bytes) -> tuple[str, float]:
        calls.append(name)
        return (hears or {}).get(wav, wav.decode()), ms

    return side


async def test_every_clip_goes_through_every_side_in_a_rotating_order() -> None:
    calls: list[str] = []
    sides = {name: fake_side(name, ms, calls) for name, ms in ((FLOOR, 300.0), (SERVED, 330.0), (PEER, 400.0))}
    clips = [("yes please", b"yes please"), ("no thanks", b"no thanks"), ("help", b"help")]
    comparison = await side_by_side(sides, clips)
    assert calls == [FLOOR, SERVED, PEER, SERVED, PEER, FLOOR, PEER, FLOOR, SERVED]
    assert list(comparison.times) == [FLOOR, SERVED, PEER]
    assert comparison.heard[SERVED] == ["yes please", "no thanks", "help"]
    assert comparison.ratio(SERVED, FLOOR) == pytest.approx(1.1)
    assert comparison.ratio(SERVED, PEER) == pytest.approx(0.825)


async def test_wer_and_intents_are_per_side() -> None:
    calls: list[str] = []
    misheard = {b"add two in medium": "adto and medium"}
    sides = {SERVED: fake_side(SERVED, 1.0, calls), PEER: fake_side(PEER, 1.0, calls, misheard)}
    comparison = await side_by_side(sides, [("add two in medium", b"add two in medium"), ("help", b"help")])

    async def parse(text: str) -> str:
        return {"add two in medium": "add_to_cart", "help": "help"}.get(text, "nlu_fallback")

    await read_intents(comparison, parse)
    assert comparison.wer(SERVED) == 0.0
    assert comparison.wer(PEER) == pytest.approx(100 * 3 / 5)
    assert comparison.intent_accuracy(SERVED, ["add_to_cart", "help"]) == 100.0
    assert comparison.intent_accuracy(PEER, ["add_to_cart", "help"]) == 50.0


def test_missing_sides_give_nan_not_an_error() -> None:
    comparison = AsrComparison(references=["hi"], times={SERVED: [100.0]}, heard={SERVED: ["hi"]})
    assert math.isnan(comparison.ratio(SERVED, PEER))
    rows = comparison.rows(["greet"])
    assert rows[1].split()[-2:] == ["nan", "nan"]
