"""A shop of two languages answers each turn from that turn's language's knowledge (policies, stores,
occasions, reasons), whichever language is its default; shipping figures stay one set per shop."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from fulfillment.domain.conversation import Conversation
from fulfillment.domain.events import EventBus
from fulfillment.domain.knowledge import Knowledge
from fulfillment.domain.turns import TurnRequest, TurnResult
from fulfillment.settings import Settings
from tests.fakes import TableNlu
from tests.fulfillment.domain.memory_store import MemoryStore

UTTERANCES = TableNlu({
    "what is your return policy": ("store_info", 0.95, [("topic", "return")]),
    "wie lange habe ich widerrufsrecht": ("store_info", 0.95, []),
    "a gift for mother's day": ("recommend", 0.93, [("occasion", "mother's day")]),
    "ein geschenk zum muttertag": ("recommend", 0.93, [("occasion", "muttertag")]),
    "where is your munich store": ("store_info", 0.95, [("store", "munich")]),
    "wo ist euer laden in münchen": ("store_info", 0.95, [("store", "münchen")]),
}).table

ENGLISH_RETURN = "You can return anything unused within 30 days"
GERMAN_WITHDRAWAL = "14 Tagen"
ENGLISH_PITCH = "A little time for herself"
GERMAN_PITCH = "Ein bisschen Zeit für sich"


@pytest.fixture(params=[("de", "en"), ("en", "de")], ids=["de,en", "en,de"])
def config(request: pytest.FixtureRequest, tmp_path: Path, demo_db: Path) -> Settings:
    shutil.copyfile(demo_db, tmp_path / "emma.db")
    return Settings(home=tmp_path, languages=request.param)


@pytest.fixture
def conversation(shop) -> Conversation:
    """The shop of `config`, its unit of work in memory, understood by a table."""
    customers = [shop.customers.get("demo")]
    store = MemoryStore(shop.catalog, customers, pins={})
    domain = dataclasses.replace(shop, unit_of_work=store.unit_of_work, events=EventBus())
    return Conversation(domain, TableNlu(UTTERANCES))


async def turn(conversation: Conversation, text: str, locale: str) -> TurnResult:
    return await conversation.handle(TurnRequest(f"s-{locale}", text, "demo", "test", locale=locale))


async def test_an_english_policy_question_gets_the_english_answer(conversation):
    reply = await turn(conversation, "what is your return policy", "en-US")
    assert reply.reply.startswith(ENGLISH_RETURN), reply.reply


async def test_a_german_policy_question_gets_the_german_answer(conversation):
    reply = await turn(conversation, "wie lange habe ich widerrufsrecht", "de-DE")
    assert GERMAN_WITHDRAWAL in reply.reply and "Widerruf" in reply.reply, reply.reply


async def test_an_english_occasion_gets_the_english_pitch_and_reasons(conversation, shop):
    reply = await turn(conversation, "a gift for mother's day", "en-US")
    assert reply.action == "recommend" and ENGLISH_PITCH in reply.reply, reply.reply
    english = Knowledge.load(language="en").reasons
    assert any(r in reply.reply for r in english.values() if r), reply.reply


async def test_a_german_occasion_gets_the_german_pitch_and_reasons(conversation, shop):
    reply = await turn(conversation, "ein geschenk zum muttertag", "de-DE")
    assert reply.action == "recommend" and GERMAN_PITCH in reply.reply, reply.reply
    german = Knowledge.load(language="de").reasons
    assert any(r in reply.reply for r in german.values() if r), reply.reply


@pytest.mark.parametrize(("said", "locale", "name"), [
    ("where is your munich store", "en-US", "Emma Store München"),
    ("wo ist euer laden in münchen", "de-DE", "Emma Laden München"),
])
async def test_stores_are_named_in_the_turns_language(conversation, said, locale, name):
    reply = await turn(conversation, said, locale)
    assert name in reply.reply, reply.reply


def test_the_shop_holds_the_knowledge_of_its_languages_only(shop, config):
    for language in config.languages:
        assert shop.knowledge_for(language) is shop.knowledge_for(f"{language}-XX")
    assert shop.knowledge_for("de-AT").occasions["beach"]["pitch"] == "Sonne, Sand und die richtige Musik"
    assert shop.knowledge_for("en-GB").occasions["beach"]["pitch"] == "Sun, sand and a playlist"
    assert shop.knowledge_for("fr-FR") is shop.knowledge_for(config.default_language)  # not served: the default
    assert list(shop.knowledge_by_language.languages) == list(config.languages)


def test_a_single_language_shop_loads_one_language(tmp_path, demo_db):
    from fulfillment.wiring import open_home

    shutil.copyfile(demo_db, tmp_path / "emma.db")
    home = open_home(Settings(home=tmp_path, languages=("de",)))
    try:
        assert list(home.knowledge_by_language.languages) == ["de"]
        assert home.knowledge_for("en-US") is home.knowledge  # an English turn in a German shop: as before
    finally:
        home.db.close()


def test_orders_and_answers_use_one_set_of_shipping_figures():
    """The order's charge is the default language's figures; the files of both languages agree on them."""
    english, german = Knowledge.load(language="en"), Knowledge.load(language="de")
    for name in ("standard_cost", "free_from", "express_cost", "express_days"):
        assert english.fact("shipping", name) == german.fact("shipping", name), name
    for name in ("days", "refund_days", "free_returns"):
        assert english.fact("return", name) == german.fact("return", name), name
