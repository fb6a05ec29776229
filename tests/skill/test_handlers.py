"""The skill's handlers against a fake conversation core, dispatched as the web view does."""

from __future__ import annotations

import asyncio
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from fulfillment.lang import pack_for
from skill.accounts import InMemoryAlexaAccounts
from skill.conversation import alexa_session_id
from tests.skill.alexa_kit import (
    SKILL_ID,
    FakeTurns,
    intent_envelope,
    load_envelope,
    make_rig,
    turn_result,
)

USER_ID = load_envelope("launch.json")["session"]["user"]["userId"]
prompts_en = pack_for("en-US").alexa


def speech(envelope: dict[str, Any]) -> str:
    return envelope["response"]["outputSpeech"]["ssml"]


def spoken(ssml: str) -> str:
    """Parse the SSML as XML (Alexa does), returning its text."""
    return "".join(ET.fromstring(ssml).itertext())


def reprompt(envelope: dict[str, Any]) -> str | None:
    prompt = envelope["response"].get("reprompt")
    return spoken(prompt["outputSpeech"]["ssml"]) if prompt else None


async def test_launch_asks_the_core_to_greet_and_keeps_the_session_open(tmp_path: Path):
    turns = FakeTurns(
        turn_result("greet", "Hi, I'm Emma. What are you looking for?", expects_answer=True)
    )
    rig = await make_rig(tmp_path, turns)
    envelope = load_envelope("launch.json")

    response = await rig.ask(envelope)

    [request] = turns.requests
    assert request.nlu is not None and request.nlu.intent == "greet"
    assert request.text == "LaunchRequest"
    assert (request.channel, request.locale) == ("alexa", "en-US")
    assert request.session_id == alexa_session_id(USER_ID, request.customer_id)
    assert len(request.session_id) <= 128
    assert request.idempotency_key == envelope["request"]["requestId"]
    assert request.customer_id.startswith("alexa-guest-")
    assert spoken(speech(response)) == "Hi, I'm Emma. What are you looking for?"
    assert reprompt(response) == "What are you looking for?"
    assert response["response"]["shouldEndSession"] is False


async def test_help_goes_to_the_core_and_stays_open(tmp_path: Path):
    turns = FakeTurns(turn_result("help", "You can search, fill your basket and order."))
    rig = await make_rig(tmp_path, turns)

    response = await rig.ask(load_envelope("intent_no_slots.json"))

    assert turns.requests[0].nlu.intent == "help"
    assert reprompt(response) == prompts_en.REPROMPT_DEFAULT
    assert response["response"]["shouldEndSession"] is False


@pytest.mark.parametrize("intent", ["AMAZON.StopIntent", "AMAZON.CancelIntent"])
async def test_stop_says_goodbye_and_ends(tmp_path: Path, intent: str):
    turns = FakeTurns(turn_result("goodbye", "Bye for now!", end_session=True))
    rig = await make_rig(tmp_path, turns)

    response = await rig.ask(intent_envelope(intent))

    assert turns.requests[0].nlu.intent == "goodbye"
    assert spoken(speech(response)) == "Bye for now!"
    assert response["response"]["shouldEndSession"] is True
    assert "reprompt" not in response["response"]


async def test_cancel_while_a_question_is_open_declines_it(tmp_path: Path):
    turns = FakeTurns(
        turn_result("clarify", "Okay, I won't place it. Anything else?", expects_answer=True)
    )
    rig = await make_rig(tmp_path, turns)

    response = await rig.ask(
        intent_envelope("AMAZON.CancelIntent", last_action="confirm_order", question_open=True)
    )

    assert turns.requests[0].nlu.intent == "deny"
    assert turns.requests[0].text == "AMAZON.CancelIntent"
    assert response["response"]["shouldEndSession"] is False


async def test_search_reply_is_escaped_ssml_with_a_reprompt(tmp_path: Path):
    reply = 'Emma\'s Corner Shop has 2 "Sunny" red t-shirts & socks <under £10>. Want the first?'
    turns = FakeTurns(turn_result("search", reply, expects_answer=True))
    rig = await make_rig(tmp_path, turns)

    response = await rig.ask(load_envelope("intent_search.json"))

    ssml = speech(response)
    assert turns.requests[0].text == "red t-shirts for kids"
    assert turns.requests[0].nlu.intent == "search_product"
    assert ssml.startswith("<speak>") and ssml.endswith("</speak>")
    assert "&amp;" in ssml and "&lt;under" in ssml and "&quot;Sunny&quot;" in ssml
    assert spoken(ssml) == reply
    assert reprompt(response) == prompts_en.REPROMPT_PICK
    assert response["response"]["shouldEndSession"] is False
    assert response["sessionAttributes"]["last_action"] == "search"


async def test_confirm_order_shows_the_order_card(tmp_path: Path):
    data = {  # as the core sends it
        "cart": {
            "items": [{"sku": "TS-R-M", "title": "Red T-shirt", "quantity": 2, "price": 12.0}],
            "total": 27.5,
        },
        "quote": {"subtotal": 24.0, "shipping": 3.5, "total": 27.5},
    }
    reply = "From Emma's Corner Shop: 2 red t-shirts to 1 High Street, 27.50 in all. Place it?"
    turns = FakeTurns(turn_result("confirm_order", reply, data=data, expects_answer=True))
    rig = await make_rig(tmp_path, turns)

    response = await rig.ask(intent_envelope("CheckoutIntent"))

    card = response["response"]["card"]
    assert card["type"] == "Simple"
    assert card["title"] == prompts_en.ORDER_CARD_TITLE
    assert card["content"] == (
        "Sold by Emma's Corner Shop\n2 x Red T-shirt - €24.00\nShipping: €3.50\nTotal: €27.50"
    )
    assert reprompt(response) == prompts_en.REPROMPT_CONFIRM
    [item] = response["sessionAttributes"]["read_back_items"]
    assert item["title"] == "Red T-shirt"


async def test_view_cart_shows_the_cart_card(tmp_path: Path):
    data = {"cart": {"items": [{"title": "Blue Socks", "quantity": 3, "price": 2.0}], "total": 6.0}}
    turns = FakeTurns(turn_result("view_cart", "3 blue socks.", data=data))
    rig = await make_rig(tmp_path, turns)

    response = await rig.ask(intent_envelope("ViewCartIntent"))

    assert turns.requests[0].nlu.intent == "view_cart"
    card = response["response"]["card"]
    assert card["title"] == "Your basket at Emma's Corner Shop"
    assert card["content"] == "3 x Blue Socks - €6.00\nTotal: €6.00"


async def test_account_required_sends_a_link_account_card(tmp_path: Path):
    turns = FakeTurns(turn_result("account_required", "I need your delivery address first."))
    rig = await make_rig(tmp_path, turns)

    response = await rig.ask(intent_envelope("CheckoutIntent"))

    assert response["response"]["card"] == {"type": "LinkAccount"}
    said = spoken(speech(response))
    assert said.startswith("I need your delivery address first.")
    assert said.endswith(
        "I've sent a card to your Alexa app to link your Emma's Corner Shop account."
    )


async def test_ask_pin_reprompts_for_the_voice_code(tmp_path: Path):
    rig = await make_rig(
        tmp_path, FakeTurns(turn_result("ask_pin", "What's your voice code?", expects_answer=True))
    )

    response = await rig.ask(intent_envelope("AMAZON.YesIntent"))

    assert rig.turns.requests[0].nlu.intent == "affirm"
    assert "say your four digit voice code" in reprompt(response).lower()


async def test_voice_code_keeps_leading_zeros_and_stays_out_of_the_record(tmp_path: Path):
    rig = await make_rig(tmp_path, FakeTurns())

    await rig.ask(intent_envelope("VoiceCodeIntent", {"pin": "0042"}, last_action="ask_pin"))

    [request] = rig.turns.requests
    assert request.nlu.text == "0042"  # the open PIN question reads the digits
    assert request.nlu.entities == ()
    assert "0042" not in request.text and "0042" not in rig.transcripts[0].heard


async def test_place_order_card_lists_the_read_back_and_replays_the_same(tmp_path: Path):
    data = {  # as the core sends it: the cart is empty once the order is placed
        "order": {"id": "K7M3PX", "status": "placed", "total": 27.5},
        "cart": {"items": [], "total": 0.0},
    }
    turns = FakeTurns(turn_result("place_order", "Done! Order K7M3PX is placed.", data=data))
    accounts = InMemoryAlexaAccounts(
        tokens={"Atza|IwEBIEXAMPLElinkedACCESStokenFORemmaCUSTOMERdemo": "cust-7"},
        emails={"cust-7": "sam@example.com"},
    )
    rig = await make_rig(tmp_path, turns, accounts=accounts)
    envelope = load_envelope("with_access_token.json")
    envelope["session"]["attributes"]["read_back_items"] = [
        {"title": "Red T-shirt", "quantity": 2, "price": 12.0}
    ]

    first = await rig.ask(envelope)
    replay = await rig.ask(envelope)

    assert [r.idempotency_key for r in turns.requests] == [envelope["request"]["requestId"]] * 2
    assert turns.requests[0].customer_id == "cust-7"
    card = first["response"]["card"]
    assert card["title"] == "Order K7M3PX placed"
    assert "2 x Red T-shirt - €24.00" in card["content"]
    assert replay["response"]["card"] == card


async def test_slow_core_gets_a_graceful_reply_and_a_progressive_response(tmp_path: Path):
    turns = FakeTurns(turn_result("search", "Found it."), delay_s=1.5)
    rig = await make_rig(tmp_path, turns, reply_budget_s=0.8, progressive_after_s=0.2)
    envelope = load_envelope("intent_search.json")

    started = time.monotonic()
    response = await rig.ask(envelope)
    elapsed = time.monotonic() - started

    assert elapsed < 0.8
    assert spoken(speech(response)) == prompts_en.STILL_WORKING
    assert response["response"]["shouldEndSession"] is False
    await asyncio.sleep(0.05)
    [directive] = rig.progressive.sent
    assert directive.url == "https://api.amazonalexa.com/v1/directives"
    assert directive.api_access_token == envelope["context"]["System"]["apiAccessToken"]
    assert directive.to_json() == {
        "header": {"requestId": envelope["request"]["requestId"]},
        "directive": {
            "type": "VoicePlayer.Speak",
            "speech": f"<speak>{prompts_en.PROGRESSIVE.replace(chr(39), '&apos;')}</speak>",
        },
    }


async def test_fast_core_sends_no_progressive_response(tmp_path: Path):
    rig = await make_rig(tmp_path, FakeTurns())

    await rig.ask(load_envelope("intent_search.json"))

    assert rig.progressive.sent == []


async def test_core_failure_is_an_apology_not_a_crash(tmp_path: Path):
    class Broken(FakeTurns):
        async def handle(self, request):
            raise RuntimeError("database down")

    rig = await make_rig(tmp_path, Broken())

    response = await rig.ask(load_envelope("intent_search.json"))

    assert spoken(speech(response)) == prompts_en.SORRY
    assert response["response"]["shouldEndSession"] is False


async def test_fallback_intent_is_answered_without_the_core(tmp_path: Path):
    rig = await make_rig(tmp_path, FakeTurns())

    response = await rig.ask(intent_envelope("AMAZON.FallbackIntent"))

    assert rig.turns.requests == []
    assert spoken(speech(response)) == prompts_en.FALLBACK


async def test_session_ended_says_nothing(tmp_path: Path):
    rig = await make_rig(tmp_path, FakeTurns())

    response = await rig.ask(load_envelope("session_ended.json"))

    assert rig.turns.requests == []
    assert "outputSpeech" not in response["response"]


@pytest.mark.parametrize(
    ("intent", "slots", "emma_intent", "entities", "heard"),
    [
        ("OrderStatusIntent", {"order_id": "k. 7 m. 3 p. x."}, "order_status",
         [("order_id", "K7M3PX")], "k 7 m 3 p x"),
        ("OrderStatusIntent", {}, "order_status", [], "OrderStatusIntent"),
        ("QuantityIntent", {"quantity": "3"}, "add_to_cart", [("quantity", 3)], "3"),
        ("SizeIntent", {"size": "medium"}, "select_option", [("size", "M")], "medium"),
        ("SizeIntent", {"size": "x. l."}, "select_option", [("size", "XL")], "x l"),
        ("ShopIntent", {"color": "red", "product": "t-shirt"}, "search_product",
         [("color", "red"), ("product", "t-shirt")], "red t-shirt"),
        ("AMAZON.YesIntent", None, "affirm", [], "AMAZON.YesIntent"),
        ("AMAZON.NoIntent", None, "deny", [], "AMAZON.NoIntent"),
        ("AMAZON.NavigateHomeIntent", None, "greet", [], "AMAZON.NavigateHomeIntent"),
        ("AMAZON.RepeatIntent", None, "repeat", [], "AMAZON.RepeatIntent"),
        ("AMAZON.NextIntent", None, "select_option", [("ordinal", "next")], "AMAZON.NextIntent"),
        ("AddToCartIntent", {"quantity": "two", "product": "socks"}, "add_to_cart",
         [("quantity", 2), ("product", "socks")], "two socks"),
        ("CompareProductsIntent", {"ordinal": "first", "ordinal_b": "3rd"}, "compare_products",
         [("ordinal", 1), ("ordinal", 3)], "first 3rd"),
        ("ViewCartIntent", None, "view_cart", [], "ViewCartIntent"),
    ],
)
async def test_intents_and_slots_reach_the_core_as_nlu(tmp_path, intent, slots, emma_intent, entities, heard):
    rig = await make_rig(tmp_path, FakeTurns())

    await rig.ask(intent_envelope(intent, slots))

    [request] = rig.turns.requests
    assert request.nlu.intent == emma_intent
    assert request.nlu.confidence == 1.0
    assert [(e.entity, e.value) for e in request.nlu.entities] == entities
    assert request.text == heard


async def test_resolved_slot_values_are_the_canonical_ones(tmp_path: Path):
    rig = await make_rig(tmp_path, FakeTurns())
    envelope = intent_envelope("ShopIntent", {"product": "tee"})
    envelope["request"]["intent"]["slots"]["product"]["resolutions"] = {
        "resolutionsPerAuthority": [{
            "authority": f"amzn1.er-authority.echo-sdk.{SKILL_ID}.PRODUCT",
            "status": {"code": "ER_SUCCESS_MATCH"},
            "values": [{"value": {"name": "t-shirt", "id": "T_SHIRT"}}],
        }]
    }

    await rig.ask(envelope)

    assert rig.turns.requests[0].nlu.first("product") == "t-shirt"


async def test_transcript_hook_sees_each_exchange(tmp_path: Path):
    rig = await make_rig(tmp_path, FakeTurns(turn_result("search", "Two shirts.")))

    await rig.ask(load_envelope("intent_search.json"))

    [entry] = rig.transcripts
    assert (entry.intent, entry.heard, entry.said, entry.action) == (
        "ShopIntent",
        "red t-shirts for kids",
        "Two shirts.",
        "search",
    )
