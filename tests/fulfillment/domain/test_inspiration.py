"""Inspiration: recipient, interest, occasion and budget combined into a small, varied set with reasons,
from curated maps that name only what the catalog has."""

from __future__ import annotations

import json

import pytest

from fulfillment.domain.knowledge import Knowledge
from fulfillment.services.demo_data import demo_catalog_path
from tests.fulfillment.domain.chat import chat_with, listed


@pytest.fixture
def chat(shop):
    return chat_with(shop)


def test_every_curated_type_tag_and_feature_is_in_the_catalog():
    products = [json.loads(line) for line in demo_catalog_path().read_text().splitlines() if line.strip()]
    types = {p["type"] for p in products}
    tags = {t for p in products for t in p["tags"]}
    features = {f for p in products for f in p["features"]}
    k = Knowledge.load()
    for table in (k.occasions, k.recipients, k.interests):
        for key, entry in table.items():
            assert set(entry.get("types", [])) <= types, (key, set(entry["types"]) - types)
            assert set(entry.get("tags", [])) <= tags, (key, set(entry["tags"]) - tags)
            assert set(entry.get("features", [])) <= features, (key, set(entry["features"]) - features)
    assert set(k.reasons) <= types
    assert {t for kinds in k.complements.values() for t in kinds} | set(k.complements) <= types


async def test_the_beach_is_not_customers_also_bought(shop, chat):
    # Issue 9: "going" was read as "goes with" and three coffee grinders came back.
    reply = await chat("i'm going to the beach next week what do i need", "recommend")
    products = listed(shop, reply)
    beach = set(Knowledge.load().occasions["beach"]["types"])
    assert len(products) >= 2 and all(p.type in beach for p in products), reply.reply
    assert len({p.category for p in products}) >= 2 and "shoppers like" not in reply.reply


async def test_a_gift_for_dad_who_loves_coffee_keeps_the_interest(shop, chat):
    reply = await chat("i need a gift for my dad who loves coffee", "recommend", ("recipient", "dad"))
    products = listed(shop, reply)
    coffee = set(Knowledge.load().interests["coffee"]["types"])
    assert products and all(p.type in coffee for p in products), reply.reply
    assert len({p.type for p in products}) == len(products)  # varied: one of each kind


async def test_a_budget_holds_for_every_idea_and_refines_them(shop, chat):
    await chat("a gift for my dad who loves coffee", "recommend")
    cheaper = await chat("under 50", "search_product", ("price_max", "50"))
    products = listed(shop, cheaper)
    assert products and all(any(v.price_cents <= 5000 for v in p.variants) for p in products), cheaper.reply
    coffee = set(Knowledge.load().interests["coffee"]["types"])
    assert all(p.type in coffee for p in products)


async def test_each_idea_says_why_it_fits(shop, chat):
    reply = await chat("my flat is cold", "recommend")
    reasons = Knowledge.load().reasons
    products = listed(shop, reply)
    assert products and any(reasons[p.type] in reply.reply for p in products if p.type in reasons), reply.reply


async def test_camping_in_the_rain_combines_both(shop, chat):
    reply = await chat("what do i need for camping in the rain", "recommend")
    k = Knowledge.load()
    fitting = set(k.occasions["camping"]["types"]) | set(k.occasions["rainy days"]["types"])
    products = listed(shop, reply)
    assert products and all(p.type in fitting for p in products)
    assert {p.type for p in products} & set(k.occasions["camping"]["types"])


async def test_what_goes_with_it_only_when_asked(shop, chat):
    await chat("do you have rain jackets")
    await chat("the second one", "select_option", ("ordinal", "2"))
    goes = await chat("what goes with it", "recommend")
    types = {p.type for p in listed(shop, goes)}
    assert types and types <= set(Knowledge.load().complements["rain jacket"])
