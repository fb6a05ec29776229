"""One Alexa request as a conversation turn: who is speaking, what they said, what Emma answers."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, replace
from types import ModuleType
from typing import Any

from ask_sdk_core.handler_input import HandlerInput

from fulfillment.domain.turns import TurnRequest, TurnResult
from fulfillment.lang import DEFAULT, language_of, supports
from nlu.parser import NluResult
from skill import cards, ssml
from skill.accounts import AlexaAccounts
from skill.config import AlexaConfig
from skill.progressive import ProgressiveDirective
from skill.replies import Reply, reply_for
from skill.turn_runner import TurnDeadline, TurnRunner

log = logging.getLogger(__name__)

CHANNEL = "alexa"
PROMPTS_ATTR = "prompts"
"""Request attribute holding the prompts module chosen by the locale interceptor."""
LOCALE_ATTR = "locale"
"""Request attribute holding the locale the request is answered in (`served_locale`)."""
HEARD_ATTR = "heard"
"""Request attribute holding the turn's transcript (`understanding.transcript`)."""
REPLY_ATTR = "reply"
LAST_ACTION = "last_action"
"""Session attribute: the core's last action (`ask_pin`, `confirm_order`, ...)."""
QUESTION_OPEN = "question_open"
"""Session attribute: the core's last reply asked a question."""
READ_BACK_ITEMS = "read_back_items"
"""Session attribute: the items of the last order read-back, for the receipt card and e-mail
(the core's `place_order` data has the order's id, status and total, and the emptied cart)."""
MAX_READ_BACK_ITEMS = 30


@dataclass(frozen=True)
class DispatchContext:
    """Passed as ask-sdk's `context` by `AlexaEndpoint`: when the reply must be ready."""

    deadline: TurnDeadline


def alexa_session_id(alexa_user_id: str, customer_id: str) -> str:
    """One Emma conversation per Alexa user and customer: Alexa user ids run to hundreds of
    characters, and linking an account switches the customer, which starts a fresh session."""
    digest = hashlib.sha256(f"{alexa_user_id}|{customer_id}".encode()).hexdigest()[:24]
    return f"{CHANNEL}:{digest}"


@dataclass(frozen=True)
class AlexaConversation:
    """Everything the handlers need; one per server."""

    runner: TurnRunner
    accounts: AlexaAccounts
    config: AlexaConfig

    def turn(self, handler_input: HandlerInput, nlu: NluResult, heard: str) -> Reply | None:
        """Ask the core with what Alexa understood (`heard` is the transcript for the record);
        None when it is not ready within the reply budget."""
        envelope = handler_input.request_envelope
        customer_id = self.customer_for(handler_input)
        request = TurnRequest(
            session_id=alexa_session_id(user_id(handler_input), customer_id),
            text=heard,
            customer_id=customer_id,
            channel=CHANNEL,
            idempotency_key=request_of(handler_input).request_id,
            locale=locale_of(handler_input),
            nlu=nlu,
        )
        handler_input.attributes_manager.request_attributes[HEARD_ATTR] = heard
        read_back = session_attributes(handler_input).get(READ_BACK_ITEMS) or []

        result = self.runner.run(
            request,
            self.deadline(handler_input),
            self.progressive(handler_input),
        )
        if result is None:
            return None
        if result.action == "place_order":  # the receipt card lists what was read back
            result = with_order_items(result, read_back)
        if result.action == "confirm_order" and envelope.session is not None:
            items = [dict(item) for item in cards.order_items(result.data)][:MAX_READ_BACK_ITEMS]
            session_attributes(handler_input)[READ_BACK_ITEMS] = items
        config = self.config
        return reply_for(result, prompts(handler_input), config.shop_name, config.currency_symbol)

    def customer_for(self, handler_input: HandlerInput) -> str:
        """The linked customer of the access token, else this Alexa user's guest customer."""
        token = access_token(handler_input)
        if token:
            customer = self.accounts.customer_for_access_token(token)
            if customer:
                return customer
            log.info("account-linking token not recognised; continuing as a guest")
        return self.accounts.guest_customer(user_id(handler_input))

    def deadline(self, handler_input: HandlerInput) -> TurnDeadline:
        if isinstance(handler_input.context, DispatchContext):
            return handler_input.context.deadline
        return TurnDeadline.starting_now(
            self.config.reply_budget_s, self.config.progressive_after_s
        )

    def progressive(self, handler_input: HandlerInput) -> ProgressiveDirective | None:
        system = system_of(handler_input)
        if system is None or not (system.api_endpoint and system.api_access_token):
            return None
        return ProgressiveDirective(
            api_endpoint=system.api_endpoint,
            api_access_token=system.api_access_token,
            request_id=request_of(handler_input).request_id,
            ssml=ssml.to_ssml(prompts(handler_input).PROGRESSIVE),
        )


def with_order_items(result: TurnResult, read_back: list[dict[str, Any]]) -> TurnResult:
    """A `place_order` result whose order lists its items (from the read-back if need be)."""
    if cards.order_items(result.data) or not read_back:
        return result
    order = dict(result.data.get("order") or {})
    order["items"] = read_back
    return replace(result, data={**result.data, "order": order})


def served_locale(requested: str | None, languages: tuple[str, ...]) -> str:
    """The locale a request is answered in: its own (`de-DE`) when the shop sells in its language and
    Emma has a pack for it, else the shop's default language (`languages[0]`)."""
    if requested and supports(requested) and language_of(requested) in languages:
        return requested
    return languages[0]


def locale_of(handler_input: HandlerInput) -> str:
    """The locale chosen by the locale interceptor (the request's own before it ran)."""
    chosen = handler_input.attributes_manager.request_attributes.get(LOCALE_ATTR)
    return chosen if isinstance(chosen, str) else getattr(request_of(handler_input), "locale", None) or "en"


def prompts(handler_input: HandlerInput) -> ModuleType:
    chosen = handler_input.attributes_manager.request_attributes.get(PROMPTS_ATTR)
    return chosen if isinstance(chosen, ModuleType) else DEFAULT.alexa


def session_attributes(handler_input: HandlerInput) -> dict[str, Any]:
    """The Alexa session's attributes (a throwaway dict for requests outside a session)."""
    if handler_input.request_envelope.session is None:
        return {}
    attributes: dict[str, Any] | None = handler_input.attributes_manager.session_attributes
    return attributes if attributes is not None else {}


def request_of(handler_input: HandlerInput) -> Any:
    """The request (LaunchRequest, IntentRequest, ...), as Any: ask-sdk types it as a base class."""
    return handler_input.request_envelope.request


def system_of(handler_input: HandlerInput) -> Any:
    context = handler_input.request_envelope.context
    return context.system if context is not None else None


def remember(handler_input: HandlerInput, reply: Reply) -> None:
    """Keep the core's last action in the Alexa session, for the next request's handlers."""
    handler_input.attributes_manager.request_attributes[REPLY_ATTR] = reply
    if handler_input.request_envelope.session is None:
        return
    attributes = session_attributes(handler_input)
    if reply.action:
        attributes[LAST_ACTION] = reply.action
        attributes[QUESTION_OPEN] = reply.expects_answer


def user_id(handler_input: HandlerInput) -> str:
    envelope = handler_input.request_envelope
    system = system_of(handler_input)
    if system is not None and system.user is not None and system.user.user_id:
        return str(system.user.user_id)
    if envelope.session is not None and envelope.session.user is not None:
        return str(envelope.session.user.user_id)
    return "unknown"


def access_token(handler_input: HandlerInput) -> str | None:
    envelope = handler_input.request_envelope
    system = system_of(handler_input)
    if system is not None and system.user is not None and system.user.access_token:
        return str(system.user.access_token)
    if envelope.session is not None and envelope.session.user is not None:
        return envelope.session.user.access_token or None
    return None
