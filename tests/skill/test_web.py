"""`POST /alexa` via aiohttp: forged requests are 400 JSON, big bodies 413, signed ones answered."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

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
    config = AlexaConfig(skill_id=SKILL_ID, outbox_dir=tmp_path / "outbox")
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
    config = AlexaConfig(skill_id="", verify=False, outbox_dir=tmp_path)
    client = await aiohttp_client(alexa_app(turns, config))

    ok = await client.post("/alexa", data=body_of(load_envelope("launch.json")))
    garbage = await client.post("/alexa", data=b"{oops")

    assert ok.status == 200
    assert garbage.status == 400
    assert (await garbage.json())["error"]["code"] == "body_not_json"
    assert "VERIFICATION IS OFF" in caplog.text


def test_verification_cannot_be_turned_off_in_production(tmp_path: Path):
    env = {"EMMA_ALEXA_VERIFY": "0", "EMMA_ENV": "production", "EMMA_ALEXA_SKILL_ID": SKILL_ID}

    with pytest.raises(AlexaConfigError) as caught:
        AlexaConfig.from_env(env, tmp_path)

    assert caught.value.code == "verify_required_in_production"


@pytest.mark.parametrize(
    ("env", "code"),
    [
        ({}, "skill_id_missing"),
        ({"EMMA_ALEXA_SKILL_ID": SKILL_ID, "EMMA_ALEXA_VERIFY": "maybe"}, "bad_flag"),
    ],
)
def test_bad_environment_is_refused(tmp_path: Path, env: dict[str, str], code: str):
    with pytest.raises(AlexaConfigError) as caught:
        AlexaConfig.from_env(env, tmp_path)

    assert caught.value.code == code


def test_config_from_env(tmp_path: Path):
    config = AlexaConfig.from_env(
        {"EMMA_ALEXA_SKILL_ID": SKILL_ID, "EMMA_SMTP_URL": "smtps://mail.example.com"}, tmp_path
    )

    assert config.verify is True
    assert config.outbox_dir == tmp_path / "outbox"
    assert config.smtp_url == "smtps://mail.example.com"
    assert (config.max_body_bytes, config.timestamp_tolerance_s) == (128 * 1024, 150)
    assert (config.reply_budget_s, config.progressive_after_s) == (6.0, 2.0)
