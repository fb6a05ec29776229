"""`emma eval dialogue --lang de`: the German suite (same groups as the English one), replies read in German
(yes and no, prices, cues, the catalog's words as German says them), turns spoken with the German locale, the
catalog read with its German titles; and one integration run of the German suite on the real German model."""

from __future__ import annotations

from typing import Any

import pytest

from fulfillment.tools.evaluation.checks import Context, Shown, build
from fulfillment.tools.evaluation.facts import ShopFacts
from fulfillment.tools.evaluation.languages import current, reading
from fulfillment.tools.evaluation.nlu_heldout import trained_on
from fulfillment.tools.evaluation.report import Thresholds, render, score, shortfalls
from fulfillment.tools.evaluation.runner import run_suite
from fulfillment.tools.evaluation.speakable import SpokenVocabulary, problems
from fulfillment.tools.evaluation.spoken import designated, says_price, says_time, yes_or_no
from fulfillment.tools.evaluation.suite import load_suite, parse_suite
from tests.fulfillment.tools.test_eval_dialogue import (
    ALEX,
    JACKET,
    KNOWLEDGE,
    PRODUCTS,
    TENT_A,
    TENT_B,
    ScriptedShop,
    facts,
)


def judge_de(name: str, arg: Any, reply: str, listed: tuple[Any, ...] = (), earlier: tuple[Shown, ...] = (),
             shop: ShopFacts | None = None) -> bool:
    with reading("de"):
        return build(name, arg)(Context(shop or facts(), "alex", Shown("...", reply, listed), earlier)).ok


# -- the suite ----------------------------------------------------------------------------------------------
def test_the_german_suite_has_the_english_groups_and_is_spoken_like_german_asr() -> None:
    german, english = load_suite(language="de"), load_suite()
    assert german.language == "de" and english.language == "en"
    assert german.groups == english.groups
    assert len(german.cases) >= 100
    per_group = {key: sum(c.group == key for c in german.cases) for key in german.groups}
    assert min(per_group.values()) >= 12, per_group
    said = [step.say for case in german.cases for step in case.steps]
    assert all(s == s.lower() and not any(ch in s for ch in ",.?!") for s in said)
    assert sum(s.startswith("äh ") or " äh " in s for s in said) >= 5
    for words in ("weihnachten", "geburtstag", "muttertag", "meer", "papa", "schwester", "zehnjährigen", "in blau",
                  "günstiger", "von garmin", "widerrufsrecht", "österreich", "schweiz", "zur kasse", "ja"):
        assert any(words in s for s in said), words


def test_a_suite_without_a_language_is_english() -> None:
    suite = parse_suite({"groups": {"g": "G"}, "cases": [{"id": "a", "group": "g", "turns": [
        {"say": "x", "expect": {"lists": 1}}]}]})
    assert suite.language == "en" and suite.only(["g"]).language == "en"
    german = parse_suite({"language": "de", "groups": {"g": "G"}, "cases": [{"id": "a", "group": "g", "turns": [
        {"say": "x", "expect": {"lists": 1}}]}]})
    assert german.only(["g"]).language == "de"


# -- reading German replies -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("reply", "topic", "said"), [
    ("Ja, das Borealis Zelt ist freistehend.", ("freistehend",), "yes"),
    ("Nein, das Aurora Zelt ist nicht freistehend.", ("freistehend",), "no"),
    ("Leider nein, American Express nehmen wir nicht.", (), "no"),
    ("Welches Produkt meinen Sie?", (), None),
    ("Das weiß ich leider nicht.", (), None),
])
def test_german_yes_and_no(reply: str, topic: tuple[str, ...], said: str | None) -> None:
    with reading("de"):
        assert yes_or_no(reply, topic) == said
    assert current().code == "en"  # the block ends, English again


def test_german_prices_times_and_cues() -> None:
    with reading("de"):
        assert says_price("Sie kostet 149,95 €.", 14995) and says_price("149 Euro 95", 14995)
        assert says_time("Samstags von 10 bis 18 Uhr.", "18:00")
        reply = "Das Aurora Zelt ist günstiger, mit 89,99 €."
        assert designated(reply, (TENT_B, TENT_A), current().cues[("price", "min")]) == TENT_A


@pytest.mark.parametrize(("name", "arg", "reply", "listed", "ok"), [
    ("mentions_values", {"field": "colors", "about": "echo"}, "Es gibt ihn in Schwarz oder Weiß.", (), True),
    ("mentions_values", {"field": "colors", "about": "echo"}, "Es gibt ihn in Schwarz.", (), False),
    ("answers_feature", {"feature": "freestanding", "about": "borealis"}, "Ja, es ist freistehend.", (), True),
    ("answers_feature", {"feature": "freestanding", "about": "aurora"}, "Ja, es ist freistehend.", (), False),
    ("answers_variant", {"color": "blue", "about": "borealis"}, "Ja, das gibt es in Blau.", (), True),
    ("count_matches", {"types": ["tent"]}, "Ich habe drei Zelte gefunden.", (), True),
    ("count_matches", {"types": ["tent"]}, "Ich habe zwei Zelte gefunden.", (), False),
    ("mentions_fact", ["stores.munich.hours.saturday"], "München hat samstags von 10 bis 18 Uhr geöffnet.", (),
     True),
])
def test_german_replies_are_read_for_the_catalogs_words(name: str, arg: Any, reply: str, listed: tuple[Any, ...],
                                                         ok: bool) -> None:
    assert judge_de(name, arg, reply, listed) is ok


def test_order_status_read_back_and_an_empty_cart() -> None:
    from fulfillment.domain.models import Cart, CartLine, Order

    shipped = Order("M6PATC", "alex", "shipped", (), 0, 0, "2026-11-21")
    shop = ShopFacts(PRODUCTS, {"alex": ALEX}, {"alex": (shipped,)}, KNOWLEDGE)
    assert judge_de("mentions_order_status", True, "Ihre Bestellung wurde verschickt.", shop=shop)
    assert not judge_de("mentions_order_status", True, "Ihre Bestellung ist zugestellt.", shop=shop)
    line = CartLine(JACKET.variants[0].sku, JACKET.title, 2, 10900)
    full = ShopFacts(PRODUCTS, {"alex": ALEX}, {}, KNOWLEDGE, lambda _c: Cart((line,)))
    assert judge_de("reads_back_cart", True, f"2 × {JACKET.title}. Das macht 218 €.", shop=full)
    assert not judge_de("reads_back_cart", True, f"2 × {JACKET.title}.", shop=full)  # no total
    assert not judge_de("cart_empty", True, "Erledigt!", shop=full)
    assert judge_de("cart_empty", True, "Erledigt!")


def test_english_grammar_rules_are_not_applied_to_german_replies() -> None:
    vocabulary = SpokenVocabulary.of(PRODUCTS)
    reply = "Die Frist beginnt an dem Tag, an dem Sie die Ware erhalten haben."
    assert any("a or an" in p for p in problems(reply, vocabulary))
    with reading("de"):
        assert problems(reply, vocabulary) == []


# -- playing a German suite --------------------------------------------------------------------------------------
GERMAN_SUITE = {
    "language": "de",
    "groups": {"refinement": "multi-turn refinement"},
    "cases": [{"id": "zelte-guenstiger", "group": "refinement", "turns": [
        "zeig mir zelte", {"say": "günstiger", "expect": {"cheaper_than_previous": True}}]}],
}


async def test_run_suite_speaks_the_suites_language() -> None:
    handler = ScriptedShop({
        "zeig mir zelte": ("Ich habe drei Zelte.", ["aurora", "borealis", "cirrus"]),
        "günstiger": ("Das Aurora Zelt ist günstiger.", ["aurora"]),
    })
    outcome = await run_suite(parse_suite(GERMAN_SUITE), handler, facts())
    assert {r.locale for r in handler.requests} == {"de"}
    assert outcome.cases[0].right
    assert current().code == "en"


def test_trained_on_reads_the_german_training_data() -> None:
    assert trained_on(["welche schuhgröße habe ich", "das steht sicher nirgends im training"],
                      language="de") == ["welche schuhgröße habe ich"]


def test_facts_read_the_catalog_in_german(shop: Any) -> None:
    from fulfillment.tools.evaluation.facts import facts_from_shop

    if not hasattr(shop.catalog, "texts_for"):
        pytest.skip("product_texts is SQLite's for now")
    german, english = facts_from_shop(shop, "de"), facts_from_shop(shop)
    jacket = "patagonia-torrentshell-3l-rain-jacket"
    assert german.product(jacket).title == "Torrentshell 3L Regenjacke"
    assert english.product(jacket).title.endswith("Rain Jacket")
    assert len(german.products) == len(english.products)


# -- the real German model --------------------------------------------------------------------------------------
RECORDED_DE = Thresholds(
    overall=93.0, speakable=99.0, group=86.0,
    groups={"inspiration": 86.0, "gifts": 86.0, "refinement": 86.0, "personal": 86.0, "policies": 86.0,
            "comparisons": 86.0, "constraints": 86.0, "questions": 86.0},
)
"""Measured at 100% overall and 100% speakable when the German suite was written (52.4% and 95.4% before the
German path was fixed), held a little below the goals like the English suite's RECORDED, so a retrained model's
small drift doesn't fail the build; a real regression does."""


@pytest.mark.integration
async def test_the_german_dialogue_suite_holds_its_recorded_level(german_rasa_server: tuple[str, str],
                                                                 german_shop: Any) -> None:
    from fulfillment.domain.conversation import Conversation
    from fulfillment.tools.evaluation.facts import facts_from_shop
    from fulfillment.tools.evaluation.runner import emptying_carts
    from nlu.rasa_client import RasaHttpParser

    url, token = german_rasa_server
    parser = RasaHttpParser(url, token, language="de")  # German number words and sizes
    suite = load_suite(language="de")
    try:
        outcome = await run_suite(suite, Conversation(german_shop, parser), facts_from_shop(german_shop, "de"),
                                  emptying_carts(german_shop))
    finally:
        await parser.close()
    scores = score(outcome)
    report = render(outcome, scores, RECORDED_DE)
    print(report)
    said = [step.say for case in outcome.suite.cases for step in case.steps]
    print("Suite sentences in the German NLU training data:", trained_on(said, language="de"))
    assert not shortfalls(scores, RECORDED_DE), report


@pytest.fixture
def german_shop(config: Any) -> Any:
    from fulfillment.wiring import open_home

    shop = open_home(config.with_(languages=("de",)))
    yield shop
    shop.db.close()


async def test_the_command_refuses_a_language_without_a_suite(capsys: pytest.CaptureFixture[str],
                                                              tmp_path: Any) -> None:
    from fulfillment.apps.cli.main import build_parser
    from fulfillment.settings import Settings
    from fulfillment.tools.evaluation.command import dialogue

    args = build_parser().parse_args(["eval", "dialogue", "--lang", "fr"])
    assert await dialogue(Settings(home=tmp_path), args) == 2
    assert "no dialogue suite in 'fr'" in capsys.readouterr().out
    assert build_parser().parse_args(["eval", "dialogue", "--lang", "de"]).lang == "de"
