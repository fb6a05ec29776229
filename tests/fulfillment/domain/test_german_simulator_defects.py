"""German defects reported from the Alexa simulator (de-DE), over a de,en shop: a feature question Alexa
passes without its words, a colour straight after ideas, and a colour said on a list before "leg ihn in den
warenkorb"."""

from __future__ import annotations

from typing import Any

import pytest

from fulfillment.domain.conversation import Conversation
from fulfillment.domain.turns import TurnRequest, TurnResult
from fulfillment.lang import PACKS
from fulfillment.settings import Settings
from nlu.parser import NluResult
from tests.fulfillment.domain.chat import ToldNlu, listed


@pytest.fixture
def config(backend_config: Settings) -> Settings:
    return backend_config.with_(languages=("de", "en"))


def german_chat(shop: Any):
    nlu = ToldNlu()
    conversation = Conversation(shop, nlu)

    async def chat(text: str, intent: str = "search_product", *entities: tuple[str, Any],
                   alexa: bool = False) -> TurnResult:
        nlu.next = (intent, list(entities))
        said = NluResult("", intent, 1.0) if alexa else None  # Alexa's intent without the words said
        return await conversation.handle(TurnRequest("s-de", text, "demo", "test", locale="de-DE", nlu=said))

    return chat


async def test_a_feature_question_without_its_words_names_the_highlights_once(shop):
    chat = german_chat(shop)
    await chat("zeig mir laufschuhe von adidas", "search_product", ("product", "laufschuhe"), ("brand", "adidas"))
    await chat("den ersten", "select_option", ("ordinal", 1))
    reply = await chat("ist das wasserdicht", "product_question", alexa=True)
    assert reply.action == "answer" and reply.reply.count("Highlights") <= 1, reply.reply


def test_a_german_description_that_ends_with_its_highlights_is_not_repeated():
    describe = PACKS["de"].prompts.describe

    class Shoe:
        features = ("cushioned", "reflective details")
        description = "Dämpft jeden Schritt. Highlights: gedämpft und reflektierende Details."

    assert describe(Shoe) == Shoe.description


async def test_a_colour_after_what_goes_with_it_narrows_those_ideas(shop):
    chat = german_chat(shop)
    await chat("zeig mir regenjacken", "search_product", ("product", "regenjacken"))
    await chat("die erste", "select_option", ("ordinal", 1))
    ideas = listed(shop, await chat("was passt dazu", "recommend"))
    reply = await chat("in blau", "search_product", ("color", "blau"))
    goes_with = set(shop.knowledge_for("de").complements["rain jacket"])
    shown = listed(shop, reply)
    assert ideas and {p.type for p in ideas} <= goes_with
    assert shown and {p.type for p in shown} <= goes_with, reply.reply  # not every blue product of the shop


async def test_a_colour_after_ideas_for_someone_narrows_the_ideas(shop):
    chat = german_chat(shop)
    await chat("ich suche ein geschenk für meine schwester", "recommend", ("recipient", "schwester"))
    reply = await chat("in blau", "search_product", ("color", "blau"))
    assert reply.action == "recommend" and all("blue" in p.colors for p in listed(shop, reply)), reply.reply


@pytest.mark.parametrize("between", [[], [("ist das wasserdicht", "product_question")]])
async def test_a_colour_said_on_the_list_is_not_asked_again_when_adding(shop, between):
    chat = german_chat(shop)
    await chat("zeig mir laufschuhe", "search_product", ("product", "laufschuhe"))
    await chat("in schwarz", "search_product", ("color", "schwarz"))
    await chat("den ersten", "select_option", ("ordinal", 1))
    for said, intent in between:
        await chat(said, intent)
    reply = await chat("leg ihn in den warenkorb", "add_to_cart")
    assert "Farbe" not in reply.reply, reply.reply
    assert [line.color for line in shop.carts.get("demo").lines] == ["black"], reply.reply


async def test_another_colour_said_when_adding_wins_over_the_lists(shop):
    chat = german_chat(shop)
    await chat("zeig mir laufschuhe", "search_product", ("product", "laufschuhe"))
    await chat("in schwarz", "search_product", ("color", "schwarz"))
    await chat("den ersten", "select_option", ("ordinal", 1))
    reply = await chat("leg ihn in grau in den warenkorb", "add_to_cart", ("color", "grau"))
    assert [line.color for line in shop.carts.get("demo").lines] == ["grey"], reply.reply
