"""Language packs: locale resolution, clean English sentences, and logic reading the pack's words."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import replace
from types import ModuleType
from typing import Any

import pytest

from fulfillment import lang
from fulfillment.domain.conversation import Conversation
from fulfillment.domain.models import CartLine, Order, OrderLine, Product, Review, Variant
from fulfillment.domain.search import ProductSearch, SearchRequest
from fulfillment.domain.turns import TurnRequest
from fulfillment.lang import DEFAULT, PACKS, LanguagePack, pack_for, supports
from tests.fakes import DEMO_FLOW, TableNlu

# -- resolving a locale ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "code", "own_pack"),
    [
        ("en", "en", True),
        ("en-US", "en", True),
        ("en-GB", "en", True),
        ("en_GB", "en", True),
        ("EN-us", "en", True),
        ("de-DE", "de", True),
        ("de_AT", "de", True),
        ("de-CH", "de", True),
        ("fr-FR", "en", False),
        ("xx", "en", False),
        ("", "en", False),
        (None, "en", False),
    ],
)
def test_pack_for_resolves_a_locale_to_its_language_or_the_default(locale, code, own_pack):
    assert pack_for(locale).code == code
    assert supports(locale) is own_pack


def test_every_registered_pack_is_complete():
    """A new language (de/) must say everything English says, under the same names."""
    for code, pack in PACKS.items():
        assert pack.code == code
        for module in ("prompts", "alexa"):
            missing = _public_names(getattr(DEFAULT, module)) - _public_names(getattr(pack, module))
            assert not missing, f"{code}.{module} lacks {sorted(missing)}"


def _public_names(module: ModuleType) -> set[str]:
    return {n for n, v in vars(module).items() if not n.startswith("_") and not inspect.ismodule(v)
            and not (inspect.isclass(v) or getattr(v, "__module__", "") == "typing")}


# -- every English sentence renders cleanly ----------------------------------------------------------

JACKET = Product(
    id=1, handle="antora", title="Antora Rain Jacket", brand="The North Face", category="jackets",
    type="rain jacket", description="A light shell for wet days.", materials=("recycled nylon", "polyester"),
    features=("waterproof", "packable hood", "pit zips"), tags=("rain",), rating=4.3, review_count=33,
    variants=(
        Variant("AN-RED-M", "red", "M", 12999, 5, store_stock={"berlin": 2}),
        Variant("AN-NAVY-L", "navy", "L", 13999, 0),
    ),
    reviews=(Review(5, "Kept me dry."), Review(3, "Runs small.")),
)
BOOTS = Product(
    id=2, handle="banks", title="Banks GTX Hiking Boot", brand="Hanwag", category="shoes", type="boot",
    description="Leather boots.", materials=("suede",), features=("lace hooks",), tags=(), rating=4.8,
    review_count=12, variants=(Variant("BA-42", None, "42", 23995, 1),),
)
MUG = Product(  # as little as a product can have: no options, materials, features or reviews
    id=3, handle="mug", title="Mug", brand="Emma", category="home", type="mug", description="A mug.",
    materials=(), features=(), tags=(), rating=None, review_count=0, variants=(Variant("MUG", None, None, 900, 0),),
)
LINE = CartLine("AN-RED-M", "Antora Rain Jacket", 2, 12999, "red", "M")
PLAIN_LINE = CartLine("MUG", "Mug", 1, 900)
ORDER = Order(
    id="K7M3PX", customer_id="demo", status="shipped", lines=(OrderLine("AN-RED-M", "Antora Rain Jacket", 2, 12999),),
    shipping_cents=0, total_cents=25998, placed_at="2026-11-22T10:00:00+00:00",
    address="Torstraße 12, 10119 Berlin", status_dates={"shipped": "2026-11-24T08:00:00+00:00"},
)
PLACED = replace(ORDER, status="placed", status_dates={}, shipping_cents=495, total_cents=26493)
SHOP = "Emma's Corner Shop"
ADDRESS = "Torstraße 12, 10119 Berlin"

Samples = list[tuple[Any, ...]]
SAMPLES: dict[str, Samples] = {
    "money": [(2490,), (2400,), (5,)],
    "join": [(["red"],), (["red", "navy"],), (["red", "navy", "olive"], "or")],
    "variant_asked": [("red", "M"), ("red", None), (None, "M")],
    "variant_chosen": [("red", "M"), (None, "M"), ("red", None)],
    "item": [(LINE,), (PLAIN_LINE,)],
    "greet": [("Alex",), (None,)],
    "goodbye": [("Alex",), (None,)],
    "listing": [([JACKET, BOOTS, MUG], ["waterproof", "suede", ""], 0, True), ([JACKET], ["waterproof"], 6, False),
                ([JACKET], ["packable hood"], 0, False, "rain jacket")],
    "search_found": [(7, "rain jacket"), (40, "boot"), (3, ""), (1, "t-shirt", " in blue"), (2, "headphones")],
    "search_alternatives": [("jacket", "size"), ("jacket", "words"), ("", None), ("tent", "features")],
    "search_none": [("purple sock",), ("",), ("tent", " up to €20")],
    "limits": [("blue", "Garmin", "S", ["gps"], 10000, 20000), (None, None, None, (), None, 12000),
               (None, None, None, (), 5000, None, True, True), ()],
    "nothing_cheaper": [("tent",), ("",)],
    "nothing_else": [("tent",), ("",)],
    "made_of": [(JACKET, "nylon", ["recycled nylon"]), (JACKET, "wool", []), (MUG, "wool", [])],
    "good_for": [(JACKET, "hiking", True), (BOOTS, "running", False)],
    "same_as_before": [(JACKET, "March 14")],
    "not_same_as_before": [(JACKET, BOOTS), (JACKET, None)],
    "compared": [(dimension, JACKET, [BOOTS, MUG], tied) for dimension in
                 ("light", "warm", "cheap", "pricey", "rating", "waterproof") for tied in ([], [BOOTS])],
    "better_for": [(JACKET, "hiking", True, [BOOTS], False), (JACKET, "running", False, [BOOTS], False),
                   (JACKET, "travel", True, [BOOTS], True)],
    "pick": [(JACKET, True, "M", True), (BOOTS, False, None, False), (MUG, False, None, False)],
    "ideas_lead": [("Sun, sand and a playlist", " up to €50"), (None, ""), (None, " up to €50")],
    "ideas": [([JACKET, BOOTS], ["to stay dry", ""], True), ([MUG], ["for tea"], False)],
    "no_ideas": [(" up to €5",), ()],
    "greet_with_news": [("Alex", ORDER), ("Alex", replace(ORDER, status="delivered",
                                                           status_dates={"delivered": "2026-11-24"}))],
    "store_phone": [({"city": "Munich", "phone": "+49 89 2154 7720"},)],
    "shop_phone": [("+49 30 2887 4400",), ("",)],
    "all_stores": [([{"city": "Berlin", "address": "Rosenthaler Straße 40, 10178 Berlin"},
                     {"city": "Munich", "address": "Sendlinger Straße 55, 80331 München"}],)],
    "hours_on": [("sunday", [({"city": "Munich"}, "closed")], True, False),
                 ("sunday", [({"city": "Munich"}, "closed"), ({"city": "Berlin"}, "closed")], True, True),
                 ("monday", [({"city": "Berlin"}, "10:00-20:00")], True, False),
                 ("monday", [({"city": "Berlin"}, "10:00-20:00"), ({"city": "Hamburg"}, "closed")], False, True)],
    "store_hours": [({"city": "Hamburg", "hours": {"monday": "closed", "tuesday": "11:00-19:00",
                                                   "wednesday": "11:00-19:00", "thursday": "11:00-20:00",
                                                   "sunday": "closed"}},)],
    "ships_to": [("Austria", True, ["Germany", "Austria"], 490, 5000, "2 to 4"),
                 ("Switzerland", False, ["Germany", "Austria"], 490, 5000, "")],
    "worn_return": [(30,)],
    "your_size": [("shoes", "43"), ("apparel", "M"), ("shoes", None)],
    "your_sizes": [({"apparel": "M", "shoes": "43"},), ({},)],
    "your_brands": [(["Patagonia", "ASICS"],), (["Patagonia"],), ([],)],
    "your_usual": [(1,), (3,)],
    "delivery_countries": [(["Germany", "Austria"],)],
    "pays_with": [("PayPal", True, ["Visa", "PayPal"]), ("American Express", False, ["Visa", "PayPal"])],
    "pickup_at": [([("Hamburg", False)], True, ["Berlin", "Munich"]), ([("Berlin", True)], True, [], 7),
                  ([("Berlin", True), ("Hamburg", False)], False, ["Berlin"])],
    "opened_return": [(["opened coffee and tea", "opened beauty products"], 30)],
    "last_order": [(ORDER,), (replace(ORDER, lines=(OrderLine("MUG", "Mug", 1, 900),)),)],
    "product_intro": [(JACKET,), (BOOTS,), (MUG,)],
    "price": [(JACKET,), (JACKET, 12999), (MUG,)],
    "in_stock": [(JACKET, " in red", 5), (JACKET, "", 2), (MUG, "", 0)],
    "in_store": [(JACKET, "Berlin", 2, []), (JACKET, "Munich", 0, ["Berlin", "Hamburg"]), (MUG, "Munich", 0, [])],
    "sizes": [(JACKET,), (BOOTS,), (MUG,)],
    "colors": [(JACKET,), (MUG,)],
    "material": [(JACKET,), (MUG,)],
    "feature_yes": [(JACKET, "waterproof"), (JACKET, "packable hood"), (JACKET, "pit zips")],
    "feature_no": [(JACKET, "warm"), (MUG, "warm"), (JACKET, "waterproof", "water resistant"),
                   (JACKET, "wireless charging case")],
    "describe": [(JACKET,), (MUG,)],
    "reviews": [(JACKET, "Kept me dry.", "Runs small."), (JACKET, None, None), (MUG, None, None)],
    "compare": [(JACKET, BOOTS, JACKET, BOOTS, "waterproof", "lace hooks"), (JACKET, MUG, MUG, JACKET, "", "")],
    "recommend": [("hiking", None), (None, "Light and dry."), (None, None)],
    "complements": [(JACKET,)],
    "ask_variant": [(JACKET, "size", ["M", "L"], "M"), (JACKET, "color", ["red", "navy"], None)],
    "variant_unavailable": [(JACKET, "purple", ["red", "navy"])],
    "sold_out": [(JACKET, " in navy L"), (MUG, "")],
    "only_left": [(JACKET, 1)],
    "added": [(LINE, 2, 25998), (PLAIN_LINE, 1, 900, ["blue", "green"])],
    "removed": [("Mug",)],
    "cart": [([LINE, PLAIN_LINE], 26898), ([PLAIN_LINE], 900)],
    "readback": [(SHOP, [LINE], ADDRESS, 0, 25998), (SHOP, [LINE, PLAIN_LINE], ADDRESS, 495, 27393)],
    "pin_wrong": [(1,), (2,)],
    "placed": [(PLACED, ADDRESS)],
    "out_of_stock_at_order": [("Mug",)],
    "day": [("2026-11-22T10:00:00+00:00",), ("not a date",)],
    "status": [(ORDER,), (PLACED,)],
    "order_not_found": [("K7M3PX",), (None,)],
    "confirm_cancel": [(PLACED,)],
    "cancelled": [(PLACED,)],
    "not_cancellable": [(ORDER,)],
    "reorder_readback": [(SHOP, [LINE], ADDRESS, 0, 25998)],
    "return_started": [("R4TWCH", ORDER, 30)],
    "confirm_return": [(ORDER, 30)],
    "not_returnable": [(PLACED,)],
    "handoff": [("T7K2MQ",)],
    "store_address": [({"name": "Emma Store Berlin", "address": "Torstraße 12"},)],
}
MAY_BE_EMPTY = {("variant_asked", 0), ("variant_chosen", 0), ("limits", 3)}
"""(function, call) pairs allowed to say nothing: e.g. no count is spoken for a single hit."""

_DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)
_EMPTY_SLOT = re.compile(r"\s[.,;:!?]|[,;:]\s*[.,;:!?]|\(\s*\)|“\s*”|\b(?:the|a|an|of|by|in|for|from)\s*$")


def problems(text: str) -> list[str]:
    """What is wrong with a sentence a shopper would hear."""
    found = []
    body = text.strip()
    if "{" in text or "}" in text:
        found.append("unfilled placeholder")
    if "None" in text:
        found.append("None")
    if ".." in text:
        found.append("..")
    if "  " in body:
        found.append("double space")
    if match := _DOUBLED.search(text):
        found.append(f"doubled word {match.group(0)!r}")
    if match := _EMPTY_SLOT.search(body):
        found.append(f"empty slot {match.group(0)!r}")
    return found


def _prompt_functions(module: ModuleType) -> dict[str, Callable[..., str]]:
    return {
        name: value for name, value in vars(module).items()
        if inspect.isfunction(value) and not name.startswith("_") and value.__module__ == module.__name__
    }


def test_every_prompt_function_has_samples():
    assert set(_prompt_functions(DEFAULT.prompts)) - set(SAMPLES) == set(), "add samples to SAMPLES"


@pytest.mark.parametrize(
    ("name", "index", "args"), [(name, i, args) for name, calls in SAMPLES.items() for i, args in enumerate(calls)]
)
def test_english_prompt_renders_cleanly(name, index, args):
    text = getattr(DEFAULT.prompts, name)(*args)
    assert isinstance(text, str)
    assert text.strip() or (name, index) in MAY_BE_EMPTY, "says nothing"
    assert problems(text) == [], text


@pytest.mark.parametrize("name", sorted(n for n, v in vars(DEFAULT.prompts).items() if n.isupper() and
                                        isinstance(v, str)))
def test_english_constant_sentence_is_clean(name):
    text = getattr(DEFAULT.prompts, name)
    assert text.strip() and problems(text) == [], text


@pytest.mark.parametrize("name", sorted(n for n, v in vars(DEFAULT.alexa).items() if n.isupper() and
                                        isinstance(v, str)))
def test_english_alexa_sentence_fills_cleanly(name):
    template = getattr(DEFAULT.alexa, name)
    size = DEFAULT.alexa.CARD_ITEM_SIZE.format(size="M") if name == "CARD_ITEM" else "M"
    text = template.format(shop=SHOP, order_id="K7M3PX", quantity=2, name="Mug", size=size, price="€9.00",
                           seller=SHOP, address=ADDRESS, shipping="€0.00", total="€9.00", status="placed")
    assert text.strip() and problems(text) == [], text


def test_problems_catches_what_it_is_for():
    assert problems("The {title} is None..") == ["unfilled placeholder", "None", ".."]
    assert problems("Yes, the the jacket  is red .") == ["double space", "doubled word 'the the'", "empty slot ' .'"]
    assert problems("It comes in .") == ["empty slot ' .'"]
    assert problems("Your order from K7M3PX: 2 × Mug, delivered to Berlin.") == []


# -- logic reads the pack's words ---------------------------------------------------------------------

FLOW = {
    **DEMO_FLOW,
    "warenkorb leeren": ("remove_from_cart", 0.95, []),
    "empty my cart": ("remove_from_cart", 0.95, []),
    "eins zwei drei vier": ("select_option", 0.5, []),
    "is it in red in size m": ("product_question", 0.95, [("color", "red"), ("size", "M")]),
}


def pack_with(**words: Any) -> LanguagePack:
    """English with some lexicon entries replaced: a stand-in for another language."""
    return replace(DEFAULT, code="xx", lexicon=replace(DEFAULT.lexicon, **words))


@pytest.fixture
def talk(shop, monkeypatch):
    monkeypatch.setitem(lang.PACKS, "xx", pack_with(
        clear_cart_words=("leeren",),
        spoken_digits={"eins": "1", "zwei": "2", "drei": "3", "vier": "4"},
    ))
    conversation = Conversation(shop, TableNlu(FLOW))

    async def say(text: str, locale: str = "en", customer: str = "demo", session: str = "s1"):
        return await conversation.handle(TurnRequest(session, text, customer, "test", locale=locale))

    return say


async def fill_cart(talk, locale: str) -> None:
    for text in ("do you have rain jackets", "the second one", "add two in medium"):
        result = await talk(text, locale)
        assert result.action in ("search", "select", "add_to_cart"), result.reply


@pytest.mark.parametrize(("locale", "text", "action"), [
    ("xx", "warenkorb leeren", "clear_cart"),
    ("xx", "empty my cart", "remove_from_cart"),  # English clear words are not the pack's
    ("en-GB", "empty my cart", "clear_cart"),
    ("en-GB", "warenkorb leeren", "remove_from_cart"),
])
async def test_clearing_the_cart_listens_for_the_packs_words(talk, locale, text, action):
    await fill_cart(talk, locale)
    result = await talk(text, locale)
    assert result.action == action, result.reply


async def test_a_voice_pin_is_read_with_the_packs_digit_words(talk):
    # sam has a voice PIN (4321), asked for above the PIN threshold
    for text in ("do you have rain jackets", "the second one", "add two in medium", "check out", "yes"):
        result = await talk(text, "xx", customer="sam", session="s2")
    assert result.action == "ask_pin", result.reply
    wrong = await talk("eins zwei drei vier", "xx", customer="sam", session="s2")
    assert wrong.action == "ask_pin" and "2 more tries" in wrong.reply  # read as 1234: a wrong PIN, not no PIN


async def test_english_digit_words_are_not_the_fake_packs(talk):
    for text in ("do you have rain jackets", "the second one", "add two in medium", "check out", "yes"):
        result = await talk(text, "xx", customer="sam", session="s3")
    assert result.action == "ask_pin", result.reply
    unread = await talk("one two three four", "xx", customer="sam", session="s3")
    assert unread.reply == DEFAULT.prompts.ASK_PIN  # no digits heard: asked again, no try used


async def test_a_variant_question_reads_without_a_double_space(talk):
    for text in ("do you have rain jackets", "the second one"):
        await talk(text)
    result = await talk("is it in red in size m")
    assert result.action == "answer" and "in red in size M" in result.reply, result.reply
    assert "  " not in result.reply


def test_search_drops_the_stop_words_it_is_given(shop):
    english = ProductSearch(shop.catalog)
    words, _ = english.terms("bitte rain jackets please", SearchRequest())
    assert "please" not in words and "bitte" in words
    other = ProductSearch(shop.catalog, stop_words=frozenset({"bitte"}))
    words, _ = other.terms("bitte rain jackets please", SearchRequest())
    assert "bitte" not in words and "please" in words
