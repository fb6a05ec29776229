"""What the shop knows about this customer, and only that: sizes, brands, orders, a greeting with news."""

from __future__ import annotations

from datetime import date

import pytest

from fulfillment.domain.dialogue.profile import news
from fulfillment.domain.models import Order, OrderLine
from tests.fulfillment.domain.chat import chat_with, listed


@pytest.fixture
def chat(shop):
    return chat_with(shop)


async def test_what_shoe_size_do_i_take(chat):
    reply = await chat("what shoe size do i take", "customer_info")
    assert "43" in reply.reply


async def test_what_did_i_order_last_time(chat):
    reply = await chat("what did i order last time", "customer_info")
    assert "Espresso Coffee Beans" in reply.reply and "November 10" in reply.reply


async def test_in_my_size_lists_only_products_in_the_customers_size(shop, chat):
    reply = await chat("hiking boots in my size")
    products = listed(shop, reply)
    assert products and all(any(v.size == "43" for v in p.variants) for p in products), reply.reply


async def test_anything_from_my_favourite_brand(shop, chat):
    reply = await chat("anything from my favourite brand")
    products = listed(shop, reply)
    assert products and all(p.brand in ("Patagonia", "ASICS", "The Barn") for p in products), reply.reply


async def test_is_that_the_same_as_my_last_one(shop, chat):
    await chat("show me running shoes")
    await chat("gel nimbus 26")
    same = await chat("is that the same as my last one", "product_question")
    assert same.reply.startswith("Yes"), same.reply
    await chat("pegasus 41")
    other = await chat("is that the same as my last one", "product_question")
    assert other.reply.startswith("No") and "Gel-Nimbus 26" in other.reply, other.reply


async def test_a_known_size_is_used_when_adding(shop, chat):
    await chat("gel nimbus 26")
    asked = await chat("add it", "add_to_cart")
    assert "size" not in asked.reply.lower(), asked.reply  # only the color is asked
    added = await chat("black", "select_option", ("color", "black"))
    assert added.action == "add_to_cart" and "size 43" in added.reply, added.reply


def _order(status: str, day: str) -> Order:
    return Order("K7MXPA", "demo", status, (OrderLine("X", "Banks GTX Hiking Boot", 1, 100),), 0, 100,
                 "2026-11-01", status_dates={status: day})


@pytest.mark.parametrize(
    ("order", "mentioned"),
    [
        (_order("delivered", "2026-11-24"), True),
        (_order("shipped", "2026-11-28"), True),
        (_order("delivered", "2026-09-01"), False),  # old news is no news
        (_order("placed", "2026-11-29"), False),
    ],
)
def test_a_greeting_mentions_only_recent_news(order, mentioned):
    assert (news([order], date(2026, 11, 30)) is not None) is mentioned


def test_greeting_news_reads_well():
    from fulfillment.lang import DEFAULT

    text = DEFAULT.prompts.greet_with_news("Alex", _order("delivered", "2026-11-24"))
    assert "Alex" in text and "Banks GTX Hiking Boot arrived on November 24" in text
