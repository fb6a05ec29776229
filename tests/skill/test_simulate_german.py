"""`emma skill simulate --locale de-DE`: a German shopper through the simulator, the real shop and the real
conversation core (Alexa's NLU played by the de-DE model's samples, so no Rasa), and the locale fallback."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from fulfillment.apps.server import create_server
from fulfillment.lang import pack_for
from fulfillment.settings import AlexaSettings, ConversationSettings, Settings
from fulfillment.wiring import alexa_accounts, open_home
from skill import ssml
from skill.locales import skill_locale
from skill.simulate import build_request_envelope, card_text, simulate_response, spoken_text
from skill.simulated_nlu import SampleMatcher
from tests.fakes import TableNlu

TOKEN = "sams-alexa-token"


@pytest.fixture(scope="module")
def german() -> SampleMatcher:
    return SampleMatcher.for_locale(skill_locale("de-DE"))


@pytest.fixture(scope="module")
def english() -> SampleMatcher:
    return SampleMatcher.for_locale(skill_locale("en-US"))


@dataclass
class Device:
    """One simulated Echo: its locale, and the session attributes Alexa carries between turns."""

    base_url: str
    locale: str
    matcher: SampleMatcher
    attributes: dict[str, Any] = field(default_factory=dict)

    async def say(self, text: str) -> tuple[str, str | None]:
        response = await simulate_response(self.base_url, text, "sam", access_token=TOKEN, matcher=self.matcher,
                                           attributes=self.attributes, locale=self.locale)
        return spoken_text(response), card_text(response)


async def _server(aiohttp_client, tmp_path: Path, demo_db: Path, languages: tuple[str, ...], form: str = "sie"):
    shutil.copyfile(demo_db, tmp_path / "emma.db")
    config = Settings(home=tmp_path, env="development", languages=languages, alexa=AlexaSettings(verify=False),
                      conversation=ConversationSettings(german_form=form))
    shop = open_home(config)
    alexa_accounts(shop).link(TOKEN, "sam")  # a linked account may order; sam's voice code is 4321
    client = await aiohttp_client(create_server(config, shop=shop, nlu=TableNlu({}), purge=False))
    return str(client.make_url("")).rstrip("/")


@pytest.fixture
async def german_shop(aiohttp_client, tmp_path: Path, demo_db: Path) -> AsyncIterator[str]:
    yield await _server(aiohttp_client, tmp_path, demo_db, ("de", "en"))


GERMAN_CONVERSATION = (
    ("ich suche ein geschenk für meinen vater", "recommend"),
    ("habt ihr laufschuhe von adidas", "search"),  # refined: a kind of product and a brand
    ("in schwarz", "search"),  # refined again: a colour
    ("den ersten", "select"),
    ("ist das wasserdicht", "answer"),
    ("leg sie in größe zweiundvierzig in den warenkorb", "add_to_cart"),  # black, as the list was narrowed
    ("zur kasse", "confirm_order"),
    ("ja", "ask_pin"),
    ("4321", "place_order"),
    ("wo ist meine bestellung", "order_status"),
)


async def test_a_german_shopper_finds_a_gift_orders_it_in_a_size_and_asks_where_it_is(german_shop, german):
    echo = Device(german_shop, "de-DE", german)
    said: dict[str, tuple[str, str | None]] = {}
    actions = []
    for text, _ in GERMAN_CONVERSATION:
        said[text] = await echo.say(text)
        actions.append(echo.attributes.get("last_action"))

    assert actions == [action for _, action in GERMAN_CONVERSATION], said
    added = said["leg sie in größe zweiundvierzig in den warenkorb"][0]
    assert "Schwarz, Größe 42" in added and "Warenkorb" in added
    read_back, card = said["zur kasse"]
    assert "Soll ich die Bestellung aufgeben?" in read_back
    assert card is not None and card.startswith("Bitte bestätigen Sie Ihre Bestellung\nVerkauft von")
    assert "\nVersand: " in card and "\nGesamt: " in card and card.endswith(" €")
    assert "Sprach-PIN" in said["ja"][0]
    placed, receipt = said["4321"]
    assert receipt is not None and receipt.startswith("Bestellung ") and "Status: aufgegeben" in receipt
    order_id = receipt.split()[1]
    assert order_id in placed and order_id in said["wo ist meine bestellung"][0]
    english = {"the", "your", "order", "basket", "sorry", "size", "total:", "shipping:", "placed"}
    for text, card_shown in said.values():
        assert not english & set(f"{text} {card_shown or ''}".lower().replace(".", " ").split()), text


async def test_the_read_back_card_names_the_german_title_and_the_size(german_shop, german):
    echo = Device(german_shop, "de-DE", german)
    for text, _ in GERMAN_CONVERSATION[:6]:
        await echo.say(text)

    _, card = await echo.say("zur kasse")

    assert card is not None and "Laufschuh (Größe 42)" in card


async def _fallback(base_url: str, locale: str) -> dict[str, Any]:
    """Alexa's FallbackIntent carries no words: the channel answers it itself, from the language pack."""
    envelope = build_request_envelope("IntentRequest", intent_name="AMAZON.FallbackIntent", slots={}, locale=locale)
    async with aiohttp.ClientSession() as client, client.post(f"{base_url}/alexa", json=envelope) as response:
        return dict(await response.json())


async def test_the_channels_own_words_are_german_too(german_shop):
    reply = await _fallback(german_shop, "de-DE")

    assert spoken_text(reply) == pack_for("de").alexa.FALLBACK
    assert ssml.to_text(reply["response"]["reprompt"]["outputSpeech"]["ssml"]) == "Was kann ich sonst für Sie tun?"


async def test_an_austrian_device_is_answered_in_german_and_a_british_one_in_english(german_shop, german, english):
    austrian = Device(german_shop, "de-AT", german)
    reply, _ = await austrian.say("ich suche ein geschenk für meinen vater")
    assert austrian.attributes["last_action"] == "recommend" and "Sagen Sie „mehr“" in reply

    reply, _ = await Device(german_shop, "en-GB", english).say("do you have rain jackets")
    assert "rain jacket" in reply.lower() and "Sie" not in reply


async def test_a_locale_the_shop_does_not_sell_in_falls_back_to_its_default_language(
    aiohttp_client, tmp_path: Path, demo_db: Path, german
):
    english_only = await _server(aiohttp_client, tmp_path, demo_db, ("en",))

    reply, _ = await Device(english_only, "de-DE", german).say("zur kasse")

    assert reply == "Your cart is empty. What can I find for you?"


async def test_a_du_shop_says_du_on_alexa(aiohttp_client, tmp_path: Path, demo_db: Path, german):
    base_url = await _server(aiohttp_client, tmp_path, demo_db, ("de",), form="du")

    reply, _ = await Device(base_url, "de-DE", german).say("stopp")
    fallback = spoken_text(await _fallback(base_url, "de-DE"))

    assert reply.startswith("Tschüss") and "Ihr" not in reply
    assert fallback == pack_for("de", "du").alexa.FALLBACK and fallback.startswith("Entschuldige,")
