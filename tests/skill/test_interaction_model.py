"""The interaction model generated from Rasa NLU data, Amazon's rules, and the skill package."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from nlu.parser import FALLBACK_INTENT
from nlu.rasa_yaml import load_nlu_data, parse_example
from nlu.training import PROJECT
from skill.errors import SkillPackageError
from skill.interaction_model import (
    alexa_intent_name,
    generate_interaction_model,
    slot_entity,
    validate_interaction_model,
)
from skill.locales.en_us import EN_US
from skill.model_rules import language_model
from skill.model_seeds import QUERY_SLOT, VOICE_CODE_SLOT
from skill.package import LocaleSource, build_skill_package
from skill.understanding import emma_intent
from tests.skill.alexa_kit import DATA

NLU_DIR = DATA / "nlu"
VOCABULARY = {
    "PRODUCT": ["Red T-Shirt", "socks", "Sunny Day Rain Jacket"],
    "BRAND": ["Acme"],
    "COLOR": ["red", "navy"],
    "SIZE": ["small", "medium", "large"],
}


@pytest.fixture(scope="module")
def model() -> dict[str, Any]:
    return generate_interaction_model(load_nlu_data(NLU_DIR), VOCABULARY).model


def intent(model: dict[str, Any], name: str) -> dict[str, Any]:
    return next(i for i in language_model(model)["intents"] if i["name"] == name)


def slot_type(model: dict[str, Any], name: str) -> list[str]:
    types = language_model(model)["types"]
    return [v["name"]["value"] for v in next(t for t in types if t["name"] == name)["values"]]


def test_generated_model_passes_validation(model):
    assert validate_interaction_model(model) == []


def test_rasa_intents_become_alexa_intents_with_slots(model):
    add = intent(model, "AddToCartIntent")
    assert add["samples"] == ["add {quantity} {product} to my basket", "put {quantity} in my cart"]
    assert {s["name"]: s["type"] for s in add["slots"]} == {
        "quantity": "AMAZON.NUMBER",
        "product": "PRODUCT",
    }
    assert intent(model, "CompareIntent")["samples"] == ["compare {ordinal} and {ordinal_b}"]
    assert "yes please" in intent(model, "AMAZON.YesIntent")["samples"]
    assert "what happened to order {order_id}" in intent(model, "OrderStatusIntent")["samples"]


def test_catch_all_has_carrier_phrases_and_catalog_samples(model):
    shop = intent(model, "ShopIntent")
    assert "i'm looking for {query}" in shop["samples"]
    assert "{color} {product}" in shop["samples"]
    assert {"name": "query", "type": "AMAZON.SearchQuery"} in shop["slots"]


def test_builtin_intents_are_included(model):
    names = {i["name"] for i in language_model(model)["intents"]}
    assert {
        "AMAZON.HelpIntent",
        "AMAZON.StopIntent",
        "AMAZON.CancelIntent",
        "AMAZON.FallbackIntent",
        "AMAZON.NavigateHomeIntent",
        "AMAZON.YesIntent",
        "AMAZON.NoIntent",
    } <= names


def test_vocabulary_lookups_and_synonyms_fill_the_slot_types(model):
    assert slot_type(model, "PRODUCT")[:3] == VOCABULARY["PRODUCT"]
    assert "sneakers" in slot_type(model, "PRODUCT")
    assert "navy" in slot_type(model, "COLOR")
    products = next(t for t in language_model(model)["types"] if t["name"] == "PRODUCT")
    sneakers = next(v for v in products["values"] if v["name"]["value"] == "sneakers")
    assert sneakers["name"]["synonyms"] == ["trainers", "running shoes"]


def test_unusable_examples_are_noted_not_silently_lost():
    draft = generate_interaction_model(load_nlu_data(NLU_DIR), VOCABULARY)
    assert "skipped add_to_cart example 'add 3 of them': has digits" in draft.notes
    assert any("already a sample of" in note for note in draft.notes)


@pytest.mark.parametrize(
    ("annotated", "text", "entities"),
    [
        ("show me [red](color) shirts", "show me red shirts", [("color", "red", "red")]),
        ("[tees](product:t-shirt)", "tees", [("product", "tees", "t-shirt")]),
        (
            'get [trainers]{"entity": "product", "value": "sneakers"} now',
            "get trainers now",
            [("product", "trainers", "sneakers")],
        ),
    ],
)
def test_rasa_annotations(annotated: str, text: str, entities: list[tuple[str, str, str]]):
    example = parse_example("x", annotated)
    assert example.text == text
    assert [(e.entity, e.text, e.value) for e in example.entities] == entities
    assert all(example.text[e.start : e.end] == e.text for e in example.entities)


def broken(model: dict[str, Any], change) -> list[str]:
    copied = copy.deepcopy(model)
    change(language_model(copied))
    return validate_interaction_model(copied)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("emma skill", "forbidden word 'skill'"),
        ("alexa shop", "forbidden word 'alexa'"),
        ("open emma shop", "forbidden word 'open'"),
        ("ask emma", "forbidden word 'ask'"),
        ("emma", "two or more words"),
        ("the shop", "article or preposition"),
        ("Emma Shop", "lowercase letters"),
        ("emma shop 2", "lowercase letters"),
    ],
)
def test_invocation_name_rules(model, name: str, expected: str):
    def rename(lm):
        lm["invocationName"] = name

    assert any(expected in problem for problem in broken(model, rename))


def test_undefined_slot_is_reported(model):
    def use_undefined(lm):
        next(i for i in lm["intents"] if i["name"] == "GreetIntent")["samples"].append(
            "hello {nobody}"
        )

    assert broken(model, use_undefined) == [
        "GreetIntent: sample 'hello {nobody}': slot {nobody} is not defined on GreetIntent"
    ]


def test_sample_duplicated_across_intents_is_reported(model):
    def duplicate(lm):
        next(i for i in lm["intents"] if i["name"] == "GreetIntent")["samples"].append(
            "Track  my order"
        )

    assert broken(model, duplicate) == [
        "sample 'Track  my order' is duplicated across intents OrderStatusIntent and GreetIntent"
    ]


def test_sample_duplicated_within_an_intent_is_reported(model):
    def duplicate(lm):
        next(i for i in lm["intents"] if i["name"] == "GreetIntent")["samples"].append("hello")

    assert broken(model, duplicate) == ["GreetIntent: sample 'hello' is duplicated"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda lm: lm["types"][0]["values"].append({"name": {"value": "x" * 141}}),
            "longer than 140 characters",
        ),
        (lambda lm: lm["intents"][-1]["samples"].append("word " * 41), "longer than 200"),
        (lambda lm: lm["intents"][-1]["samples"].append("buy 2 now"), "spell numbers out"),
        (lambda lm: lm["intents"][-1]["samples"].append("hey, you!"), "letters, spaces"),
        (lambda lm: lm["intents"][0]["samples"].append("{query}"), "needs a carrier phrase"),
        (
            lambda lm: lm["intents"][0]["samples"].append("find {query} {color}"),
            "cannot share a sample",
        ),
        (
            lambda lm: lm["intents"].pop(
                lm["intents"].index({"name": "AMAZON.StopIntent", "samples": []})
            ),
            "AMAZON.StopIntent is missing",
        ),
        (
            lambda lm: lm["intents"][0]["slots"].append({"name": "x", "type": "NOPE"}),
            "undefined type 'NOPE'",
        ),
        (lambda lm: lm["types"].append({"name": "EMPTY", "values": []}), "has no values"),
    ],
)
def test_other_rules(model, change, expected: str):
    problems = broken(model, change)
    assert any(expected in problem for problem in problems), problems


def test_build_writes_the_skill_package(tmp_path: Path):
    source = LocaleSource(EN_US, NLU_DIR, VOCABULARY, "emma shop")
    built = build_skill_package(tmp_path, [source], "https://emma.example.com/alexa")

    manifest = json.loads(built.manifest.read_text())["manifest"]
    model = json.loads(built.interaction_model.read_text())
    assert built.interaction_model == (
        tmp_path / "skill-package" / "interactionModels" / "custom" / "en-US.json"
    )
    assert manifest["apis"]["custom"]["endpoint"] == {
        "uri": "https://emma.example.com/alexa",
        "sslCertificateType": "Trusted",
    }
    assert manifest["permissions"] == []
    privacy = manifest["privacyAndCompliance"]
    assert privacy["allowsPurchases"] is True
    assert privacy["isExportCompliant"] is True and privacy["containsAds"] is False
    assert privacy["locales"]["en-US"]["privacyPolicyUrl"].startswith("https://")
    assert manifest["publishingInformation"]["locales"]["en-US"]["name"] == "Emma's Corner Shop"
    assert language_model(model)["invocationName"] == "emma shop"
    assert validate_interaction_model(model) == []
    assert "Account linking" in (built.root / "README.md").read_text()


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"invocation_name": "emma skill"}, "forbidden word 'skill'"),
        ({"endpoint_url": "http://emma.example.com/alexa"}, "only calls https"),
    ],
)
def test_build_refuses_to_write_a_broken_package(tmp_path: Path, kwargs, expected: str):
    arguments = {"endpoint_url": "https://emma.example.com/alexa", **kwargs}

    with pytest.raises(SkillPackageError) as caught:
        invocation = arguments.pop("invocation_name", None)
        build_skill_package(tmp_path, [LocaleSource(EN_US, NLU_DIR, VOCABULARY, invocation)], **arguments)

    assert any(expected in problem for problem in caught.value.problems)
    assert not (tmp_path / "skill-package").exists()


def emmas_nlu_contract() -> tuple[set[str], set[str]]:
    domain = yaml.safe_load((PROJECT / "domain.yml").read_text())
    return set(domain["intents"]), set(domain["entities"])


def test_every_emma_intent_survives_the_trip_through_alexa():
    intents, _ = emmas_nlu_contract()

    assert {name: emma_intent(alexa_intent_name(name)) for name in intents} == {
        name: name for name in intents
    }


def test_every_intent_and_slot_of_emmas_model_means_something_to_the_core():
    intents, entities = emmas_nlu_contract()
    model = generate_interaction_model(load_nlu_data(PROJECT / "data"), VOCABULARY).model

    for alexa in language_model(model)["intents"]:
        if alexa["name"] == "AMAZON.FallbackIntent":
            continue  # the channel answers it itself
        assert emma_intent(alexa["name"]) in intents | {FALLBACK_INTENT}, alexa["name"]
        for slot in alexa.get("slots", []):
            if slot["name"] not in (QUERY_SLOT, VOICE_CODE_SLOT):
                assert slot_entity(slot["name"]) in entities, (alexa["name"], slot["name"])
