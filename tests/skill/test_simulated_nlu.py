"""`emma skill simulate` plays Alexa's NLU with the interaction model's samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlu.training import PROJECT
from skill.config import AlexaConfig
from skill.locales import skill_locale
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
        ("put it in size forty two in my basket", None),  # not an ordinal because it holds a number
    ],
)
def test_the_most_specific_fitting_sample_wins(matcher: SampleMatcher, text: str, expected):
    assert matcher.match(text) == expected


@pytest.fixture(scope="module")
def german() -> SampleMatcher:
    return SampleMatcher.for_locale(skill_locale("de-DE"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("zur kasse", ("CheckoutIntent", {})),
        ("habt ihr laufschuhe von adidas", ("SearchProductIntent", {"product": "laufschuhe", "brand": "adidas"})),
        ("in schwarz", ("SearchProductIntent", {"color": "schwarz"})),
        ("die zweite", ("SelectOptionIntent", {"ordinal": "zweite"})),
        ("ja", ("AMAZON.YesIntent", {})),
        ("größe zweiundvierzig", ("SizeIntent", {"size": "zweiundvierzig"})),
        ("ich nehme drei", ("QuantityIntent", {"quantity": "drei"})),
        ("4321", ("VoiceCodeIntent", {"pin": "4321"})),
        ("wo ist meine bestellung", ("OrderStatusIntent", {})),
        ("ich suche ein geschenk für meinen vater", ("RecommendIntent", {"recipient": "vater"})),
        ("leg ihn in größe dreiundvierzig in den warenkorb", None),  # was an "ordinal" with a number inside
    ],
)
def test_the_german_model_plays_alexas_german_nlu(german: SampleMatcher, text: str, expected):
    assert german.match(text) == expected


async def test_simulated_text_reaches_the_core_as_alexas_intent(aiohttp_client, tmp_path: Path, matcher):
    turns = FakeTurns()
    client = await aiohttp_client(alexa_app(turns, AlexaConfig(skill_id="", verify=False)))

    await simulate(str(client.make_url("")).rstrip("/"), "check out", session="sam", matcher=matcher)

    assert turns.requests[0].nlu.intent == "checkout"
