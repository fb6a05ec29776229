"""The skill: one ask-sdk handler class per request or intent, registered in `build_skill`."""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractExceptionHandler, AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_core.utils import get_intent_name, is_intent_name, is_request_type
from ask_sdk_model import Response

from skill import intent_text
from skill.conversation import (
    LAST_ACTION,
    QUESTION_OPEN,
    AlexaConversation,
    prompts,
    remember,
    request_of,
    session_attributes,
)
from skill.interceptors import (
    LocaleInterceptor,
    RequestLogInterceptor,
    ResponseLogInterceptor,
    TranscriptHook,
    TranscriptInterceptor,
)
from skill.replies import Reply, local_reply, render
from skill.turn_runner import TurnFailed

log = logging.getLogger(__name__)


class CoreTurnHandler(AbstractRequestHandler):
    """Base of the handlers that ask the conversation core; subclasses say what to ask."""

    def __init__(self, conversation: AlexaConversation) -> None:
        self.conversation = conversation

    def core_text(self, handler_input: HandlerInput) -> str | None:
        """The sentence for the core, or None to answer with `without_text`."""
        raise NotImplementedError

    def without_text(self, handler_input: HandlerInput) -> Reply:
        return local_reply(prompts(handler_input).FALLBACK, prompts(handler_input))

    def when_late(self, handler_input: HandlerInput) -> Reply:
        """The core did not answer within the reply budget."""
        return local_reply(prompts(handler_input).STILL_WORKING, prompts(handler_input))

    def when_failed(self, handler_input: HandlerInput) -> Reply:
        """The core raised (already logged)."""
        return local_reply(prompts(handler_input).SORRY, prompts(handler_input))

    def finish(self, reply: Reply) -> Reply:
        return reply

    def handle(self, handler_input: HandlerInput) -> Response:
        text = self.core_text(handler_input)
        if text is None:
            reply = self.without_text(handler_input)
        else:
            try:
                reply = self.conversation.turn(handler_input, text) or self.when_late(handler_input)
            except TurnFailed as err:
                log.error("conversation core failed: %s", err, exc_info=err.__cause__)
                reply = self.when_failed(handler_input)
        reply = self.finish(reply)
        remember(handler_input, reply)
        return render(reply, handler_input.response_builder)

    def slots(self, handler_input: HandlerInput) -> dict[str, str]:
        return intent_text.slot_values(request_of(handler_input).intent.slots)

    def last_action(self, handler_input: HandlerInput) -> str | None:
        return session_attributes(handler_input).get(LAST_ACTION)


class LaunchHandler(CoreTurnHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("LaunchRequest")(handler_input)

    def core_text(self, handler_input: HandlerInput) -> str:
        return intent_text.CORE_WORDS["LaunchRequest"]

    def when_late(self, handler_input: HandlerInput) -> Reply:
        welcome = prompts(handler_input).WELCOME.format(shop=self.conversation.config.shop_name)
        return local_reply(welcome, prompts(handler_input))

    when_failed = when_late


class BuiltinIntentHandler(CoreTurnHandler):
    """AMAZON.Help/Yes/No/NavigateHome: fixed words the core understands."""

    def __init__(self, conversation: AlexaConversation, intent: str) -> None:
        super().__init__(conversation)
        self.intent = intent

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(self.intent)(handler_input)

    def core_text(self, handler_input: HandlerInput) -> str:
        return intent_text.CORE_WORDS[self.intent]


class StopHandler(CoreTurnHandler):
    """AMAZON.StopIntent, and CancelIntent when no question is open: goodbye, session ends."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if is_intent_name("AMAZON.StopIntent")(handler_input):
            return True
        question_open = session_attributes(handler_input).get(QUESTION_OPEN)
        return is_intent_name("AMAZON.CancelIntent")(handler_input) and not question_open

    def core_text(self, handler_input: HandlerInput) -> str:
        return intent_text.CORE_WORDS["AMAZON.StopIntent"]

    def when_late(self, handler_input: HandlerInput) -> Reply:
        goodbye = prompts(handler_input).GOODBYE.format(shop=self.conversation.config.shop_name)
        return local_reply(goodbye, prompts(handler_input), end=True)

    when_failed = when_late

    def finish(self, reply: Reply) -> Reply:
        return Reply(reply.speech, None, True, reply.card, reply.link_account, reply.action)


class CancelQuestionHandler(CoreTurnHandler):
    """AMAZON.CancelIntent while the core's question is open: decline it, stay in the skill."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.CancelIntent")(handler_input)

    def core_text(self, handler_input: HandlerInput) -> str:
        return intent_text.DECLINE


class FallbackHandler(CoreTurnHandler):
    """AMAZON.FallbackIntent: Alexa sends no words, so the channel answers itself."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.FallbackIntent")(handler_input)

    def core_text(self, handler_input: HandlerInput) -> None:
        return None


class ShopHandler(CoreTurnHandler):
    """ShopIntent, the catch-all: the free query, or the catalog words Alexa recognised."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("ShopIntent")(handler_input)

    def core_text(self, handler_input: HandlerInput) -> str | None:
        return intent_text.shop_text(self.slots(handler_input))

    def without_text(self, handler_input: HandlerInput) -> Reply:
        return local_reply(prompts(handler_input).EMPTY_QUERY, prompts(handler_input))


class OrderStatusHandler(CoreTurnHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("OrderStatusIntent")(handler_input)

    def core_text(self, handler_input: HandlerInput) -> str:
        return intent_text.order_status_text(self.slots(handler_input))


class NumberHandler(CoreTurnHandler):
    """QuantityIntent (`quantity`) and VoiceCodeIntent (`pin`): the digits, as the core expects."""

    def __init__(self, conversation: AlexaConversation, intent: str, slot: str) -> None:
        super().__init__(conversation)
        self.intent, self.slot = intent, slot

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(self.intent)(handler_input)

    def core_text(self, handler_input: HandlerInput) -> str | None:
        return intent_text.number_text(self.slots(handler_input), self.slot)


class SizeHandler(CoreTurnHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("SizeIntent")(handler_input)

    def core_text(self, handler_input: HandlerInput) -> str | None:
        return intent_text.size_text(self.slots(handler_input), self.last_action(handler_input))


class PhrasebookHandler(CoreTurnHandler):
    """Intents generated from the Rasa data: refill one of their samples with the slot values."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if not is_request_type("IntentRequest")(handler_input):
            return False
        return self.conversation.phrasebook.knows(str(get_intent_name(handler_input)))

    def core_text(self, handler_input: HandlerInput) -> str:
        intent = str(get_intent_name(handler_input))
        return self.conversation.phrasebook.sentence(intent, self.slots(handler_input))


class SessionEndedHandler(AbstractRequestHandler):
    """The session closed (user, error, timeout); Alexa accepts no speech here."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("SessionEndedRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        request = request_of(handler_input)
        reason = getattr(request.reason, "value", request.reason)
        if request.error is not None:
            log.warning("session ended by %s: %s", reason, request.error.message)
        else:
            log.info("session ended: %s", reason)
        return handler_input.response_builder.response


class UnhandledRequestHandler(AbstractRequestHandler):
    """Last: intents this skill does not know get the fallback; other request types nothing."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        if is_request_type("IntentRequest")(handler_input):
            log.warning("no handler for intent %s", get_intent_name(handler_input))
            reply = local_reply(prompts(handler_input).FALLBACK, prompts(handler_input))
            return render(reply, handler_input.response_builder)
        return handler_input.response_builder.response


class CatchAllExceptionHandler(AbstractExceptionHandler):
    """Registered last: any error becomes an apology; the session stays open."""

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        log.error("Alexa request failed: %s", exception, exc_info=exception)
        reply = local_reply(prompts(handler_input).SORRY, prompts(handler_input))
        return render(reply, handler_input.response_builder)


def build_skill(conversation: AlexaConversation, on_transcript: TranscriptHook | None = None):
    """The ask-sdk skill; handler order matters (first match wins)."""
    builder = SkillBuilder()
    builder.add_global_request_interceptor(RequestLogInterceptor())
    builder.add_global_request_interceptor(LocaleInterceptor())
    c = conversation
    for handler in (
        LaunchHandler(c),
        SessionEndedHandler(),
        BuiltinIntentHandler(c, "AMAZON.HelpIntent"),
        StopHandler(c),
        CancelQuestionHandler(c),
        BuiltinIntentHandler(c, "AMAZON.NavigateHomeIntent"),
        BuiltinIntentHandler(c, "AMAZON.YesIntent"),
        BuiltinIntentHandler(c, "AMAZON.NoIntent"),
        FallbackHandler(c),
        ShopHandler(c),
        OrderStatusHandler(c),
        NumberHandler(c, "QuantityIntent", "quantity"),
        NumberHandler(c, "VoiceCodeIntent", "pin"),
        SizeHandler(c),
        PhrasebookHandler(c),
        UnhandledRequestHandler(),
    ):
        builder.add_request_handler(handler)
    builder.add_exception_handler(CatchAllExceptionHandler())
    builder.add_global_response_interceptor(TranscriptInterceptor(on_transcript))
    builder.add_global_response_interceptor(ResponseLogInterceptor())
    skill: CustomSkill = builder.create()
    return skill
