"""The active request is kept across turns: refinements change it and search the whole catalog again."""

from __future__ import annotations

import pytest

from tests.fulfillment.domain.chat import chat_with, listed


@pytest.fixture
def chat(shop):
    return chat_with(shop)


async def test_in_blue_refines_the_running_shoes(shop, chat):
    first = await chat("show me running shoes")
    assert {p.type for p in listed(shop, first)} == {"running shoe"}
    blue = await chat("in blue", "search_product", ("color", "blue"))
    products = listed(shop, blue)
    assert products and all(p.type == "running shoe" and "blue" in p.colors for p in products), blue.reply
    assert "which product do you mean" not in blue.reply.lower()


async def test_from_garmin_is_a_brand_not_foam(shop, chat):
    await chat("smartwatches with gps")
    garmin = await chat("from garmin")
    products = listed(shop, garmin)
    assert products and all(p.brand == "Garmin" and p.type == "smartwatch" and "gps" in p.features
                            for p in products), garmin.reply
    assert "foam" not in garmin.reply.lower()


async def test_cheaper_ones_are_cheaper_than_all_shown_and_of_the_same_type(shop, chat):
    first = await chat("show me tents")
    floor = min(p.min_price_cents for p in listed(shop, first))
    cheaper = await chat("cheaper ones")
    products = listed(shop, cheaper)
    assert products and all(p.type == "tent" and p.min_price_cents < floor for p in products), cheaper.reply


async def test_nothing_cheaper_is_said_rather_than_offering_dearer_ones(shop, chat):
    await chat("cheap headphones")
    await chat("cheaper ones")
    cheapest = await chat("cheaper ones")
    assert listed(shop, cheapest) == [] and "cheapest" in cheapest.reply, cheapest.reply


async def test_under_a_price_keeps_the_type_and_searches_the_whole_catalog(shop, chat):
    await chat("show me tents")
    under = await chat("under 120")
    products = listed(shop, under)
    assert products and all(p.type == "tent" and p.min_price_cents <= 12000 for p in products), under.reply


async def test_size_and_feature_refinements(shop, chat):
    await chat("t shirts")
    small = await chat("in size s", "search_product", ("size", "S"))
    assert all(p.type == "t-shirt" and "S" in p.sizes for p in listed(shop, small)), small.reply
    await chat("show me headphones", session="s2")
    quiet = await chat("only ones with noise cancelling", session="s2")
    products = listed(shop, quiet)
    assert products and all(p.type == "headphones" and "noise cancelling" in p.features for p in products)


async def test_something_else_offers_new_products_of_the_same_kind(shop, chat):
    first = await chat("show me backpacks")
    seen = {p.id for p in listed(shop, first)}
    other = await chat("something else")
    products = listed(shop, other)
    assert products and all(p.type == "backpack" and p.id not in seen for p in products), other.reply


async def test_more_pages_the_active_request(shop, chat):
    first = await chat("show me running shoes")
    more = await chat("more", "select_option", ("ordinal", "next"))
    assert more.action == "more"
    assert {p.id for p in listed(shop, more)}.isdisjoint({p.id for p in listed(shop, first)})


async def test_a_new_product_starts_a_new_request(shop, chat):
    await chat("show me running shoes")
    await chat("in blue", "search_product", ("color", "blue"))
    kettles = await chat("show me kettles")
    assert {p.type for p in listed(shop, kettles)} == {"kettle"}


async def test_the_product_type_is_enforced(shop, chat):
    tents = await chat("do you have tents")
    assert {p.type for p in listed(shop, tents)} == {"tent"}
    espresso = await chat("an espresso machine")
    assert {p.type for p in listed(shop, espresso)} == {"espresso machine"}


async def test_counts_come_from_the_results_with_agreement(shop, chat):
    shirts = await chat("t shirts")
    count = len([p for p in shop.catalog.get_many(shop.catalog.browse(
        __import__("fulfillment.domain.models", fromlist=["ProductFilter"]).ProductFilter(types=("t-shirt",)), 50))])
    words = {7: "seven", 6: "six", 5: "five"}
    assert f"{words.get(count, count)} t-shirts" in shirts.reply, shirts.reply


async def test_an_unsure_nlu_is_helped_by_the_words(shop, chat):
    await chat("do you sell water bottles")
    pink = await chat("do you have them in pink", "nlu_fallback")
    products = listed(shop, pink)
    assert products and all(p.type == "water bottle" and "pink" in p.colors for p in products), pink.reply
    still = await chat("blorp fizzle", "nlu_fallback")
    assert still.action == "clarify"


async def test_the_product_i_always_get(shop, chat):
    reply = await chat("i'd like more of the coffee i always get", "nlu_fallback")
    assert [p.title for p in listed(shop, reply)] == ["Espresso Coffee Beans"], reply.reply


async def test_a_question_about_nothing_singled_out_refines_the_list(shop, chat):
    # The NLU heard "in white" as a question about "it", but nothing was picked: the list is refined.
    await chat("show me earbuds")
    white = await chat("in white", "product_question", ("color", "white"))
    products = listed(shop, white)
    assert products and all(p.type == "earbuds" and "white" in p.colors for p in products), white.reply
    counted = await chat("how many t-shirts do you have", "product_question", session="s2")
    assert "seven t-shirts" in counted.reply, counted.reply


@pytest.mark.parametrize(("text", "product", "named"), [
    ("do you have unicorn costumes", "unicorn costumes", "no unicorn costumes"),
    ("flibber zonk qqq 99999999999999", "flibber zonk qqq", None),  # keyboard noise is not read back
    ("xkcdfgh", "xkcdfgh", None),
])
async def test_nothing_found_names_only_words_a_voice_can_say(chat, text, product, named):
    result = await chat(text, "search_product", ("product", product))

    assert result.action == "search" and not result.data["products"]
    if named:
        assert named in result.reply
    else:
        assert result.reply == "Sorry, I couldn't find anything like that. Could you describe it differently?"
