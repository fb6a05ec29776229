"""Recognisers side by side for `emma bench audio`: the CTranslate2 floor, Emma as served, Emma
with the catalog as hotwords and without any prompt (so biasing is measured every run), the wyoming
peer and any optional backend (Moonshine), on the same clean clips.

Every clip goes through every side before the next clip, in an order that rotates per clip, so
load on the shared machine hits all sides alike. Each side is judged on time (p50 and its ratio to
the floor and to the peer), WER, and the intent the NLU reads from what it heard.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from fulfillment.tools.bench import percentile
from speech.wer import wer

Side = Callable[[bytes], Awaitable[tuple[str, float]]]
"""A recogniser under test: WAV bytes in, (text heard, milliseconds from audio to text) out."""
FLOOR, SERVED, HOTWORDS, NO_PROMPT, MOONSHINE, PEER = (
    "floor", "emma", "emma_hotwords", "emma_no_prompt", "moonshine", "peer")
LABELS = {
    FLOOR: "CTranslate2 floor (30 s window, greedy)",
    SERVED: "Emma as served (context prompt)",
    HOTWORDS: "Emma + catalog hotwords",
    NO_PROMPT: "Emma without a prompt",
    MOONSHINE: "Emma on Moonshine tiny (option)",
    PEER: "wyoming-faster-whisper",
}


@dataclass
class AsrComparison:
    """What each side heard and how long it took, clip by clip."""

    references: list[str] = field(default_factory=list)
    """What was said in each clip."""
    times: dict[str, list[float]] = field(default_factory=dict)
    heard: dict[str, list[str]] = field(default_factory=dict)
    intents: dict[str, list[str]] = field(default_factory=dict)
    """The intent the NLU read from each side's text (filled by `read_intents`)."""
    extra: dict[str, list[float]] = field(default_factory=dict)
    """Other timings printed under the table (the encoder alone, ...)."""

    def add(self, side: str, text: str, ms: float) -> None:
        self.times.setdefault(side, []).append(ms)
        self.heard.setdefault(side, []).append(text)

    def p50(self, side: str) -> float:
        return percentile(self.times.get(side, []), 50)

    def ratio(self, side: str, to: str) -> float:
        """p50 of `side` over p50 of `to`; nan when either is missing."""
        base = self.p50(to)
        return self.p50(side) / base if self.times.get(side) and base > 0 else float("nan")

    def wer(self, side: str) -> float:
        """Word error rate in percent."""
        return 100 * wer(list(zip(self.references, self.heard.get(side, []), strict=False)))

    def intent_accuracy(self, side: str, expected: list[str]) -> float:
        got = self.intents.get(side, [])
        return 100.0 * sum(e == g for e, g in zip(expected, got, strict=False)) / len(got) if got else float("nan")

    def rows(self, expected_intents: list[str]) -> list[str]:
        columns = ("p50 ms", 8), ("p95 ms", 8), ("WER %", 7), ("intent %", 9), ("x floor", 8), ("x peer", 8)
        # intent % here is the NLU on each side's best guess alone; the turns above let it pick among the n-best
        lines = [f"{'ASR, clean clips':<38}" + "".join(f"{name:>{width}}" for name, width in columns)]
        for side in self.times:
            lines.append(
                f"{LABELS.get(side, side):<38}{self.p50(side):8.1f}{percentile(self.times[side], 95):8.1f}"
                f"{self.wer(side):7.1f}{self.intent_accuracy(side, expected_intents):9.1f}"
                f"{self.ratio(side, FLOOR):8.2f}{self.ratio(side, PEER):8.2f}"
            )
        for name, values in self.extra.items():
            lines.append(f"  {name:<36}{percentile(values, 50):8.1f}{percentile(values, 95):8.1f}")
        return lines


async def side_by_side(sides: dict[str, Side], clips: list[tuple[str, bytes]]) -> AsrComparison:
    """Every clip through every side, the order rotating per clip."""
    comparison = AsrComparison(references=[text for text, _ in clips])
    names = list(sides)
    for index, (_, wav) in enumerate(clips):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            text, ms = await sides[name](wav)
            comparison.add(name, text, ms)
    comparison.times = {name: comparison.times[name] for name in names}  # the table keeps the given order
    return comparison


async def read_intents(comparison: AsrComparison, parse: Callable[[str], Awaitable[str]]) -> None:
    """The intent the NLU reads from every side's text (empty text reads as no intent)."""
    for side, texts in comparison.heard.items():
        comparison.intents[side] = [await parse(text) if text.strip() else "" for text in texts]
