"""The skill in several locales: the de-DE model from the German NLU data, its rules, the package with
both locales, and which locales `emma skill build` builds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from nlu.rasa_yaml import load_nlu_data
from nlu.training import project_dir
from skill.errors import SkillPackageError
from skill.interaction_model import generate_interaction_model
from skill.locales import LOCALES, primary_locales, skill_locale
from skill.locales.de_de import DE_DE
from skill.locales.en_us import EN_US
from skill.model_rules import check_invocation_name, language_model, validate_interaction_model
from skill.package import LocaleSource, build_skill_package
from skill.sources import chosen_locales, invocation_names

GERMAN_VOCABULARY = {
    "PRODUCT": ["torrentshell 3l regenjacke", "regenjacke", "laufschuhe"],
    "BRAND": ["patagonia", "adidas"],
    "COLOR": ["blau", "schwarz"],
    "SIZE": ["s", "m", "42"],
}
ENDPOINT = "https://emma.example.com/alexa"


@pytest.fixture(scope="module")
def german_model() -> dict[str, Any]:
    nlu = load_nlu_data(project_dir("de") / "data")
    return generate_interaction_model(nlu, GERMAN_VOCABULARY, locale=DE_DE).model


def intent(model: dict[str, Any], name: str) -> dict[str, Any]:
    return next(i for i in language_model(model)["intents"] if i["name"] == name)


def values(model: dict[str, Any], slot_type: str) -> set[str]:
    types = language_model(model)["types"]
    return {v["name"]["value"] for v in next(t for t in types if t["name"] == slot_type)["values"]}


def test_the_german_model_keeps_amazons_rules(german_model):
    assert validate_interaction_model(german_model, DE_DE.invocation_rules) == []
    assert language_model(german_model)["invocationName"] == "emmas eckladen"


def test_german_built_in_intents_have_the_same_names_and_german_samples(german_model):
    yes = intent(german_model, "AMAZON.YesIntent")["samples"]
    stop = intent(german_model, "AMAZON.StopIntent")["samples"]
    assert "ja" in yes and not {"yes", "yeah"} & set(yes)
    assert any("tschüss" in sample for sample in stop)


def test_german_seed_intents_carrier_phrases_and_catalog_samples(german_model):
    assert "wo ist meine bestellung" in intent(german_model, "OrderStatusIntent")["samples"]
    assert "in größe {size}" in intent(german_model, "SizeIntent")["samples"]
    shop = intent(german_model, "ShopIntent")["samples"]
    assert "ich suche {query}" in shop and "habt ihr {product} in {color}" in shop
    assert not any(sample.startswith(("i ", "show me", "do you")) for sample in shop)
    assert "in {color}" in intent(german_model, "SearchProductIntent")["samples"]


def test_german_slot_values_come_from_the_catalog_and_the_german_nlu_data(german_model):
    assert {"torrentshell 3l regenjacke", "regenjacke"} <= values(german_model, "PRODUCT")
    assert {"blau", "schwarz", "rot"} <= values(german_model, "COLOR")  # rot: a German lookup
    assert {"bekleidung", "küche"} <= values(german_model, "CATEGORY")
    colors = language_model(german_model)["types"]
    rot = next(v for t in colors if t["name"] == "COLOR" for v in t["values"] if v["name"]["value"] == "rot")
    assert "roten" in rot["name"]["synonyms"]  # inflected forms resolve to the base colour


@pytest.mark.parametrize(
    ("name", "rules", "problem"),
    [
        ("emmas eckladen", DE_DE.invocation_rules, None),
        ("emmas küche", DE_DE.invocation_rules, None),  # umlauts are letters in German
        ("öffne emmas laden", DE_DE.invocation_rules, "forbidden word 'öffne'"),
        ("frag emma", DE_DE.invocation_rules, "forbidden word 'frag'"),
        ("die emma", DE_DE.invocation_rules, "article or preposition"),
        ("Emmas Eckladen", DE_DE.invocation_rules, "lowercase letters"),
        ("open emma", EN_US.invocation_rules, "forbidden word 'open'"),
        ("die emma", EN_US.invocation_rules, None),  # English rules do not know German articles
    ],
)
def test_invocation_names_follow_the_rules_of_their_language(name, rules, problem):
    problems = check_invocation_name(name, rules)
    assert (problems == []) if problem is None else any(problem in p for p in problems), problems


def test_the_package_has_both_locales_each_in_its_language(tmp_path: Path):
    sources = [
        LocaleSource(DE_DE, project_dir("de") / "data", GERMAN_VOCABULARY),
        LocaleSource(EN_US, project_dir("en") / "data", {"PRODUCT": ["rain jacket"]}),
    ]

    built = build_skill_package(tmp_path, sources, ENDPOINT)

    custom = tmp_path / "skill-package" / "interactionModels" / "custom"
    assert built.interaction_models == {"de-DE": custom / "de-DE.json", "en-US": custom / "en-US.json"}
    german = json.loads((custom / "de-DE.json").read_text(encoding="utf-8"))
    assert language_model(german)["invocationName"] == "emmas eckladen"
    manifest = json.loads(built.manifest.read_text(encoding="utf-8"))["manifest"]
    listing = manifest["publishingInformation"]["locales"]
    assert listing["de-DE"]["name"] == "Emmas Eckladen"
    assert listing["de-DE"]["examplePhrases"][0] == "Alexa, öffne emmas eckladen"
    assert "Warenkorb" in listing["de-DE"]["summary"] and "basket" in listing["en-US"]["summary"]
    assert manifest["publishingInformation"]["distributionCountries"] == ["DE", "AT", "US"]
    assert set(manifest["privacyAndCompliance"]["locales"]) == {"de-DE", "en-US"}
    assert all(note.startswith(("de-DE: ", "en-US: ")) for note in built.notes)


def test_a_broken_german_model_names_its_locale_and_nothing_is_written(tmp_path: Path):
    sources = [
        LocaleSource(EN_US, project_dir("en") / "data", {}),
        LocaleSource(DE_DE, project_dir("de") / "data", GERMAN_VOCABULARY, "starte emma"),
    ]

    with pytest.raises(SkillPackageError) as caught:
        build_skill_package(tmp_path, sources, ENDPOINT)

    assert caught.value.problems == ["de-DE: invocation name 'starte emma': contains the forbidden word 'starte'"]
    assert not (tmp_path / "skill-package").exists()


def test_a_shop_builds_one_locale_per_language_default_first():
    assert [locale.code for locale in chosen_locales(None, ("de", "en"))] == ["de-DE", "en-US"]
    assert [locale.code for locale in chosen_locales(["en-GB", "de-de"], ("de", "en"))] == ["en-GB", "de-DE"]
    assert primary_locales(("en",)) == [EN_US]
    assert set(LOCALES) == {"en-US", "en-GB", "de-DE"}


@pytest.mark.parametrize(
    ("named", "languages", "code"),
    [(["de-DE"], ("en",), "locale_not_sold_in"), (["fr-FR"], ("en",), "unknown_skill_locale")],
)
def test_a_locale_the_shop_cannot_answer_in_is_refused(named, languages, code):
    with pytest.raises(SkillPackageError) as caught:
        chosen_locales(named, languages)
    assert caught.value.code == code


def test_invocation_names_apply_to_every_locale_or_to_the_one_named():
    locales = [DE_DE, EN_US]
    assert invocation_names(None, locales) == {}
    assert invocation_names(["emma shop"], locales) == {"de-DE": "emma shop", "en-US": "emma shop"}
    assert invocation_names(["corner shop", "de-DE=emmas laden"], locales) == {
        "de-DE": "emmas laden", "en-US": "corner shop"}
    with pytest.raises(SkillPackageError) as caught:
        invocation_names(["en-GB=corner shop"], locales)
    assert caught.value.code == "invocation_locale_not_built"


def test_skill_locale_reads_alexas_names_case_insensitively():
    assert skill_locale("de_de") is DE_DE and DE_DE.language == "de"
