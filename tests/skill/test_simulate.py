"""Simulated Alexa requests: realistic envelopes, and a round trip through a local server."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope

from nlu.rasa_service import free_port
from skill.config import AlexaConfig
from skill.conversation import alexa_session_id
from skill.simulate import SimulationError, build_request_envelope, simulate
from tests.skill.alexa_kit import (
    SKILL_ID,
    FakeTurns,
    alexa_app,
    load_envelope,
    turn_result,
)


def test_intent_envelope_looks_like_alexas():
    envelope = build_request_envelope("IntentRequest", "red t-shirts", access_token="tok")
    fixture = load_envelope("intent_search.json")

    request = envelope["request"]
    assert re.fullmatch(r"amzn1\.echo-api\.request\.[0-9a-f-]{36}", request["requestId"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", request["timestamp"])
    assert request["intent"]["slots"]["query"]["value"] == "red t-shirts"
    assert set(envelope) == set(fixture)
    assert set(envelope["session"]) == set(fixture["session"])
    assert set(envelope["context"]["System"]) == set(fixture["context"]["System"])
    assert envelope["context"]["System"]["user"]["accessToken"] == "tok"
    parsed = DefaultSerializer().deserialize(payload=json.dumps(envelope), obj_type=RequestEnvelope)
    assert parsed.request.intent.name == "ShopIntent"


@pytest.mark.parametrize(
    ("text", "intent"), [("yes", "AMAZON.YesIntent"), ("Stop", "AMAZON.StopIntent")]
)
def test_builtin_words_go_to_builtin_intents(text: str, intent: str):
    envelope = build_request_envelope("IntentRequest", text)
    assert envelope["request"]["intent"]["name"] == intent


def test_launch_and_session_ended_envelopes():
    launch = build_request_envelope("LaunchRequest")
    ended = build_request_envelope("SessionEndedRequest")
    assert launch["session"]["new"] is True and "intent" not in launch["request"]
    assert ended["request"]["reason"] == "USER_INITIATED"


async def _server(aiohttp_client, tmp_path: Path, turns: FakeTurns, *, verify: bool):
    config = AlexaConfig(skill_id=SKILL_ID if verify else "", verify=verify)
    client = await aiohttp_client(alexa_app(turns, config))
    return str(client.make_url("")).rstrip("/")


async def test_simulate_returns_the_spoken_text(aiohttp_client, tmp_path: Path):
    turns = FakeTurns(turn_result("search", "Emma's Corner Shop has 2 t-shirts & 1 jacket."))
    base_url = await _server(aiohttp_client, tmp_path, turns, verify=False)

    said = await simulate(base_url, "red t-shirts", session="sam")

    assert said == "Emma's Corner Shop has 2 t-shirts & 1 jacket."
    assert turns.requests[0].text == "red t-shirts"
    request = turns.requests[0]
    assert request.session_id == alexa_session_id("amzn1.ask.account.SIM-sam", request.customer_id)


async def test_simulate_against_a_verifying_server_reports_the_refusal(aiohttp_client, tmp_path):
    base_url = await _server(aiohttp_client, tmp_path, FakeTurns(), verify=True)

    with pytest.raises(SimulationError) as caught:
        await simulate(base_url, "hello", session="sam")

    assert caught.value.code == "missing_cert_url"


async def test_simulate_without_a_server_is_a_clear_error():
    with pytest.raises(SimulationError) as caught:
        await simulate(f"http://127.0.0.1:{free_port()}", "hello", session="sam")

    assert caught.value.code == "server_unreachable" and "127.0.0.1" in caught.value.message


@pytest.mark.parametrize(
    ("locale", "text", "intent"),
    [("de-DE", "ja", "AMAZON.YesIntent"), ("de-DE", "Stopp!", "AMAZON.StopIntent"), ("de-DE", "yes", "ShopIntent"),
     ("en-GB", "yes", "AMAZON.YesIntent"), ("fr-FR", "oui", "ShopIntent")],
)
def test_builtin_words_are_the_devices_language(locale: str, text: str, intent: str):
    envelope = build_request_envelope("IntentRequest", text, locale=locale)
    assert envelope["request"]["intent"]["name"] == intent and envelope["request"]["locale"] == locale
