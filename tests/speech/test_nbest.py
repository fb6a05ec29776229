"""The NLU chooses among the recogniser's n-best, keeping the best guess unless a runner-up is clearly better."""

from __future__ import annotations

import pytest

from nlu.parser import NluResult
from speech.nbest import MARGIN, understand_best
from speech.transcriber import Transcript


class ConfidenceTable:
    def __init__(self, table: dict[str, tuple[str, float]]) -> None:
        self.table = table
        self.parsed: list[str] = []

    async def parse(self, text: str) -> NluResult:
        self.parsed.append(text)
        intent, confidence = self.table.get(text, ("nlu_fallback", 0.3))
        return NluResult(text, intent, confidence)


def heard(text: str, *alternatives: str) -> Transcript:
    return Transcript(text, "en", -0.3, 0.02, 3.0, True, alternatives=alternatives)


@pytest.mark.parametrize(
    ("table", "chosen", "switched"),
    [
        ({"buy the same tea again": ("reorder", 0.95), "bye the same tea again": ("goodbye", 0.5)},
         "buy the same tea again", True),
        ({"buy the same tea again": ("reorder", 0.75), "bye the same tea again": ("goodbye", 0.6)},
         "bye the same tea again", False),
        ({"bye the same tea again": ("goodbye", 0.9)}, "bye the same tea again", False),
    ],
    ids=["clearly-better-runner-up", "gain-below-the-margin", "best-guess-is-best"],
)
async def test_a_runner_up_wins_only_by_the_margin(table, chosen: str, switched: bool) -> None:
    parser = ConfidenceTable(table)
    understood = await understand_best(heard("bye the same tea again", "buy the same tea again"), parser)
    assert understood.text == chosen and understood.switched is switched
    assert understood.nlu.text == chosen
    assert sorted(parser.parsed) == ["buy the same tea again", "bye the same tea again"]
    assert MARGIN == 0.2
