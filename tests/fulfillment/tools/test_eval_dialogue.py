"""`emma eval dialogue`: every check type judged over fakes, the speakability rules, the suite file, the runner,
the scores; and one integration run of the whole suite on the real NLU model."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest

from fulfillment.domain.knowledge import Knowledge
from fulfillment.domain.models import Cart, CartLine, Customer, Order, OrderLine, Product, Review, Variant
from fulfillment.domain.turns import TurnRequest, TurnResult
from fulfillment.services.catalog_import import product_from_json
from fulfillment.tools.evaluation.checks import Context, Shown, SuiteError, build
from fulfillment.tools.evaluation.facts import ShopFacts, in_customer_size, size_fits
from fulfillment.tools.evaluation.nlu_heldout import extension_path, leaked, merged_split, trained_on
from fulfillment.tools.evaluation.report import Thresholds, failure_patterns, render, score, shortfalls
from fulfillment.tools.evaluation.runner import run_suite
from fulfillment.tools.evaluation.speakable import SpokenVocabulary, problems
from fulfillment.tools.evaluation.spoken import designated, names, says_price, yes_or_no
from fulfillment.tools.evaluation.suite import load_suite, parse_suite


# -- a small shop ------------------------------------------------------------------------------------
def product(handle: str, kind: str, price: float, *, title: str | None = None, brand: str = "Acme",
            category: str = "outdoor", colors: tuple[str, ...] = ("black",), sizes: tuple[str | None, ...] = (None,),
            features: tuple[str, ...] = (), tags: tuple[str, ...] = (), materials: tuple[str, ...] = (),
            rating: float | None = 4.0, stock: int = 5, shelf: dict[str, int] | None = None) -> Product:
    variants = tuple(
        Variant(f"{handle}-{c}-{s}".upper(), c, s, round(price * 100), stock, store_stock=dict(shelf or {}))
        for c in colors for s in sizes
    )
    return Product(0, handle, title or f"{handle.title()} {kind.title()}", brand, category, kind, "", materials,
                   features, tags, rating, 10, variants, (Review(5, "Kept me dry all day long"),))


TENT_A = product("aurora", "tent", 89.99, features=("waterproof", "lightweight"), tags=("camping",), colors=("green",))
TENT_B = product("borealis", "tent", 179.99, features=("waterproof", "freestanding"), tags=("camping",),
                 colors=("green", "blue"), rating=4.8)
TENT_C = product("cirrus", "tent", 549.95, features=("waterproof",), tags=("camping",), colors=("grey",))
EARBUDS = product("echo", "earbuds", 199.99, brand="Jabra", category="electronics",
                  features=("wireless", "multipoint pairing"), colors=("black", "white"), shelf={"hamburg": 0})
EARBUDS_CASE = product("flare", "earbuds", 249.0, brand="Samsung", category="electronics",
                       features=("wireless", "wireless charging case"), shelf={"hamburg": 2, "berlin": 0})
SHOE = product("gale", "running shoe", 139.99, brand="Nike", category="shoes", sizes=("42", "43"),
               tags=("running",), colors=("blue", "black"))
SOCKS = product("hike", "hiking socks", 24.95, category="apparel", sizes=("39-42", "43-46"))
JACKET = product("ion", "rain jacket", 109.0, brand="Patagonia", category="apparel", sizes=("S", "M"),
                 features=("waterproof",))
SPEAKER = product("jolt", "bluetooth speaker", 129.99, category="electronics", features=("12 hour battery",))
SPEAKER_LONG = product("kite", "bluetooth speaker", 169.99, category="electronics", features=("30 hour battery",))
PRODUCTS = (TENT_A, TENT_B, TENT_C, EARBUDS, EARBUDS_CASE, SHOE, SOCKS, JACKET, SPEAKER, SPEAKER_LONG)

KNOWLEDGE = Knowledge(
    stores={"munich": {"id": "munich", "name": "Emma Store München", "address": "Sendlinger Straße 55, 80331 München",
                       "phone": "+49 89 2154 7720", "hours": {"saturday": "10:00-18:00", "sunday": "closed"}}},
    policies={"shipping": {"answer": "", "facts": {"countries": ["Germany", "Austria"], "standard_cost": 4.90,
                                                   "free_from": 50}},
              "return": {"answer": "", "facts": {"days": 30, "excluded": ["opened coffee and tea"]}}},
)
ALEX = Customer("alex", "Alex Morgan", "Torstraße 12", sizes={"apparel": "M", "shoes": "43"},
                favourite_brands=("Patagonia", "Nike"))
LAST_ORDER = Order("K7MXPA", "alex", "delivered", (OrderLine(SHOE.variants[1].sku, SHOE.title, 1, 13999),), 0,
                   13999, "2026-03-14")


def facts(cart: Cart | None = None) -> ShopFacts:
    return ShopFacts(PRODUCTS, {"alex": ALEX}, {"alex": (LAST_ORDER,)}, KNOWLEDGE, lambda _c: cart or Cart(()))


def judge(name: str, arg: Any, reply: str = "", listed: tuple[Product, ...] = (),
          earlier: tuple[Shown, ...] = (), shop: ShopFacts | None = None) -> tuple[bool, str]:
    verdict = build(name, arg)(Context(shop or facts(), "alex", Shown("...", reply, listed), earlier))
    return verdict.ok, verdict.why


def listing(*products: Product) -> Shown:
    return Shown("show me", "Here they are.", products)


# -- listing checks -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "arg", "listed", "ok"), [
    ("lists", 2, (TENT_A, TENT_B), True),
    ("lists", 2, (TENT_A,), False),
    ("lists", {"max": 0}, (), True),
    ("products_in", {"tags": ["camping"], "types": ["earbuds"]}, (TENT_A, EARBUDS), True),
    ("products_in", {"tags": ["camping"]}, (TENT_A, EARBUDS), False),
    ("products_in", {"tags": ["camping"]}, (), False),  # listing nothing never passes
    ("products_in", {"categories": ["electronics"]}, (SPEAKER, EARBUDS), True),
    ("products_of_type", ["tent"], (TENT_A, TENT_C), True),
    ("products_of_type", ["tent"], (TENT_A, EARBUDS), False),
    ("none_of_type", ["earbuds"], (TENT_A,), True),
    ("none_of_type", ["earbuds"], (TENT_A, EARBUDS), False),
    ("price_within", {"max": 200}, (TENT_A, TENT_B), True),
    ("price_within", {"min": 100, "max": 200}, (TENT_A, TENT_B), False),
    ("price_within", {"min": 150}, (SPEAKER_LONG,), True),
    ("cheap_for_type", True, (TENT_A,), True),
    ("cheap_for_type", True, (TENT_C,), False),
    ("has_color", "blue", (TENT_B, SHOE), True),
    ("has_color", "blue", (TENT_A,), False),
    ("has_size", "43", (SHOE, SOCKS), True),  # 43 is in the 43-46 range
    ("has_size", "S", (SHOE,), False),
    ("has_features", ["waterproof"], (TENT_A, JACKET), True),
    ("has_features", ["freestanding"], (TENT_A,), False),
    ("brand_in", ["patagonia"], (JACKET,), True),
    ("brand_in", ["Patagonia"], (SHOE,), False),
    ("in_customer_size", True, (JACKET, SHOE, SOCKS), True),
    ("varied", {"types": 2}, (TENT_A, EARBUDS), True),
    ("varied", {"types": 2}, (TENT_A, TENT_B), False),
    ("varied", {"categories": 2}, (SPEAKER, EARBUDS), False),
])
def test_listing_checks_judge_the_listed_products_by_their_data(
    name: str, arg: Any, listed: tuple[Product, ...], ok: bool
) -> None:
    assert judge(name, arg, listed=listed)[0] is ok


def test_unsellable_products_in_a_listing_fail() -> None:
    ctx = Context(facts(), "alex", Shown("tents", "...", (TENT_A,), ("draft-tent",)))
    assert not build("products_of_type", ["tent"])(ctx).ok
    assert facts().listed([{"handle": "aurora"}, {"sku": EARBUDS.variants[0].sku}, {"handle": "gone"}]) == (
        [TENT_A, EARBUDS], ["gone"])


@pytest.mark.parametrize(("earlier", "listed", "ok"), [
    ((TENT_B, TENT_C), (TENT_A,), True),
    ((TENT_B, TENT_C), (TENT_B,), False),  # not cheaper than the cheapest shown
    ((TENT_A, TENT_B), (), True),  # nothing is cheaper than the Aurora: listing nothing is right
    ((TENT_A, TENT_B), (TENT_C,), False),
    ((TENT_B, TENT_C), (), False),  # something cheaper exists but nothing was listed
])
def test_cheaper_than_previous(earlier: tuple[Product, ...], listed: tuple[Product, ...], ok: bool) -> None:
    assert judge("cheaper_than_previous", True, listed=listed, earlier=(listing(*earlier),))[0] is ok


def test_refinements_keep_the_type_and_show_new_products() -> None:
    before = (listing(TENT_A, TENT_B),)
    assert judge("same_type_as_previous", True, listed=(TENT_C,), earlier=before)[0]
    assert not judge("same_type_as_previous", True, listed=(EARBUDS,), earlier=before)[0]
    assert not judge("same_type_as_previous", True, listed=(TENT_C,))[0]  # nothing before
    assert judge("new_products", True, listed=(TENT_C,), earlier=before)[0]
    assert not judge("new_products", True, listed=(TENT_B, TENT_C), earlier=before)[0]
    assert not judge("new_products", True, listed=(), earlier=before)[0]  # the Cirrus was left to show


@pytest.mark.parametrize(("reply", "required", "ok"), [
    ("I have 3 tents. First, ...", True, True),
    ("I have three tents.", True, True),
    ("I found 12 tents.", True, False),
    ("Here are the first ones.", True, False),
    ("Here are the first ones.", False, True),
    ("I found 12 tents.", False, False),
    ("Here are 2 of our 3 tents.", True, True),
])
def test_count_matches_the_catalog(reply: str, required: bool, ok: bool) -> None:
    assert judge("count_matches", {"types": ["tent"], "required": required}, reply)[0] is ok


# -- answers about products -----------------------------------------------------------------------------
@pytest.mark.parametrize(("reply", "ok"), [
    ("The Borealis Tent is lighter than the Aurora Tent.", False),
    ("The Aurora Tent is the lightest one.", True),
    ("The Borealis Tent is €179.99 and the Aurora Tent €89.99, so the Aurora is lighter.", True),
    ("The Aurora Tent is cheaper; the Borealis Tent is rated higher.", False),  # says nothing about weight
    ("The lightest is the Aurora Tent.", True),
])
def test_names_product_reads_which_product_the_reply_gives(reply: str, ok: bool) -> None:
    before = (listing(TENT_A, TENT_B, TENT_C),)
    assert judge("names_product", {"by": "weight", "pick": "min"}, reply, earlier=before)[0] is ok


@pytest.mark.parametrize(("spec", "reply", "ok"), [
    ({"by": "price", "pick": "min", "among": [1, 2]}, "The Aurora Tent is cheaper.", True),
    ({"by": "price", "pick": "max", "among": [1, "last"]}, "The Cirrus Tent is more expensive.", True),
    ({"by": "price", "pick": "max", "among": [1, "last"]}, "The Borealis Tent is more expensive.", False),
    ({"by": "rating", "pick": "max"}, "The Borealis Tent is rated higher.", True),
    ({"by": "feature:freestanding", "pick": "max"}, "Only the Borealis Tent is freestanding.", True),
    ({"by": "price", "pick": "min", "among": ["aurora", "borealis"]}, "The Aurora Tent.", True),
])
def test_names_product_fields_and_candidates(spec: dict[str, Any], reply: str, ok: bool) -> None:
    assert judge("names_product", spec, reply, earlier=(listing(TENT_A, TENT_B, TENT_C),))[0] is ok


def test_names_product_by_battery_and_a_single_shown_answer() -> None:
    before = (listing(SPEAKER, SPEAKER_LONG),)
    assert judge("names_product", {"by": "battery", "pick": "max"}, "The Kite lasts longest.", earlier=before)[0]
    # The reply shows one product: that is its answer, whatever else it says.
    assert not judge("names_product", {"by": "battery", "pick": "max"}, "This one.", (SPEAKER,), before)[0]


@pytest.mark.parametrize(("feature", "about", "reply", "ok"), [
    ("wireless charging case", 1, "Yes, it has a wireless charging case.", False),  # "wireless" is not the case
    ("wireless charging case", 1, "No, it doesn't have a wireless charging case.", True),
    ("wireless charging case", 2, "Yes, it comes with a wireless charging case.", True),
    ("wireless charging case", 1, "Which product do you mean?", False),
    ("wireless", 1, "It is wireless.", True),
    ("multipoint pairing", 1, "The Echo Earbuds isn't described as multipoint pairing.", False),
])
def test_answers_feature_follows_the_data_exactly(feature: str, about: int, reply: str, ok: bool) -> None:
    before = (listing(EARBUDS, EARBUDS_CASE),)
    assert judge("answers_feature", {"feature": feature, "about": about}, reply, earlier=before)[0] is ok


def test_answers_about_the_focus_must_be_about_that_product() -> None:
    before = (listing(EARBUDS, EARBUDS_CASE), Shown("the second one", "The Flare Earbuds...", (EARBUDS_CASE,)))
    spec = {"feature": "wireless charging case"}
    assert judge("answers_feature", spec, "Yes, it has one.", earlier=before)[0]
    assert not judge("answers_feature", spec, "Yes, it has one.", (EARBUDS,), before)[0]
    assert not judge("answers_feature", spec, "Yes.")[0]  # nothing singled out


@pytest.mark.parametrize(("name", "arg", "reply", "ok"), [
    ("answers_variant", {"about": 1, "size": "43"}, "Yes, size 43 is in stock.", True),
    ("answers_variant", {"about": 1, "size": "44"}, "No, there is no 44.", True),
    ("answers_variant", {"about": 1, "color": "blue"}, "Sorry, it is sold out in blue.", False),
    ("answers_store_stock", {"about": 2, "store": "hamburg"}, "Yes, Hamburg has 2 on the shelf.", False),
    ("answers_store_stock", {"about": 2, "store": "hamburg"}, "Our Hamburg store doesn't have it now.", True),
    ("shows_product", 2, "The Echo Earbuds by Jabra.", True),
    ("shows_product", 3, "The Echo Earbuds by Jabra.", False),
    ("mentions_product", 3, "The Flare Earbuds are great.", True),
    ("mentions_product", 2, "The Flare Earbuds are great.", False),
])
def test_variant_stock_and_product_answers(name: str, arg: Any, reply: str, ok: bool) -> None:
    before = (listing(SHOE, EARBUDS, EARBUDS_CASE),)
    shown = (EARBUDS,) if name == "shows_product" else ()
    assert judge(name, arg, reply, shown, before)[0] is ok


def test_shows_product_and_price_and_values() -> None:
    before = (listing(TENT_A, TENT_B),)
    assert judge("shows_product", 2, "The Borealis Tent by Acme: €179.99.", (TENT_B,), before)[0]
    assert judge("mentions_price", 2, "It costs 179 euros 99.", earlier=before)[0]
    assert not judge("mentions_price", 2, "It costs €179.", earlier=before)[0]
    assert judge("mentions_values", {"about": 2, "field": "colors"}, "In green or blue.", earlier=before)[0]
    assert not judge("mentions_values", {"about": 2, "field": "colors"}, "In green.", earlier=before)[0]
    assert judge("mentions_values", {"about": 1, "field": "rating"}, "Rated 4.0 by 10 shoppers.", earlier=before)[0]
    assert judge("mentions_values", {"about": 1, "field": "reviews"}, "One said: kept me dry all day.",
                 earlier=before)[0]
    sizes = (listing(SHOE, SOCKS),)
    assert judge("mentions_values", {"about": 1, "field": "sizes"}, "From 42 to 43.", earlier=sizes)[0]


def test_text_checks() -> None:
    assert judge("mentions", ["Austria"], "Yes, we deliver to Austria.")[0]
    assert not judge("mentions", ["Austria", "Germany"], "Yes, we deliver to Austria.")[0]
    assert judge("mentions_any", ["next day", "next working day"], "Express arrives the next working day.")[0]
    assert not judge("not_mentions", ["foam"], "Sorry, I have foam rollers.")[0]
    assert judge("answers", "no", "No, only unused items can go back.")[0]
    assert not judge("answers", "no", "Shall I start a return?")[0]


# -- policies and stores ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("arg", "reply", "ok"), [
    (["shipping.countries"], "We deliver to Germany and Austria.", True),
    (["shipping.countries"], "We deliver within Germany.", False),
    ({"facts": ["shipping.countries"], "any": True}, "We deliver within Germany.", True),
    (["shipping.standard_cost"], "Standard delivery costs 4 euros 90.", True),
    (["shipping.standard_cost"], "Standard delivery costs €4.90.", True),
    (["shipping.free_from"], "It is free from 50 euros.", True),
    (["return.days"], "You have thirty days.", False),
    (["return.days"], "You have 30 days.", True),
    (["stores.munich.phone"], "Call 089 2154 7720.", True),
    (["stores.munich.phone"], "Call +49 89 2154 7720.", True),
    (["stores.munich.phone"], "Call +49 30 2887 4400.", False),
    (["stores.munich.address", "stores.munich.hours.sunday"], "It's at Sendlinger Strasse 55 and closed on Sundays.",
     True),
    (["stores.munich.address", "stores.munich.hours.sunday"], "It's at Sendlinger Straße 55.", False),
    (["stores.munich.hours.saturday"], "On Saturdays Munich is open from 10 am to 6 pm.", True),
    (["stores.munich.hours.saturday"], "Berlin is open from 10 to 8. Munich opens at 11 on Saturdays.", False),
    (["shipping.nothing"], "Anything.", False),
])
def test_mentions_fact_reads_the_knowledge_files(arg: Any, reply: str, ok: bool) -> None:
    assert judge("mentions_fact", arg, reply)[0] is ok


@pytest.mark.parametrize(("arg", "reply", "ok"), [
    ({"fact": "shipping.countries", "has": "Austria"}, "Yes, we deliver to Austria too.", True),
    ({"fact": "shipping.countries", "has": "France"}, "Sorry, we don't ship to France.", True),
    ({"fact": "shipping.countries", "has": "France"}, "Standard delivery within Germany takes 2 to 4 days.", False),
    ({"fact": "stores.munich.hours.sunday", "open": True}, "Munich opens at 10. All stores are closed on Sundays.",
     True),
    ({"fact": "stores.munich.hours.saturday", "open": True}, "Yes, on Saturday from 10 to 6.", True),
    ({"fact": "return.excluded", "lacks": "opened coffee and tea"}, "Opened coffee can't be returned.", True),
    ({"fact": "return.excluded", "lacks": "opened coffee and tea"}, "Shall I start a return?", False),
    ({"fact": "shipping.countries", "has": "American Express"}, "Express delivery costs €9.90.", False),
])
def test_answers_fact_decides_yes_or_no_from_the_knowledge_files(arg: Any, reply: str, ok: bool) -> None:
    assert judge("answers_fact", arg, reply)[0] is ok


# -- personal knowledge ----------------------------------------------------------------------------------
def test_personal_checks_read_the_profile_and_orders() -> None:
    assert judge("mentions_customer_size", "shoes", "You take a 43.")[0]
    assert judge("mentions_customer_size", "apparel", "You wear medium.")[0]
    assert not judge("mentions_customer_size", "apparel", "You wear L.")[0]
    assert judge("mentions_last_order", True, "Last time you bought the Gale Running Shoe.")[0]
    assert not judge("mentions_last_order", True, "Your cart is empty.")[0]
    assert judge("mentions_ordered", {"type": "running shoe"}, "More of the Gale?")[0]
    assert judge("brands_are_favourite", True, listed=(JACKET, SHOE))[0]
    assert not judge("brands_are_favourite", True, listed=(JACKET, EARBUDS))[0]


def test_same_as_ordered_and_picks() -> None:
    spec = "focus"
    before = (listing(SHOE, JACKET), Shown("the first", "The Gale Running Shoe.", (SHOE,)))
    assert judge("answers_same_as_ordered", spec, "Yes, it's the same shoe you bought in March.", earlier=before)[0]
    assert not judge("answers_same_as_ordered", spec, "Your last order again: 1 x Espresso. Shall I?",
                     earlier=before)[0]
    shown = (listing(EARBUDS, JACKET),)
    assert judge("picks_for_customer", True, "I'd pick the Ion Rain Jacket for you.", earlier=shown)[0]
    assert not judge("picks_for_customer", True, "I'd pick the Echo Earbuds for you.", earlier=shown)[0]
    assert not judge("picks_for_customer", True, "Both are nice.", earlier=shown)[0]


IN_MY_SIZE = {"type": "running shoe", "size": "customer"}


@pytest.mark.parametrize(("lines", "spec", "ok"), [
    ((CartLine(SHOE.variants[1].sku, SHOE.title, 1, 13999, "blue", "43"),), IN_MY_SIZE, True),
    ((CartLine(SHOE.variants[0].sku, SHOE.title, 1, 13999, "blue", "42"),), IN_MY_SIZE, False),
    ((CartLine(SOCKS.variants[1].sku, SOCKS.title, 1, 2495, "black", "43-46"),),
     {"type": "hiking socks", "size": "customer"}, True),
    ((CartLine(JACKET.variants[1].sku, JACKET.title, 1, 10900, "black", "M"),),
     {"type": "rain jacket", "size": "M", "color": "black"}, True),
    ((CartLine(JACKET.variants[1].sku, JACKET.title, 1, 10900, "black", "M"),),
     {"type": "rain jacket", "size": "M", "color": "blue"}, False),
    ((), {"type": "rain jacket"}, False),
])
def test_cart_has_reads_the_cart_after_the_turn(lines: tuple[CartLine, ...], spec: dict[str, Any], ok: bool) -> None:
    assert judge("cart_has", spec, shop=facts(Cart(lines)))[0] is ok


def test_sizes_fit_ranges_and_combined_letters() -> None:
    assert size_fits("43-46", "43") and size_fits("S/M", "M") and size_fits("m", "M")
    assert not size_fits("39-42", "43") and not size_fits(None, "M")
    assert in_customer_size(SOCKS, ALEX) and not in_customer_size(TENT_A, ALEX)


# -- reading replies -----------------------------------------------------------------------------------
def test_spoken_matching() -> None:
    torrentshell = product("torrentshell", "rain jacket", 179.95, title="Torrentshell 3L Rain Jacket",
                           brand="Patagonia")
    assert names("Try the Torrentshell 3L, it's light.", torrentshell)
    assert names("the patagonia torrentshell 3l rain jacket", torrentshell)
    assert not names("Try the Torrentshell 2.", torrentshell)
    assert says_price("only 179 euros 95", 17995) and says_price("€4.90", 490) and not says_price("€49.90", 490)
    assert designated("X is cheap, while the Aurora Tent is lighter", (TENT_A, TENT_B), ("lighter",)) == TENT_A
    assert yes_or_no("Yes, it does.") == "yes"
    assert yes_or_no("It doesn't, sorry.") == "no"
    assert yes_or_no("Which product do you mean?") is None
    assert yes_or_no("Berlin opens at 10. All stores are closed on Sundays.", ("sundays",), ("closed",)) == "no"


# -- speakability --------------------------------------------------------------------------------------
MAT = product("mat", "yoga mat", 108.0, title="The Mat 5mm Yoga Mat", brand="lululemon", category="sport")
GREEN_TEA = product("green", "green tea", 2.79, title="Organic Green Green Tea", brand="Clipper")
JABRA = product("elite", "earbuds", 199.99, title="Elite 8 Active Earbuds", brand="Jabra")
HUBBA = product("hubba", "tent", 549.95, title="Hubba Hubba 2 Tent", brand="MSR")
WIDE = product("wide", "water bottle", 44.95, title="Wide Mouth Water Bottle", features=("wide mouth",))
VOCABULARY = SpokenVocabulary.of((*PRODUCTS, MAT, GREEN_TEA, JABRA, HUBBA, WIDE))


@pytest.mark.parametrize(("reply", "kind"), [
    ("The The Mat 5mm Yoga Mat is €108.", "doubled word"),
    ("the The Mat 5mm is €108.", "doubled word"),
    ("The Hubba Hubba 2 is light. The Hubba Hubba 2 Tent is dear.", "product named twice"),
    ("Here are the the best ones.", "doubled word"),
    ("I found 6 t-shirt here.", None),  # no t-shirt in this vocabulary
    ("I found 6 tent. First, the Aurora Tent.", "count and noun disagree"),
    ("I found 3 green tent.", "count and noun disagree"),
    ("I have 1 tents.", "count and noun disagree"),
    ("Second, the Elite 8 Active Earbuds by Jabra, €199.99: Jabra.", "brand as highlight"),
    ("With the Aurora Tent, shoppers like:", "empty highlight"),
    ("It costs {price}.", "unfilled slot"),
    ("It costs None.", "unfilled slot"),
    ("It is light..", "double dot"),
    ("The Aurora Tent is cheaper, the Aurora Tent is lighter.", "product named twice"),
    ("It is a eco tent.", "a or an"),
    ("word " * 46, "too long"),
    ("", "empty reply"),
])
def test_unspeakable_replies_are_caught(reply: str, kind: str | None) -> None:
    found = problems(reply, VOCABULARY)
    assert [p.split(":")[0] for p in found if kind and p.startswith(kind)][:1] == ([kind] if kind else []), found


@pytest.mark.parametrize("reply", [
    "First, the Organic Green Green Tea by Clipper, €2.79: organic.",  # the title doubles a word, Emma doesn't
    "I found 2 tents. A 2 person tent with a 12 hour battery, delivered in 2 to 4 working days.",
    "Yes, bye bye!",
    "The Aurora Tent by Acme, €89.99: lightweight. Say 'more' for others.",
    "It comes in sizes 38 to 46 and in 3 colours.",
    "The Hubba Hubba 2 by MSR, €549.95, with a vestibule.",  # the name doubles a word, not Emma
    "The Wide Mouth Water Bottle, €44.95: a wide mouth.",  # a feature that is also part of a name
])
def test_good_replies_are_speakable(reply: str) -> None:
    assert problems(reply, VOCABULARY) == []


# -- the suite file -------------------------------------------------------------------------------------
def test_suite_errors_name_the_case_and_the_problem() -> None:
    groups = {"groups": {"g": "a group"}}
    with pytest.raises(SuiteError, match="unknown check 'listz'"):
        parse_suite({**groups, "cases": [{"id": "a", "group": "g", "turns": [{"say": "x", "expect": {"listz": 1}}]}]})
    with pytest.raises(SuiteError, match="group 'h'"):
        parse_suite({**groups, "cases": [{"id": "a", "group": "h", "turns": ["x"]}]})
    with pytest.raises(SuiteError, match="no turn expects"):
        parse_suite({**groups, "cases": [{"id": "a", "group": "g", "turns": ["x"]}]})
    with pytest.raises(SuiteError, match="price_within"):
        parse_suite({**groups, "cases": [{"id": "a", "group": "g", "turns": [{"say": "x", "expect": {
            "price_within": {"most": 3}}}]}]})
    with pytest.raises(SuiteError, match="used twice"):
        case = {"id": "a", "group": "g", "turns": [{"say": "x", "expect": {"lists": 1}}]}
        parse_suite({**groups, "cases": [case, case]})


def demo_catalog() -> list[Product]:
    lines = resources.files("fulfillment.data").joinpath("catalog.jsonl").read_text("utf-8").splitlines()
    return [product_from_json(raw) for line in lines if line.strip()
            if (raw := json.loads(line)).get("status", "active") == "active"]


def test_the_packaged_suite_covers_the_issue_groups_evenly_and_mostly_in_several_turns() -> None:
    suite = load_suite()
    assert len(suite.cases) >= 150
    per_group = {key: sum(c.group == key for c in suite.cases) for key in suite.groups}
    assert len(per_group) == 8 and min(per_group.values()) >= 18, per_group
    assert sum(len(c.steps) > 1 for c in suite.cases) >= 60
    assert {c.customer for c in suite.cases} == {"demo", "sam", "lena"}


# Checks that judge each listed product on its own: a product passes or fails them whatever else is listed.
ABOUT_ONLY = ("shows_product", "mentions_product", "mentions_price", "answers_same_as_ordered")
"""Checks whose whole argument says which product they are about."""
PER_PRODUCT = ("products_in", "products_of_type", "price_within", "has_color", "has_size", "has_features", "brand_in",
               "cheap_for_type")


def test_every_expectation_of_the_packaged_suite_can_be_met_by_the_demo_catalog() -> None:
    """Handles exist, and every first-turn listing expectation is met by enough real products: the suite asks
    nothing the shop cannot give."""
    catalog = demo_catalog()
    shop = ShopFacts(tuple(catalog), {"demo": ALEX}, {}, Knowledge.load())
    impossible = []
    for case in load_suite().cases:
        for step in case.steps:
            for e in step.expect:
                args = e.arg if isinstance(e.arg, dict) else {"about": e.arg} if e.name in ABOUT_ONLY else {}
                handles = [a for a in (*args.get("among", []), args.get("about")) if isinstance(a, str)]
                impossible += [f"{case.id}: unknown product {h}" for h in handles
                               if h not in ("focus", "last", "shown") and shop.product(h) is None]
        first = case.steps[0]
        checks = [e for e in first.expect if e.name in PER_PRODUCT]
        if not checks:
            continue
        fitting = [p for p in catalog
                   if all(e.run(Context(shop, "demo", Shown("", "", (p,)))).ok for e in checks)]
        wanted = next((e.arg if isinstance(e.arg, int) else e.arg.get("min", 1)
                       for e in first.expect if e.name == "lists"), 1)
        if len(fitting) < max(1, wanted):
            impossible.append(f"{case.id}: {len(fitting)} products meet {[e.name for e in checks]}")
    assert not impossible, impossible


def test_trained_on_finds_sentences_of_the_training_data(tmp_path: Any) -> None:
    (tmp_path / "nlu.yml").write_text('nlu:\n- intent: recommend\n  examples: |\n'
                                      '    - i need a gift for my [dad](recipient)\n    - more\n')
    said = ["I need a gift for my  dad", "more", "a gift for my mum please"]
    assert trained_on(said, tmp_path) == ["I need a gift for my  dad"]


def test_the_nlu_extension_is_held_out_and_merges_with_the_committed_split(tmp_path: Any) -> None:
    assert leaked(extension_path()) == []
    from nlu.training import PROJECT

    merged = merged_split(tmp_path / "split.yml", PROJECT / "tests" / "test_nlu.yml", extension_path())
    import yaml

    items = yaml.safe_load(merged.read_text())["nlu"]
    text = merged.read_text()
    assert sum(1 for i in items if i.get("intent") == "recommend") >= 2
    assert "(interest)" in text and "(need)" in text and "(price_around)" in text and "(budget)" in text


# -- running and scoring -----------------------------------------------------------------------------------
class ScriptedShop:
    """A TurnHandler answering from a table of utterance -> (reply, listed handles)."""

    def __init__(self, answers: dict[str, tuple[str, list[str]]]) -> None:
        self.answers = answers
        self.requests: list[TurnRequest] = []

    async def handle(self, request: TurnRequest) -> TurnResult:
        self.requests.append(request)
        reply, handles = self.answers.get(request.text, ("Sorry?", []))
        return TurnResult(request.session_id, "t", request.text, {"name": "x", "confidence": 1.0}, [], "x", reply,
                          {"products": [{"handle": h} for h in handles]})


SUITE = {
    "groups": {"refinement": "multi-turn refinement", "questions": "questions about a picked product"},
    "cases": [
        {"id": "tents-then-blue", "group": "refinement", "turns": [
            {"say": "show me tents", "expect": {"products_of_type": ["tent"]}},
            {"say": "in blue", "expect": {"has_color": "blue", "same_type_as_previous": True}}]},
        {"id": "tents-then-cheaper", "group": "refinement", "turns": [
            "show me tents", {"say": "cheaper ones", "expect": {"cheaper_than_previous": True}}]},
        {"id": "is-it-freestanding", "group": "questions", "customer": "alex", "turns": [
            "show me tents", {"say": "the second one", "expect": {"shows_product": 2}},
            {"say": "is it freestanding", "expect": {"answers_feature": {"feature": "freestanding"}}}]},
    ],
}
ANSWERS = {
    "show me tents": ("I have 3 tents: the Aurora Tent, the Borealis Tent, the Cirrus Tent.",
                      ["aurora", "borealis", "cirrus"]),
    "in blue": ("In blue: the Borealis Tent.", ["borealis"]),
    "cheaper ones": ("The Borealis Tent is cheaper.", ["borealis"]),
    "the second one": ("The Borealis Tent, €179.99.", ["borealis"]),
    "is it freestanding": ("Yes, it's freestanding.", []),
}


async def test_run_suite_plays_each_case_in_its_own_session_and_scores_it() -> None:
    handler = ScriptedShop(ANSWERS)
    resets: list[str] = []
    outcome = await run_suite(parse_suite(SUITE), handler, facts(), resets.append)
    assert [c.right for c in outcome.cases] == [True, False, True]
    assert resets == ["demo", "demo", "alex"]
    sessions = [r.session_id for r in handler.requests]
    assert len(set(sessions)) == 3 and sessions[0] == sessions[1]
    scores = score(outcome)
    assert (scores.groups["refinement"].right, scores.groups["refinement"].total) == (1, 2)
    assert scores.overall.percent == pytest.approx(200 / 3)
    assert scores.speakable.right == scores.speakable.total
    goals = Thresholds(overall=60, group=50, speakable=100)
    assert shortfalls(scores, goals) == []
    assert shortfalls(scores, Thresholds()) == [
        "refinement 50.0% < 90%", "overall 66.7% < 95%"]
    assert failure_patterns(outcome)[0][:2] == ("cheaper_than_previous", 1)
    report = render(outcome, scores, goals, details=True)
    assert "multi-turn refinement" in report and "FAIL cheaper_than_previous" in report


async def test_a_failing_turn_does_not_stop_the_run() -> None:
    class Broken(ScriptedShop):
        async def handle(self, request: TurnRequest) -> TurnResult:
            from fulfillment.domain.errors import BadInput

            raise BadInput("too long", code="text_too_long")

    outcome = await run_suite(parse_suite(SUITE), Broken({}), facts())
    assert not any(c.right for c in outcome.cases)
    assert outcome.cases[0].turns[0].intent == "error text_too_long"
    assert outcome.cases[0].turns[0].unspeakable == ("empty reply",)


# -- the real thing -------------------------------------------------------------------------------------
RECORDED = Thresholds(
    overall=93.0, speakable=99.0, group=86.0,
    groups={"inspiration": 86.0, "gifts": 86.0, "refinement": 86.0, "personal": 86.0, "policies": 86.0,
            "comparisons": 86.0, "constraints": 86.0, "questions": 86.0},
)
"""Measured at 100% overall and 100% speakable on commit 0d5e080 (39.9% and 63.4% on f67b2d4), held a little
below the issue's goals (95% overall, 90% per group, 100% speakable; the defaults of `emma eval dialogue`) so a
retrained model's small drift doesn't fail the build; a real regression does."""


@pytest.mark.integration
async def test_the_dialogue_suite_holds_its_recorded_level(rasa_server: tuple[str, str], shop: Any) -> None:
    from fulfillment.domain.conversation import Conversation
    from fulfillment.tools.evaluation.facts import facts_from_shop
    from fulfillment.tools.evaluation.runner import emptying_carts
    from nlu.rasa_client import RasaHttpParser

    url, token = rasa_server
    parser = RasaHttpParser(url, token)
    try:
        outcome = await run_suite(load_suite(), Conversation(shop, parser), facts_from_shop(shop),
                                  emptying_carts(shop))
    finally:
        await parser.close()
    scores = score(outcome)
    report = render(outcome, scores, RECORDED)
    print(report)
    said = [step.say for case in outcome.suite.cases for step in case.steps]
    print("Suite sentences in the NLU training data:", trained_on(said))
    assert not shortfalls(scores, RECORDED), report
