"""Cross-cutting concerns of every Alexa request: logging, locale, transcript recording."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from ask_sdk_core.dispatch_components import (
    AbstractRequestInterceptor,
    AbstractResponseInterceptor,
)
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, get_request_type, is_request_type
from ask_sdk_model import Response

from fulfillment.lang import pack_for
from skill.conversation import (
    HEARD_ATTR,
    LOCALE_ATTR,
    PROMPTS_ATTR,
    REPLY_ATTR,
    request_of,
    served_locale,
    user_id,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TranscriptEntry:
    """One Alexa exchange, for the transcript recorder."""

    request_id: str
    session_id: str
    request_type: str
    intent: str | None
    heard: str | None
    """The turn's transcript (`understanding.transcript`; None when the channel answered by itself)."""
    said: str | None
    """Emma's spoken reply as plain text."""
    action: str | None
    end_session: bool | None


TranscriptHook = Callable[[TranscriptEntry], None]


def _intent(handler_input: HandlerInput) -> str | None:
    if is_request_type("IntentRequest")(handler_input):
        return str(get_intent_name(handler_input))
    return None


def _who(handler_input: HandlerInput) -> str:
    """A short, stable pseudonym of the Alexa user for logs (never the raw id)."""
    return hashlib.sha256(user_id(handler_input).encode()).hexdigest()[:10]


class RequestLogInterceptor(AbstractRequestInterceptor):
    def process(self, handler_input: HandlerInput) -> None:
        request = request_of(handler_input)
        log.info(
            "alexa %s %s request=%s user=%s",
            get_request_type(handler_input),
            _intent(handler_input) or "",
            request.request_id,
            _who(handler_input),
        )


class LocaleInterceptor(AbstractRequestInterceptor):
    """Choose the request's language: its locale when the shop sells in that language (`languages`,
    EMMA_LANGUAGES), else the shop's default language; the turn, the NLU values and the channel's own
    words (the pack's `alexa` sentences in the shop's form of address) all follow it."""

    def __init__(self, languages: tuple[str, ...] = ("en",), form: str = "sie") -> None:
        self._languages = languages
        self._form = form

    def process(self, handler_input: HandlerInput) -> None:
        requested = getattr(handler_input.request_envelope.request, "locale", None) or "en-US"
        locale = served_locale(requested, self._languages)
        if locale != requested:
            log.info("locale %s is not one of the shop's languages (%s); answering in %s",
                     requested, ",".join(self._languages), locale)
        attributes = handler_input.attributes_manager.request_attributes
        attributes[LOCALE_ATTR] = locale
        attributes[PROMPTS_ATTR] = pack_for(locale, self._form).alexa


class TranscriptInterceptor(AbstractResponseInterceptor):
    """Hands every exchange to the transcript hook (the core records its own turns too)."""

    def __init__(self, hook: TranscriptHook | None = None) -> None:
        self._hook = hook

    def process(self, handler_input: HandlerInput, response: Response) -> None:
        if self._hook is None:
            return
        attributes = handler_input.attributes_manager.request_attributes
        reply = attributes.get(REPLY_ATTR)
        envelope = handler_input.request_envelope
        entry = TranscriptEntry(
            request_id=str(request_of(handler_input).request_id),
            session_id=str(envelope.session.session_id) if envelope.session else "",
            request_type=str(get_request_type(handler_input)),
            intent=_intent(handler_input),
            heard=heard if isinstance(heard := attributes.get(HEARD_ATTR), str) else None,
            said=getattr(reply, "speech", None),
            action=getattr(reply, "action", None),
            end_session=response.should_end_session if response is not None else None,
        )
        try:
            self._hook(entry)
        except Exception:
            log.exception("transcript hook failed")


class ResponseLogInterceptor(AbstractResponseInterceptor):
    def process(self, handler_input: HandlerInput, response: Response) -> None:
        if response is None:
            return
        speech = getattr(response.output_speech, "ssml", None) or ""
        log.info(
            "alexa reply request=%s chars=%d end=%s card=%s",
            request_of(handler_input).request_id,
            len(speech),
            response.should_end_session,
            type(response.card).__name__ if response.card else "-",
        )
