"""Talk to a running Emma server as Alexa would (unsigned: the server must run with
`EMMA_ALEXA_VERIFY=0`), e.g. for `emma skill simulate "red t-shirts"` or
`emma skill simulate --locale de-DE "habt ihr regenjacken"`."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from typing import Any, Literal

import aiohttp

from skill import ssml
from skill.errors import AlexaError
from skill.locales import skill_locale
from skill.simulated_nlu import SampleMatcher

_PUNCTUATION = re.compile(r"[?!,;:\"]")
RequestKind = Literal["LaunchRequest", "IntentRequest", "SessionEndedRequest"]

LOCAL_SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-00000000e44a"
API_ENDPOINT = "https://api.amazonalexa.com"


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
    built-in intent of a word Alexa maps to one in the locale's language (yes, ja, help, hilfe...),
    else to the intent of the sample `matcher` finds, else into the `query` slot of ShopIntent.
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
        request["intent"] = _intent(text, intent_name, slots, matcher, _builtin_words(locale))
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


async def simulate(base_url: str, text: str, session: str, **options: Any) -> str:
    """What Alexa would say to `text` (SSML stripped); see `simulate_response` for the options."""
    return spoken_text(await simulate_response(base_url, text, session, **options))


async def simulate_response(
    base_url: str,
    text: str,
    session: str,
    *,
    access_token: str | None = None,
    skill_id: str = LOCAL_SKILL_ID,
    attributes: dict[str, Any] | None = None,
    matcher: SampleMatcher | None = None,
    locale: str = "en-US",
) -> dict[str, Any]:
    """POST one request to `{base_url}/alexa` and return the skill's response envelope.

    Empty `text` launches the skill. `session` names the simulated user, so separate sessions
    have separate carts and dialogue state. Pass the same `attributes` dict on every call to
    carry the skill's session attributes from turn to turn, as Alexa does within a session.
    `matcher` plays Alexa's NLU (`SampleMatcher.for_locale`, in the same locale); without it, text is
    a search. `locale` is the device's (`de-DE`): the request carries it, as Alexa's do.
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
        locale=locale,
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
    return dict(payload)


def spoken_text(response_envelope: dict[str, Any]) -> str:
    """The plain text of a response envelope's outputSpeech."""
    speech = (response_envelope.get("response") or {}).get("outputSpeech") or {}
    if speech.get("type") == "PlainText":
        return str(speech.get("text", ""))
    return ssml.to_text(str(speech.get("ssml", "")))


def card_text(response_envelope: dict[str, Any]) -> str | None:
    """The card the Alexa app would show, as "title\ncontent" (a LinkAccount card by its type)."""
    card = (response_envelope.get("response") or {}).get("card") or {}
    if card.get("type") == "LinkAccount":
        return "[LinkAccount]"
    if not card:
        return None
    return "\n".join(part for part in (card.get("title"), card.get("content")) if part)


def _builtin_words(locale: str) -> dict[str, str]:
    """Words Alexa would route to its built-in intents rather than to ShopIntent, in `locale`'s language
    (none for a locale the skill is not built for: Alexa would send nothing)."""
    try:
        return dict(skill_locale(locale).builtin_words)
    except AlexaError:
        return {}


def _intent(
    text: str | None,
    name: str | None,
    slots: dict[str, str] | None,
    matcher: SampleMatcher | None,
    builtin_words: dict[str, str],
) -> dict[str, Any]:
    words = " ".join(_PUNCTUATION.sub(" ", (text or "").lower()).split())
    if name is None and slots is None and words in builtin_words:
        return {"name": builtin_words[words], "confirmationStatus": "NONE"}
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
