"""Policies and stores answered from the knowledge files, both parts of a two-part question."""

from __future__ import annotations

import pytest

from tests.fulfillment.domain.chat import chat_with


@pytest.fixture
def chat(shop):
    return chat_with(shop)


@pytest.mark.parametrize(
    ("text", "entities", "says", "starts"),
    [
        ("where is the munich store and is it open on sunday", [("store", "munich")],
         ["Sendlinger Straße 55", "closed on Sundays"], None),
        ("do you deliver to austria", [("topic", "shipping")], ["Austria"], "Yes"),
        ("do you deliver to switzerland", [("topic", "shipping")], ["Germany and Austria"], "No"),
        ("can i return worn shoes", [("topic", "return")], ["30 days"], "No"),
        ("what's the phone number of the hamburg store", [("store", "hamburg")], ["+49 40 4321 9930"], None),
        ("what's your phone number", [], ["+49 30 2887 4400"], None),
        ("is the berlin store open on saturday", [("store", "berlin")], ["10 am", "8 pm"], "Yes"),
        ("is the hamburg store open on monday", [("store", "hamburg")], ["closed on Mondays"], "No"),
        ("are you open on sundays", [("topic", "hours")], ["closed on Sundays"], "No"),
    ],
)
async def test_shop_questions(chat, text, entities, says, starts):
    reply = await chat(text, "store_info", *entities)
    assert all(fact in reply.reply for fact in says), reply.reply
    if starts:
        assert reply.reply.startswith(starts), reply.reply


@pytest.mark.parametrize(
    ("text", "intent", "entities", "says", "starts"),
    [
        ("do you take american express", "store_info", [], ["Visa"], "No"),
        ("can i pay with paypal", "store_info", [("topic", "payment")], ["PayPal"], "Yes"),
        ("can i pick up my order in hamburg", "store_info", [("store", "hamburg")], ["Berlin and Munich"], "No"),
        ("can i collect my order in berlin and how long do you keep it", "store_info", [("store", "berlin")],
         ["7 days"], "Yes"),
        # the NLU heard a return or a comparison: the words ask about the policy
        ("can i return opened coffee", "return_item", [], ["faulty"], "No"),
        ("which countries do you ship to", "compare_products", [], ["Germany and Austria"], None),
    ],
)
async def test_policy_facts_answered_yes_or_no(chat, text, intent, entities, says, starts):
    reply = await chat(text, intent, *entities)
    assert reply.action == "store_info" and all(fact in reply.reply for fact in says), reply.reply
    if starts:
        assert reply.reply.startswith(starts), reply.reply
