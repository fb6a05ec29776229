"""The German Rasa project (nlu/de): the English project's intents and entities, written the way German
speech recognition outputs it, with a held-out split that never leaks into training (no Rasa needed)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from nlu.rasa_yaml import load_nlu_data
from nlu.training import PROJECT, project_dir

GERMAN = project_dir("de")
DOMAIN = yaml.safe_load((PROJECT / "domain.yml").read_text(encoding="utf-8"))
TRAINING = load_nlu_data(GERMAN / "data")
HELD_OUT = load_nlu_data(GERMAN / "tests")


def test_every_intent_has_thirty_examples_and_a_held_out_share():
    training = Counter(example.intent for example in TRAINING.examples)
    held_out = Counter(example.intent for example in HELD_OUT.examples)
    assert set(training) == set(held_out) == set(DOMAIN["intents"])
    assert min(training.values()) >= 30 and min(held_out.values()) >= 8


def test_every_entity_of_the_domain_and_no_other_is_annotated():
    trained = {span.entity for example in TRAINING.examples for span in example.entities}
    tested = {span.entity for example in HELD_OUT.examples for span in example.entities}
    assert trained == set(DOMAIN["entities"]) and tested <= trained


def test_no_held_out_sentence_is_in_the_training_data():
    assert not {e.text for e in HELD_OUT.examples} & {e.text for e in TRAINING.examples}


def test_the_text_looks_like_german_speech_recognition_output():
    for example in (*TRAINING.examples, *HELD_OUT.examples):
        assert example.text == example.text.lower(), example.text
        assert not re.search(r"[.,!?;:]", example.text), example.text


@pytest.mark.parametrize(
    "phrase",
    ["regenjacke", "laufschuhe", "kaffeemühle",  # compounds
     "[roten](color)", "[rote](color)", "[rotes](color)",  # inflection
     "kannst du", "können sie",  # du and Sie
     "leg sie in den warenkorb", "ruf mich zurück",  # separable verbs
     "[zweiundzwanzig](", "[neunundvierzig neunzig](",  # spoken numbers
     "größe [43](size)", "in [m](size)", "äh "],
)
def test_the_hard_parts_of_german_are_covered(phrase):
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted((GERMAN / "data").rglob("*.yml")))
    assert phrase in text


def test_inflected_colours_map_to_the_base_form():
    assert {"roten", "rote", "rotes"} <= set(TRAINING.synonyms["rot"])
