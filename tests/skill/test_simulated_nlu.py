"""`emma skill simulate` plays Alexa's NLU with the interaction model's samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlu.training import PROJECT
from skill.config import AlexaConfig
from skill.simulate import simulate
from skill.simulated_nlu import SampleMatcher
from tests.skill.alexa_kit import FakeTurns, alexa_app


@pytest.fixture(scope="module")
def matcher() -> SampleMatcher:
    return SampleMatcher.from_nlu_dir(PROJECT / "data")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("check out", ("CheckoutIntent", {})),
        ("Do you have rain jackets?", ("SearchProductIntent", {"product": "rain jackets"})),
        ("the second one", ("SelectOptionIntent", {"ordinal": "second"})),
        ("what's in my basket", ("ViewCartIntent", {})),
        ("three", ("QuantityIntent", {"quantity": "three"})),
        ("0042", ("VoiceCodeIntent", {"pin": "0042"})),
        ("medium", ("SizeIntent", {"size": "medium"})),
        ("say that again", ("AMAZON.RepeatIntent", {})),
        ("blorp fizzle", None),
    ],
)
def test_the_most_specific_fitting_sample_wins(matcher: SampleMatcher, text: str, expected):
    assert matcher.match(text) == expected


async def test_simulated_text_reaches_the_core_as_alexas_intent(aiohttp_client, tmp_path: Path, matcher):
    turns = FakeTurns()
    client = await aiohttp_client(alexa_app(turns, AlexaConfig(skill_id="", verify=False)))

    await simulate(str(client.make_url("")).rstrip("/"), "check out", session="sam", matcher=matcher)

    assert turns.requests[0].nlu.intent == "checkout"
