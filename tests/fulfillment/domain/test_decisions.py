"""Decision help and questions about one product: the asked dimension, the profile's pick, exact features."""

from __future__ import annotations

import pytest

from fulfillment.domain.dialogue.decide import LIGHT, WARM
from fulfillment.domain.dialogue.questions import has_feature
from fulfillment.domain.models import Product, ProductFilter, Variant
from fulfillment.lang import DEFAULT
from tests.fulfillment.domain.chat import chat_with, listed


@pytest.fixture
def chat(shop):
    return chat_with(shop)


def first_named(reply: str, products: list[Product]) -> Product | None:
    spots = sorted((reply.find(p.title), n) for n, p in enumerate(products) if p.title in reply)
    return products[spots[0][1]] if spots else None


@pytest.mark.parametrize(
    ("question", "best"),
    [
        ("which one is the cheapest", lambda ps: min(p.min_price_cents for p in ps)),
        ("which one is the most expensive", lambda ps: max(p.min_price_cents for p in ps)),
        ("which one is best rated", lambda ps: max(p.rating or 0 for p in ps)),
    ],
)
async def test_a_comparison_answers_the_dimension_asked(shop, chat, question, best):
    shown = listed(shop, await chat("show me headphones"))
    reply = await chat(question, "compare_products")
    named = first_named(reply.reply, shown)
    assert named is not None, reply.reply
    value = best(shown)
    assert value in (named.min_price_cents, named.rating), reply.reply


async def test_lighter_and_warmer_come_from_the_features(shop, chat):
    shown = listed(shop, await chat("show me down jackets"))
    lighter = first_named((await chat("which one is lighter", "compare_products")).reply, shown)
    assert lighter is not None and (LIGHT & set(lighter.features) or not any(LIGHT & set(p.features) for p in shown))
    warmer = first_named((await chat("which one is warmer", "compare_products")).reply, shown)
    assert warmer is not None and WARM & set(warmer.features)


async def test_better_for_running_is_about_the_running_tag(shop, chat):
    shown = listed(shop, await chat("show me earbuds"))
    reply = await chat("which one is better for running", "compare_products")
    named = first_named(reply.reply, shown)
    assert named is not None and "running" in named.tags, reply.reply


async def test_which_would_you_pick_for_me_uses_the_profile(shop, chat):
    shown = listed(shop, await chat("running shoes from asics or hoka"))
    shown = listed(shop, await chat("show me running shoes", session="s2"))
    reply = await chat("which one would you pick for me", "compare_products", session="s2")
    named = first_named(reply.reply, shown)
    favourites = {"patagonia", "asics", "the barn"}
    assert named is not None, reply.reply
    if any(p.brand.lower() in favourites for p in shown):
        assert named.brand.lower() in favourites and "favourite" in reply.reply


def _earbuds(features: tuple[str, ...]) -> Product:
    return Product(id=9, handle="e", title="Elite Earbuds", brand="Jabra", category="electronics", type="earbuds",
                   description="Earbuds with a wireless charging case? No: only wireless.", materials=(),
                   features=features, tags=(), rating=4.0, review_count=1,
                   variants=(Variant("E", None, None, 100, 1),))


@pytest.mark.parametrize(
    ("features", "asked", "expected"),
    [
        (("wireless", "water resistant"), "wireless charging case", None),  # was "Yes" on a partial match
        (("wireless charging case",), "wireless", None),
        (("wireless charging case",), "a wireless charging case", "wireless charging case"),
        (("noise cancelling",), "noise canceling", "noise cancelling"),
        (("induction compatible",), "induction", "induction compatible"),
        (("water resistant",), "waterproof", None),
        (("waterproof",), "waterproof", "waterproof"),
        (("keep warm",), "keep warm function", "keep warm"),
        (("keep warm",), "a keep warm function", "keep warm"),
    ],
)
def test_a_feature_is_yes_only_when_the_data_says_exactly_that(features, asked, expected):
    words = DEFAULT.lexicon.shopping
    found = has_feature(_earbuds(features), asked, words.feature_synonyms, words.feature_qualifiers,
                        words.feature_generic_words)
    assert found == expected


async def test_yes_and_no_about_a_picked_product(shop, chat):
    ids = shop.catalog.browse(ProductFilter(types=("earbuds",)), 20)
    without = next(p for p in shop.catalog.get_many(ids) if "wireless charging case" not in p.features)
    await chat("show me earbuds")
    await chat(without.title, "search_product")
    reply = await chat("does it have a wireless charging case", "product_question")
    assert reply.reply.startswith("No"), reply.reply


async def test_products_named_in_the_question_are_compared(shop, chat):
    reply = await chat("which is better for running the nike pegasus 41 or the converse chuck 70",
                       "compare_products")
    assert reply.action == "compare" and reply.reply.startswith("The Pegasus 41"), reply.reply
    warmer = await chat("compare the ultra light down jacket and the loke rain jacket", "search_product")
    assert warmer.action == "compare", warmer.reply
    answer = await chat("which one is warmer", "compare_products")
    assert answer.reply.startswith("The Ultra Light Down Jacket"), answer.reply


async def test_the_longest_battery_is_read_from_the_features(shop, chat):
    shown = listed(shop, await chat("show me headphones"))
    reply = await chat("which one has the longest battery life", "compare_products")
    from fulfillment.domain.dialogue.decide import battery_hours

    best = max(shown, key=battery_hours)
    assert first_named(reply.reply, shown) == best, reply.reply
