"""What Alexa says and shows for a turn: speech, reprompt, card, whether the session stays open."""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import ModuleType

from ask_sdk_model import Response
from ask_sdk_model.ui import LinkAccountCard, SimpleCard

from fulfillment.domain.turns import TurnResult
from skill import cards, ssml

ACTION_REPROMPTS = {
    "ask_pin": "REPROMPT_VOICE_CODE",
    "ask_size": "REPROMPT_SIZE",
    "ask_quantity": "REPROMPT_QUANTITY",
    "confirm_order": "REPROMPT_CONFIRM",
    "confirm_cancel": "REPROMPT_YES_NO",
    "search": "REPROMPT_PICK",
    "more": "REPROMPT_PICK",
    "recommend": "REPROMPT_PICK",
}
"""Reprompts by the core's action; otherwise the reply's last question, else a general one."""
QUESTION_ACTIONS = frozenset(
    {"ask_pin", "ask_size", "ask_quantity", "confirm_order", "confirm_cancel"}
)
"""Actions that always leave a question open, whatever `expects_answer` says."""
_QUESTION = re.compile(r"[^.!?]*\?")


@dataclass(frozen=True)
class Reply:
    """One Alexa response, before it is rendered with ask-sdk's ResponseBuilder."""

    speech: str
    """Plain text; escaped into SSML when rendered."""
    reprompt: str | None = None
    """Said if the customer stays silent; None closes the microphone."""
    end_session: bool | None = False
    """True ends the session, False keeps the microphone open, None lets the device decide."""
    card: tuple[str, str] | None = None
    """(title, content) of a SimpleCard."""
    link_account: bool = False
    """Send a LinkAccount card instead of a SimpleCard."""
    action: str | None = None
    """The core's action, kept in the session for the next request."""
    expects_answer: bool = False
    """A question is open (the core's flag, or an action that always asks)."""


def reply_for(result: TurnResult, prompts: ModuleType, shop: str, symbol: str) -> Reply:
    """Map the core's `TurnResult` to an Alexa reply."""
    speech = result.reply
    card = None
    link_account = False
    if result.action == "view_cart":
        card = cards.cart_card(result.data, prompts, shop, symbol)
    elif result.action in ("confirm_order", "place_order"):
        placed = result.action == "place_order"
        card = cards.order_card(result.data, prompts, shop, symbol, placed=placed)
    elif result.action == "account_required":
        speech = f"{speech} {prompts.LINK_ACCOUNT.format(shop=shop)}".strip()
        link_account = True
    if result.end_session:
        return Reply(speech, None, True, card, link_account, result.action)
    return Reply(
        speech,
        reprompt_for(result, prompts),
        False,
        card,
        link_account,
        result.action,
        result.expects_answer or result.action in QUESTION_ACTIONS,
    )


def reprompt_for(result: TurnResult, prompts: ModuleType) -> str:
    """The action's own reprompt, else the reply's last question, else a general one."""
    asking = result.expects_answer or result.action in QUESTION_ACTIONS
    if asking and result.action in ACTION_REPROMPTS:
        return str(getattr(prompts, ACTION_REPROMPTS[result.action]))
    questions = _QUESTION.findall(result.reply) if asking else []
    return questions[-1].strip() if questions else str(prompts.REPROMPT_DEFAULT)


def local_reply(speech: str, prompts: ModuleType, *, end: bool = False) -> Reply:
    """A reply the channel makes itself (the core was not asked, or did not answer)."""
    if end:
        return Reply(speech, None, True)
    return Reply(speech, prompts.REPROMPT_DEFAULT, False)


def render(reply: Reply, builder) -> Response:
    """Apply to ask-sdk's ResponseBuilder (`handler_input.response_builder`)."""
    builder.speak(ssml.to_ssml(reply.speech))
    if reply.reprompt and not reply.end_session:
        builder.ask(ssml.to_ssml(reply.reprompt))
    if reply.link_account:
        builder.set_card(LinkAccountCard())
    elif reply.card is not None:
        builder.set_card(SimpleCard(title=reply.card[0], content=reply.card[1]))
    builder.set_should_end_session(reply.end_session)
    return builder.response
