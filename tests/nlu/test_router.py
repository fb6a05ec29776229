"""One NLU parser per language: a turn is parsed by the parser of its locale's language."""

from __future__ import annotations

import pytest

from fulfillment.domain.conversation import Conversation
from fulfillment.domain.turns import TurnRequest
from nlu.parser import NluRouter
from tests.fakes import DEMO_FLOW, TableNlu

GERMAN = {"hallo": ("greet", 0.99, [])}


@pytest.mark.parametrize(
    ("locale", "language"),
    [("de", "de"), ("de-DE", "de"), ("de_AT", "de"), ("en-US", "en"), ("EN", "en"), (None, "de"), ("fr-FR", "de")],
)
def test_the_parser_follows_the_locale_and_falls_back_to_the_default(locale, language):
    parsers = {"de": TableNlu(GERMAN), "en": TableNlu(DEMO_FLOW)}
    assert NluRouter(parsers, "de").for_locale(locale) is parsers[language]


def test_a_router_needs_its_default_language():
    with pytest.raises(ValueError):
        NluRouter({"en": TableNlu(DEMO_FLOW)}, "de")


async def test_the_conversation_parses_a_german_turn_with_the_german_model(shop):
    german, english = TableNlu(GERMAN), TableNlu(DEMO_FLOW)
    conversation = Conversation(shop, NluRouter({"en": english, "de": german}, "en"))
    result = await conversation.handle(TurnRequest("r1", "hallo", "demo", "test", locale="de-DE"))
    assert german.calls == ["hallo"] and english.calls == []
    assert result.intent["name"] == "greet"
    await conversation.handle(TurnRequest("r2", "hi", "demo", "test", locale="en"))
    assert english.calls == ["hi"]
