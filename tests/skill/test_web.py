"""`POST /alexa` via aiohttp: forged requests are 400 JSON, big bodies 413, signed ones answered."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from fulfillment.settings import Settings, SettingsError
from skill.config import AlexaConfig
from skill.errors import AlexaConfigError
from tests.skill.alexa_kit import (
    BAD_CASES,
    OTHER_URLS,
    SKILL_ID,
    Case,
    FakeTurns,
    SigningAuthority,
    alexa_app,
    body_of,
    load_envelope,
    signed,
    turn_result,
)


@pytest.fixture
def turns() -> FakeTurns:
    return FakeTurns(turn_result("search", "I found red t-shirts.", expects_answer=True))


@pytest.fixture
async def client(aiohttp_client, authority: SigningAuthority, turns: FakeTurns, tmp_path: Path):
    config = AlexaConfig(skill_id=SKILL_ID)
    return await aiohttp_client(alexa_app(turns, config, authority.verifier(**OTHER_URLS)))


async def test_valid_signed_request_is_dispatched(client, authority, turns):
    headers, body = signed(authority, load_envelope("intent_search.json"))

    response = await client.post("/alexa", data=body, headers=headers)

    assert response.status == 200
    envelope = await response.json()
    assert envelope["response"]["outputSpeech"]["ssml"] == "<speak>I found red t-shirts.</speak>"
    assert [r.text for r in turns.requests] == ["red t-shirts for kids"]


@pytest.mark.parametrize(
    ("case", "code"), [c[1:] for c in BAD_CASES], ids=[c[0] for c in BAD_CASES]
)
async def test_forged_requests_get_400_json(client, authority, turns, case: Case, code: str):
    headers, body = case(authority, load_envelope("intent_search.json"))

    response = await client.post("/alexa", data=body, headers=headers)

    assert response.status == 400
    payload: dict[str, Any] = await response.json()
    assert payload["error"]["code"] == code
    assert payload["error"]["message"]
    assert turns.requests == []


async def test_oversized_body_is_refused_before_reading(client, authority, turns):
    envelope = load_envelope("intent_search.json")
    envelope["padding"] = "x" * (200 * 1024)
    headers, body = signed(authority, envelope)

    response = await client.post("/alexa", data=body, headers=headers)

    assert response.status == 413
    assert (await response.json())["error"]["code"] == "body_too_large"
    assert turns.requests == []


async def test_oversized_chunked_body_is_refused(client, authority):
    async def chunks():
        for _ in range(50):
            yield b"x" * 4096

    response = await client.post("/alexa", data=chunks(), headers={"Signature-256": "x"})

    assert response.status == 413


async def test_unverified_mode_answers_unsigned_requests(aiohttp_client, tmp_path, turns, caplog):
    caplog.set_level(logging.WARNING)
    config = AlexaConfig(skill_id="", verify=False)
    client = await aiohttp_client(alexa_app(turns, config))

    ok = await client.post("/alexa", data=body_of(load_envelope("launch.json")))
    garbage = await client.post("/alexa", data=b"{oops")

    assert ok.status == 200
    assert garbage.status == 400
    assert (await garbage.json())["error"]["code"] == "body_not_json"
    assert "VERIFICATION IS OFF" in caplog.text


def for_skill(envelope: dict[str, Any], skill_id: str, *, where: str = "both") -> dict[str, Any]:
    if where in ("both", "session"):
        envelope["session"]["application"]["applicationId"] = skill_id
    if where in ("both", "context"):
        envelope["context"]["System"]["application"]["applicationId"] = skill_id
    return envelope


@pytest.mark.parametrize("where", ["both", "session", "context"])
@pytest.mark.parametrize("verify", [True, False], ids=["verified", "unverified"])
async def test_request_for_another_skill_is_refused_with_or_without_verification(
    aiohttp_client, authority, tmp_path, turns, verify: bool, where: str
):
    config = AlexaConfig(skill_id=SKILL_ID, verify=verify)
    client = await aiohttp_client(alexa_app(turns, config, authority.verifier() if verify else None))
    envelope = for_skill(load_envelope("intent_search.json"), "amzn1.ask.skill.someone-else", where=where)
    headers, body = signed(authority, envelope)

    response = await client.post("/alexa", data=body, headers=headers)

    assert response.status == 400
    assert (await response.json())["error"]["code"] == "skill_id_mismatch"
    assert turns.requests == []


async def test_unverified_mode_answers_its_own_skill_id(aiohttp_client, tmp_path, turns):
    config = AlexaConfig(skill_id=SKILL_ID, verify=False)
    client = await aiohttp_client(alexa_app(turns, config))

    ok = await client.post("/alexa", data=body_of(load_envelope("intent_search.json")))

    assert ok.status == 200
    assert len(turns.requests) == 1


async def test_unverified_mode_without_a_skill_id_answers_any_skill(aiohttp_client, tmp_path, turns):
    config = AlexaConfig(skill_id="", verify=False)
    client = await aiohttp_client(alexa_app(turns, config))
    envelope = for_skill(load_envelope("launch.json"), "amzn1.ask.skill.someone-else")

    ok = await client.post("/alexa", data=body_of(envelope))

    assert ok.status == 200


def test_verification_cannot_be_turned_off_in_production(tmp_path: Path):
    env = {"EMMA_ALEXA_VERIFY": "0", "EMMA_ENV": "production", "EMMA_ALEXA_SKILL_ID": SKILL_ID}

    with pytest.raises(AlexaConfigError) as caught:
        AlexaConfig.from_settings(Settings.from_env(env, home=tmp_path))

    assert caught.value.code == "verify_required_in_production"


def test_a_missing_skill_id_is_refused(tmp_path: Path):
    with pytest.raises(AlexaConfigError) as caught:
        AlexaConfig.from_settings(Settings.from_env({}, home=tmp_path))

    assert caught.value.code == "skill_id_missing"


def test_a_bad_flag_is_refused_at_start_up(tmp_path: Path):
    with pytest.raises(SettingsError) as caught:
        Settings.from_env({"EMMA_ALEXA_SKILL_ID": SKILL_ID, "EMMA_ALEXA_VERIFY": "maybe"}, home=tmp_path)

    assert caught.value.code == "bad_flag" and "EMMA_ALEXA_VERIFY" in caught.value.message


def test_config_from_settings(tmp_path: Path):
    env = {"EMMA_ALEXA_SKILL_ID": SKILL_ID, "EMMA_SHOP_NAME": "Corner"}
    config = AlexaConfig.from_settings(Settings.from_env(env, home=tmp_path))

    assert config.verify is True
    assert config.shop_name == "Corner"
    assert (config.max_body_bytes, config.timestamp_tolerance_s) == (128 * 1024, 150)
    assert (config.reply_budget_s, config.progressive_after_s) == (6.0, 2.0)


HOSTILE_JSON = {
    "arrays nested 3,000 deep": b"[" * 3000 + b"]" * 3000,
    "objects nested 3,000 deep": b'{"a": ' * 3000 + b"1" + b"}" * 3000,
    "5,000-digit number": b'{"version": "1.0", "request": {"n": ' + b"7" * 5000 + b"}}",
}


@pytest.mark.parametrize("body", HOSTILE_JSON.values(), ids=HOSTILE_JSON.keys())
async def test_hostile_json_gets_400_signed_or_not(aiohttp_client, authority, turns, tmp_path, body: bytes):
    unverified = await aiohttp_client(alexa_app(turns, AlexaConfig(skill_id="", verify=False)))
    verified = await aiohttp_client(alexa_app(turns, AlexaConfig(skill_id=SKILL_ID),
                                              authority.verifier(**OTHER_URLS)))

    for client, headers in ((unverified, {}), (verified, authority.headers(body))):
        response = await client.post("/alexa", data=body, headers=headers)

        assert response.status == 400
        assert (await response.json())["error"]["code"] == "body_not_json"
    assert turns.requests == []
