"""Alexa's intent and slots reach the real conversation core as its NLU result: Rasa is never asked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fulfillment.domain.conversation import Conversation
from fulfillment.domain.turns import TurnRequest, TurnResult
from nlu.parser import NluResult
from skill.accounts import InMemoryAlexaAccounts
from skill.understanding import transcript, understood
from tests.skill.alexa_kit import intent_envelope, load_envelope, make_rig

TOKEN = "Atza|IwEBIlinkedTOKENofTHEdemoCUSTOMER"


class NluMustNotBeCalled:
    """An `NluParser` that fails the turn (and remembers) if anyone asks it."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    async def parse(self, text: str) -> NluResult:
        self.calls.append(text)
        raise AssertionError(f"the NLU parser was asked to parse {text!r}")


class RecordingCore:
    """The real conversation core, keeping every request and result."""

    def __init__(self, core: Conversation) -> None:
        self.core = core
        self.requests: list[TurnRequest] = []
        self.results: list[TurnResult] = []

    async def handle(self, request: TurnRequest) -> TurnResult:
        self.requests.append(request)
        result = await self.core.handle(request)
        self.results.append(result)
        return result


def as_demo_customer(envelope: dict[str, Any]) -> dict[str, Any]:
    for user in (envelope["session"]["user"], envelope["context"]["System"]["user"]):
        user["accessToken"] = TOKEN
    return envelope


async def test_alexa_turns_never_call_the_nlu_parser_and_slots_arrive_as_entities(shop, tmp_path: Path):
    parser = NluMustNotBeCalled()
    core = RecordingCore(Conversation(shop, parser))
    rig = await make_rig(tmp_path, core, accounts=InMemoryAlexaAccounts(tokens={TOKEN: "demo"}))

    for envelope in (
        load_envelope("launch.json"),
        intent_envelope("ShopIntent", {"query": "rain jackets"}),
        intent_envelope("AddToCartIntent", {"quantity": "two", "product": "rain jacket", "size": "medium"}),
        intent_envelope("OrderStatusIntent", {"order_id": "k. 7 m. 3 p. x."}),
        intent_envelope("AMAZON.RepeatIntent"),
    ):
        await rig.ask(as_demo_customer(envelope))

    assert parser.calls == []
    greet, search, add, status, repeat = core.results
    assert (greet.intent["name"], greet.action) == ("greet", "greet")
    assert search.action == "search" and search.data["products"]
    assert search.transcript == "rain jackets"
    assert add.intent == {"name": "add_to_cart", "confidence": 1.0}
    assert add.entities == [
        {"entity": "quantity", "value": 2},
        {"entity": "product", "value": "rain jacket"},
        {"entity": "size", "value": "M"},
    ]
    assert status.entities == [{"entity": "order_id", "value": "K7M3PX"}]
    assert repeat.action == "repeat" and repeat.reply == status.reply
    assert [r.transcript for r in (greet, repeat)] == ["LaunchRequest", "AMAZON.RepeatIntent"]


@pytest.mark.parametrize(
    ("intent", "slots", "expected"),
    [
        ("ShopIntent", {"query": "red t-shirts for kids"}, ("search_product", "red t-shirts for kids", [])),
        ("AMAZON.NextIntent", {}, ("select_option", "", [("ordinal", "next")])),
        ("SelectOptionIntent", {"ordinal": "second"}, ("select_option", "second", [("ordinal", 2)])),
        ("SearchProductIntent", {"price_max": "fifty", "product": "Boots"},
         ("search_product", "fifty Boots", [("price_max", 50), ("product", "boots")])),
        ("QuantityIntent", {"quantity": "?"}, ("add_to_cart", "?", [])),
        ("VoiceCodeIntent", {"pin": "0042"}, ("nlu_fallback", "0042", [])),
    ],
)
def test_understood_normalizes_slots_as_rasa_entities_are(intent: str, slots, expected):
    nlu = understood(intent, slots)

    assert (nlu.intent, nlu.text, [(e.entity, e.value) for e in nlu.entities]) == expected


def test_german_slot_numbers_are_read_in_german():
    nlu = understood("SearchProductIntent", {"price_max": "neunundvierzig", "size": "dreiundvierzig"}, language="de")
    assert [(e.entity, e.value) for e in nlu.entities] == [("price_max", 49), ("size", "43")]


@pytest.mark.parametrize(
    ("intent", "slots", "heard"),
    [
        ("ShopIntent", {"query": "rain jackets", "color": "red"}, "rain jackets"),
        ("AddToCartIntent", {"quantity": "2", "product": "socks"}, "2 socks"),
        ("VoiceCodeIntent", {"pin": "1234"}, "VoiceCodeIntent"),
        ("AMAZON.YesIntent", {}, "AMAZON.YesIntent"),
    ],
)
def test_transcript_is_what_alexa_heard_without_the_voice_code(intent: str, slots, heard: str):
    assert transcript(intent, slots) == heard
