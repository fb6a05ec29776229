"""Configuration of the Alexa channel, built from Emma's settings."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from skill.errors import AlexaConfigError

if TYPE_CHECKING:
    from fulfillment.settings import Settings

log = logging.getLogger(__name__)

ALEXA_HARD_TIMEOUT_S = 8.0
"""Alexa gives up on a skill endpoint after 8 seconds."""
AMAZON_MAX_TIMESTAMP_TOLERANCE_S = 150
"""Amazon requires rejecting requests whose timestamp is more than 150 seconds off."""


@dataclass(frozen=True)
class AlexaConfig:
    """Settings of the Alexa endpoint and skill."""

    skill_id: str
    """Skill id from the developer console (`amzn1.ask.skill.<uuid>`); requests for another skill
    are refused, with or without `verify`. Empty (only with `verify` off) accepts any skill id."""
    verify: bool = True
    """Check Amazon's signature, certificate and timestamp. Off only for local dev."""
    environment: str = "development"
    """Settings.env; in `production` verification cannot be turned off."""
    max_body_bytes: int = 128 * 1024
    """Larger request bodies are refused before being read in full."""
    timestamp_tolerance_s: int = 150
    """Maximum distance between the request timestamp and now."""
    reply_budget_s: float = 6.0
    """The whole reply (verification, turn, rendering) must be ready within this many seconds."""
    progressive_after_s: float = 2.0
    """A turn still running after this long gets a progressive "one moment" response."""
    worker_threads: int = 8
    """Alexa requests handled at once; each holds a thread for at most `reply_budget_s`."""
    cert_fetch_timeout_s: float = 3.0
    """Timeout for downloading Amazon's signing certificate chain."""
    shop_name: str = "Emma's Corner Shop"
    """Shown on cards."""
    currency_symbol: str = "€"
    """Put before bare numeric prices and totals on cards."""
    languages: tuple[str, ...] = ("en",)
    """The shop's languages (EMMA_LANGUAGES), the default first: a request's locale is answered in its
    language only when it is one of these, else in the default language."""
    address_form: str = "sie"
    """How German replies address the shopper (EMMA_GERMAN_FORM: "sie" or "du")."""

    def __post_init__(self) -> None:
        if self.verify and not self.skill_id:
            raise AlexaConfigError(
                "skill_id_missing",
                "EMMA_ALEXA_SKILL_ID must be set while Alexa request verification is on",
            )
        if not self.verify and self.environment == "production":
            raise AlexaConfigError(
                "verify_required_in_production",
                "Alexa request verification cannot be turned off when EMMA_ENV=production",
            )
        if not 0 < self.timestamp_tolerance_s <= AMAZON_MAX_TIMESTAMP_TOLERANCE_S:
            raise AlexaConfigError(
                "bad_timestamp_tolerance",
                f"timestamp_tolerance_s must be in 1..{AMAZON_MAX_TIMESTAMP_TOLERANCE_S}",
            )
        if not 0 < self.progressive_after_s < self.reply_budget_s < ALEXA_HARD_TIMEOUT_S:
            raise AlexaConfigError(
                "bad_reply_budget",
                "need 0 < progressive_after_s < reply_budget_s < 8 seconds",
            )
        if not self.languages:
            raise AlexaConfigError("no_languages", "the shop needs at least one language")
        if self.max_body_bytes <= 0 or self.worker_threads <= 0:
            raise AlexaConfigError("bad_limits", "max_body_bytes and worker_threads must be > 0")
        if not self.verify:
            log.warning(
                "!!!!!!!! ALEXA REQUEST VERIFICATION IS OFF (EMMA_ALEXA_VERIFY=0) !!!!!!!! "
                "Anyone can send forged requests to /alexa. Use this only on a development machine."
            )

    @classmethod
    def from_settings(cls, settings: Settings) -> AlexaConfig:
        """The channel's part of Emma's settings (alexa, the shop's name and languages, env)."""
        return cls(
            skill_id=settings.alexa.skill_id,
            verify=settings.alexa.verify,
            environment=settings.env,
            shop_name=settings.mail.shop_name,
            languages=settings.languages,
            address_form=settings.conversation.german_form,
        )
