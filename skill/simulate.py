"""Talk to a running Emma server as Alexa would (unsigned: the server must run with
`EMMA_ALEXA_VERIFY=0`), e.g. for `emma skill simulate "red t-shirts"`."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any, Literal

import aiohttp

from skill import ssml
from skill.errors import AlexaError
from skill.simulated_nlu import SampleMatcher

RequestKind = Literal["LaunchRequest", "IntentRequest", "SessionEndedRequest"]

LOCAL_SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-00000000e44a"
API_ENDPOINT = "https://api.amazonalexa.com"
BUILTIN_WORDS = {
    "yes": "AMAZON.YesIntent",
    "yeah": "AMAZON.YesIntent",
    "no": "AMAZON.NoIntent",
    "help": "AMAZON.HelpIntent",
    "stop": "AMAZON.StopIntent",
    "cancel": "AMAZON.CancelIntent",
    "goodbye": "AMAZON.StopIntent",
    "go home": "AMAZON.NavigateHomeIntent",
    "repeat": "AMAZON.RepeatIntent",
    "say that again": "AMAZON.RepeatIntent",
    "next": "AMAZON.NextIntent",
}
"""Words Alexa would route to its built-in intents rather than to ShopIntent."""


class SimulationError(AlexaError):
    """The server refused the simulated request."""


def build_request_envelope(
    kind: RequestKind,
    text: str | None = None,
    user_id: str = "amzn1.ask.account.EMMA-SIMULATED-USER",
    session_id: str = "amzn1.echo-api.session.emma-simulated",
    access_token: str | None = None,
    skill_id: str = LOCAL_SKILL_ID,
    *,
    new_session: bool = False,
    intent_name: str | None = None,
    slots: dict[str, str] | None = None,
    locale: str = "en-US",
    attributes: dict[str, Any] | None = None,
    matcher: SampleMatcher | None = None,
) -> dict[str, Any]:
    """A request envelope shaped like Alexa's (see the ASK "Request and Response JSON Reference").

    For an IntentRequest, `intent_name`/`slots` are sent as given; otherwise `text` goes to the
    built-in intent of a word Alexa maps to one (yes, no, help, stop, ...), else to the intent of
    the sample `matcher` finds, else into the `query` slot of ShopIntent.
    """
    user: dict[str, Any] = {"userId": user_id}
    if access_token:
        user["accessToken"] = access_token
    application = {"applicationId": skill_id}
    request: dict[str, Any] = {
        "type": kind,
        "requestId": f"amzn1.echo-api.request.{uuid.uuid4()}",
        "timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "locale": locale,
    }
    if kind == "IntentRequest":
        request["dialogState"] = "COMPLETED"
        request["intent"] = _intent(text, intent_name, slots, matcher)
    elif kind == "SessionEndedRequest":
        request["reason"] = "USER_INITIATED"
    elif kind == "LaunchRequest":
        request["shouldLinkResultBeReturned"] = False
    return {
        "version": "1.0",
        "session": {
            "new": new_session or kind == "LaunchRequest",
            "sessionId": session_id,
            "application": dict(application),
            "attributes": dict(attributes or {}),
            "user": dict(user),
        },
        "context": {
            "System": {
                "application": dict(application),
                "user": dict(user),
                "device": {
                    "deviceId": "amzn1.ask.device.EMMA-SIMULATED-DEVICE",
                    "supportedInterfaces": {},
                },
                "apiEndpoint": API_ENDPOINT,
                "apiAccessToken": "simulated-api-access-token",
            }
        },
        "request": request,
    }


async def simulate(
    base_url: str,
    text: str,
    session: str,
    *,
    access_token: str | None = None,
    skill_id: str = LOCAL_SKILL_ID,
    attributes: dict[str, Any] | None = None,
    matcher: SampleMatcher | None = None,
) -> str:
    """POST one request to `{base_url}/alexa` and return what Alexa would say (SSML stripped).

    Empty `text` launches the skill. `session` names the simulated user, so separate sessions
    have separate carts and dialogue state. Pass the same `attributes` dict on every call to
    carry the skill's session attributes from turn to turn, as Alexa does within a session.
    `matcher` plays Alexa's NLU (`SampleMatcher.from_nlu_dir`); without it, text is a search.
    """
    key = re.sub(r"[^A-Za-z0-9-]", "-", session) or "default"
    kind: RequestKind = "IntentRequest" if text.strip() else "LaunchRequest"
    envelope = build_request_envelope(
        kind,
        text,
        user_id=f"amzn1.ask.account.SIM-{key}",
        session_id=f"amzn1.echo-api.session.SIM-{key}",
        access_token=access_token,
        skill_id=skill_id,
        attributes=attributes,
        matcher=matcher,
    )
    timeout = aiohttp.ClientTimeout(total=10)
    try:
        async with (
            aiohttp.ClientSession(timeout=timeout) as client,
            client.post(f"{base_url.rstrip('/')}/alexa", json=envelope) as response,
        ):
            payload = await response.json(content_type=None)
    except (aiohttp.ClientError, TimeoutError, ValueError) as err:
        raise SimulationError(
            "server_unreachable", f"no answer from an Emma server at {base_url} ({err or type(err).__name__})"
        ) from err
    if response.status != 200:
        error = (payload or {}).get("error", {}) if isinstance(payload, dict) else {}
        raise SimulationError(
            error.get("code", f"http_{response.status}"),
            error.get("message", "the server refused the request"),
        )
    if attributes is not None:
        attributes.clear()
        attributes.update(payload.get("sessionAttributes") or {})
    return spoken_text(payload)


def spoken_text(response_envelope: dict[str, Any]) -> str:
    """The plain text of a response envelope's outputSpeech."""
    speech = (response_envelope.get("response") or {}).get("outputSpeech") or {}
    if speech.get("type") == "PlainText":
        return str(speech.get("text", ""))
    return ssml.to_text(str(speech.get("ssml", "")))


def _intent(
    text: str | None, name: str | None, slots: dict[str, str] | None, matcher: SampleMatcher | None
) -> dict[str, Any]:
    words = " ".join((text or "").lower().split())
    if name is None and slots is None and words in BUILTIN_WORDS:
        return {"name": BUILTIN_WORDS[words], "confirmationStatus": "NONE"}
    if name is None and slots is None and matcher is not None:
        name, slots = matcher.match(words) or (None, None)
    values = slots if slots is not None else {"query": text or ""}
    return {
        "name": name or "ShopIntent",
        "confirmationStatus": "NONE",
        "slots": {
            slot: {"name": slot, "value": value, "confirmationStatus": "NONE", "source": "USER"}
            for slot, value in values.items()
        },
    }
