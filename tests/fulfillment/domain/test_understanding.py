"""Reading a request: product types, budgets, brands, features, sizes, and who or what it is for."""

from __future__ import annotations

import pytest

from fulfillment.domain.understanding import understand
from fulfillment.lang import DEFAULT
from nlu.parser import Entity, NluResult


def read(shop, text: str, intent: str = "search_product", entities: tuple[Entity, ...] = ()):
    nlu = NluResult(text, intent, 0.9, entities)
    return understand(nlu, shop.search.terms_for(DEFAULT), DEFAULT.lexicon, shop.recommender.themes(DEFAULT),
                      shop.customers.get("demo"))


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("headphones between 100 and 200 euros", 10000, 20000),  # was two minimum prices
        ("headphones between one hundred and two hundred", 10000, 20000),
        ("a backpack from 50 to 80 euros", 5000, 8000),
        ("running shoes under 50", None, 5000),
        ("a kettle for not more than 60 euros", None, 6000),
        ("no more than forty euros", None, 4000),
        ("a kettle around 80 euros", 6800, 9200),
        ("something about fifty euros", 4250, 5750),
        ("tents over 200 euros", 20000, None),
        ("at least 49.90", 4990, None),
        ("headphones", None, None),
        ("hiking boots in size 43", None, None),  # a size is no price
    ],
)
def test_budgets_are_read_as_ranges(shop, text, low, high):
    request = read(shop, text).request
    assert (request.price_min_cents, request.price_max_cents) == (low, high)


def test_cheap_without_a_number_is_a_budget(shop):
    request = read(shop, "cheap headphones").request
    assert request.cheap and request.types == ("headphones",) and request.price_max_cents is None


def test_under_is_not_the_brand_under_armour(shop):
    # Rasa tagged "under" as a brand: the brand must be named whole to count.
    request = read(shop, "headphones under 100", entities=(Entity("brand", "under"),)).request
    assert request.brand is None and request.price_max_cents == 10000
    assert read(shop, "under armour stuff").request.brand == "under armour"


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("tents", ("tent",)),
        ("do you have a tent", ("tent",)),
        ("espresso machine", ("espresso machine",)),
        ("t shirts", ("t-shirt",)),
        ("show me running shoes", ("running shoe",)),
        ("trail running shoes", ("trail running shoe",)),
        ("chefs knives", ("chef's knife",)),
        ("smartwatches with gps", ("smartwatch",)),
        ("coffee machines", ("espresso machine", "filter coffee machine")),
        ("sun cream", ("sunscreen",)),
        ("backpack rain cover", ("backpack rain cover",)),
        ("jackets", ("down jacket", "fleece jacket", "rain jacket")),
    ],
)
def test_the_product_type_is_recognised(shop, text, types):
    assert tuple(sorted(read(shop, text).request.types)) == tuple(sorted(types))


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("smartwatches with gps", "features", ("gps",)),
        ("only ones with noise cancelling", "features", ("noise cancelling",)),
        ("headphones with noise canceling", "features", ("noise cancelling",)),
        ("from garmin", "brand", "garmin"),
        ("anything from the north face", "brand", "the north face"),
        ("do you have delonghi machines", "brand", "de'longhi"),
        ("in blue", "color", "blue"),
        ("in size s", "size", "S"),
        ("size 43", "size", "43"),
        ("green tea", "color", None),  # green is part of the type
    ],
)
def test_attributes_are_recognised(shop, text, field, value):
    assert getattr(read(shop, text).request, field) == value


def test_my_size_and_favourite_brands(shop):
    understood = read(shop, "running shoes in my size from my favourite brand")
    assert understood.request.my_size and understood.favourite_brands
    assert set(understood.request.brands) == {"Patagonia", "ASICS", "The Barn"}


@pytest.mark.parametrize(
    ("text", "recipient", "interest", "occasions"),
    [
        ("i need a gift for my dad who loves coffee", "dad", "coffee", ()),
        ("i'm going to the beach next week what do i need", None, None, ("beach",)),
        ("camping in the rain", None, None, ("camping", "rainy days")),
        ("my flat is cold", None, None, ("cold home",)),
        ("i look bad on video calls", None, None, ("video calls",)),
        ("something for a ten year old", "kid", None, ()),
        ("a present for my sister she's into yoga", "her", "yoga", ()),
        ("my flat is always so cold", None, None, ("cold home",)),  # the words of a need, in any order
        ("my legs are always sore after the gym", None, None, ("gym", "recovery")),
    ],
)
def test_who_and_what_it_is_for(shop, text, recipient, interest, occasions):
    understood = read(shop, text, intent="recommend")
    assert understood.request.recipient == recipient and understood.request.interest == interest
    assert understood.occasions == occasions
    assert understood.request.is_inspiration


def test_a_bare_interest_word_is_a_product_when_nobody_asks_for_ideas(shop):
    # "do you have coffee" asks for coffee, not for gift ideas for a coffee lover
    request = read(shop, "do you have coffee").request
    assert request.types == ("coffee beans",) and request.interest is None


@pytest.mark.parametrize(("text", "cue"), [("cheaper ones", "cheaper"), ("something else", "other"),
                                           ("show me more expensive ones", "pricier")])
def test_refinement_cues(shop, text, cue):
    assert getattr(read(shop, text), cue)


def test_a_small_gift_is_no_size_s(shop):
    request = read(shop, "a small gift for a colleague under 20 euros", "recommend",
                   (Entity("size", "S"),)).request
    assert request.size is None and request.recipient == "colleague" and request.price_max_cents == 2000
