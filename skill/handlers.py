"""The skill: one ask-sdk handler class per kind of request, registered in `build_skill`."""

from __future__ import annotations

import logging
from dataclasses import replace

from ask_sdk_core.dispatch_components import AbstractExceptionHandler, AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_core.utils import get_intent_name, get_request_type, is_intent_name, is_request_type
from ask_sdk_model import Response

from fulfillment.lang import language_of, pack_for
from nlu.parser import NluResult
from skill import understanding
from skill.conversation import (
    QUESTION_OPEN,
    AlexaConversation,
    locale_of,
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
from skill.model_seeds import CATCH_ALL_INTENT
from skill.replies import Reply, local_reply, render
from skill.turn_runner import TurnFailed

log = logging.getLogger(__name__)


class CoreTurnHandler(AbstractRequestHandler):
    """Base of the handlers that ask the conversation core; subclasses say what Alexa understood."""

    def __init__(self, conversation: AlexaConversation) -> None:
        self.conversation = conversation

    def understood(self, handler_input: HandlerInput) -> NluResult | None:
        """What the core gets instead of parsing text, or None to answer with `without_words`."""
        locale = locale_of(handler_input)
        return understanding.understood(self.name(handler_input), self.slots(handler_input),
                                        pack_for(locale).lexicon, language_of(locale))

    def without_words(self, handler_input: HandlerInput) -> Reply:
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
        nlu = self.understood(handler_input)
        if nlu is None:
            reply = self.without_words(handler_input)
        else:
            heard = understanding.transcript(self.name(handler_input), self.slots(handler_input))
            try:
                answered = self.conversation.turn(handler_input, nlu, heard)
                reply = answered or self.when_late(handler_input)
            except TurnFailed as err:
                log.error("conversation core failed: %s", err, exc_info=err.__cause__)
                reply = self.when_failed(handler_input)
        reply = self.finish(reply)
        remember(handler_input, reply)
        return render(reply, handler_input.response_builder)

    @staticmethod
    def name(handler_input: HandlerInput) -> str:
        """The intent's name, or the request type (`LaunchRequest`)."""
        if is_request_type("IntentRequest")(handler_input):
            return str(get_intent_name(handler_input))
        return str(get_request_type(handler_input))

    @staticmethod
    def slots(handler_input: HandlerInput) -> dict[str, str]:
        intent = getattr(request_of(handler_input), "intent", None)
        return understanding.slot_values(getattr(intent, "slots", None))


class LaunchHandler(CoreTurnHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("LaunchRequest")(handler_input)

    def when_late(self, handler_input: HandlerInput) -> Reply:
        welcome = prompts(handler_input).WELCOME.format(shop=self.conversation.config.shop_name)
        return local_reply(welcome, prompts(handler_input))

    when_failed = when_late


class StopHandler(CoreTurnHandler):
    """AMAZON.StopIntent, and CancelIntent when no question is open: goodbye, session ends."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if is_intent_name("AMAZON.StopIntent")(handler_input):
            return True
        question_open = session_attributes(handler_input).get(QUESTION_OPEN)
        return is_intent_name("AMAZON.CancelIntent")(handler_input) and not question_open

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

    def understood(self, handler_input: HandlerInput) -> NluResult:
        cancel = understanding.understood(self.name(handler_input), self.slots(handler_input))
        return replace(cancel, intent=understanding.DECLINE)


class FallbackHandler(CoreTurnHandler):
    """AMAZON.FallbackIntent: Alexa sends no words, so the channel answers itself."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name("AMAZON.FallbackIntent")(handler_input)

    def understood(self, handler_input: HandlerInput) -> None:
        return None


class ShopHandler(CoreTurnHandler):
    """ShopIntent, the catch-all: a search for the free query or the catalog words Alexa heard."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_intent_name(CATCH_ALL_INTENT)(handler_input)

    def understood(self, handler_input: HandlerInput) -> NluResult | None:
        return super().understood(handler_input) if self.slots(handler_input) else None

    def without_words(self, handler_input: HandlerInput) -> Reply:
        return local_reply(prompts(handler_input).EMPTY_QUERY, prompts(handler_input))


class IntentHandler(CoreTurnHandler):
    """Every other intent Emma has a meaning for: built-ins, seed intents and the intents
    generated from the Rasa data (see `understanding`)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if not is_request_type("IntentRequest")(handler_input):
            return False
        return understanding.emma_intent(self.name(handler_input)) is not None


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
    config = conversation.config
    builder.add_global_request_interceptor(LocaleInterceptor(config.languages, config.address_form))
    c = conversation
    for handler in (
        LaunchHandler(c),
        SessionEndedHandler(),
        StopHandler(c),
        CancelQuestionHandler(c),
        FallbackHandler(c),
        ShopHandler(c),
        IntentHandler(c),
        UnhandledRequestHandler(),
    ):
        builder.add_request_handler(handler)
    builder.add_exception_handler(CatchAllExceptionHandler())
    builder.add_global_response_interceptor(TranscriptInterceptor(on_transcript))
    builder.add_global_response_interceptor(ResponseLogInterceptor())
    skill: CustomSkill = builder.create()
    return skill
