"""`verify_request_and_dispatch(headers, body)`: the framework-free seam between HTTP and the skill.

Blocking (verification may download a certificate chain; ask-sdk dispatches synchronously), so the
aiohttp view runs it with `asyncio.to_thread`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

from ask_sdk_core.skill import CustomSkill
from ask_sdk_model import RequestEnvelope

from fulfillment.lang import DEFAULT
from skill import ssml
from skill.config import AlexaConfig
from skill.conversation import DispatchContext
from skill.errors import AlexaRequestError
from skill.turn_runner import TurnDeadline
from skill.verification import RequestVerifier, check_skill_id, parse_envelope

log = logging.getLogger(__name__)


class AlexaEndpoint:
    """Verifies one Alexa request and answers it with the skill."""

    def __init__(
        self, skill: CustomSkill, config: AlexaConfig, verifier: RequestVerifier | None
    ) -> None:
        if config.verify and verifier is None:
            raise ValueError("verification is on but no RequestVerifier was given")
        self._skill = skill
        self._config = config
        self._verifier = verifier if config.verify else None

    def verify_request_and_dispatch(
        self, headers: Mapping[str, str], body: bytes, received_at: float | None = None
    ) -> dict[str, Any]:
        """The response envelope as a JSON-ready dict.

        Raises `AlexaRequestError` (incl. `AlexaVerificationError`) for requests to refuse;
        anything going wrong after that becomes a spoken apology, never an exception.
        `received_at` (`time.monotonic()`) starts the reply budget; defaults to now.
        """
        started = received_at if received_at is not None else time.monotonic()
        if self._verifier is not None:
            self._verifier.verify(headers, body)
        elif self._config.skill_id:  # unsigned dev requests still name the skill they are for
            check_skill_id(parse_envelope(body), self._config.skill_id)
        else:
            parse_envelope(body)
        try:
            request_envelope = self._skill.serializer.deserialize(
                payload=body.decode("utf-8"), obj_type=RequestEnvelope
            )
        except Exception as err:
            raise AlexaRequestError("envelope_invalid", "not a valid Alexa request") from err

        config = self._config
        deadline = TurnDeadline(
            at=started + config.reply_budget_s - 0.25,
            progressive_at=started + config.progressive_after_s,
        )
        try:
            response = self._skill.invoke(
                request_envelope=request_envelope, context=DispatchContext(deadline)
            )
            serialized = self._skill.serializer.serialize(response)
            return serialized if isinstance(serialized, dict) else apology_envelope()
        except Exception:
            log.exception("skill dispatch failed")
            return apology_envelope()


def apology_envelope() -> dict[str, Any]:
    """A minimal valid response that says sorry and keeps the session open."""
    return {
        "version": "1.0",
        "response": {
            "outputSpeech": {"type": "SSML", "ssml": ssml.to_ssml(DEFAULT.alexa.SORRY)},
            "shouldEndSession": False,
        },
    }
