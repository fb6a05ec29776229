"""The German curated inspiration (fulfillment/data/de/occasions.yml) is the English one in German: the same
occasions, recipients, interests, types, tags and complements; German words, pitches and reasons."""

from __future__ import annotations

from importlib import resources

import yaml

from fulfillment.domain.knowledge import Knowledge

STRUCTURE = ("types", "tags", "features", "need", "restrict")


def _load(*parts: str) -> dict:
    path = resources.files("fulfillment.data")
    for part in parts:
        path = path.joinpath(part)
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_german_file_has_the_english_structure():
    english, german = _load("occasions.yml"), _load("de", "occasions.yml")
    assert german.keys() == english.keys()
    for section in ("occasions", "recipients", "interests"):
        assert german[section].keys() == english[section].keys(), section
        for key, entry in english[section].items():
            assert {k: entry.get(k) for k in STRUCTURE} == {k: german[section][key].get(k) for k in STRUCTURE}, key
            assert set(entry.get("say") or []) <= set(german[section][key]["say"]), key  # English words kept
    assert german["complements"] == english["complements"]
    assert german["reasons"].keys() == english["reasons"].keys()


def test_german_words_pitches_and_reasons():
    german = Knowledge.load(language="de")
    assert "muttertag" in german.occasions["mother's day"]["say"]
    assert "urlaub am meer" in german.occasions["beach"]["say"]
    assert "papa" in german.recipients["dad"]["say"] and "meine schwester" in german.recipients["her"]["say"]
    assert "zehnjährigen kind" in " ".join(german.recipients["kid"]["say"])
    english = Knowledge.load(language="en")
    assert german.occasions["beach"]["pitch"] != english.occasions["beach"]["pitch"]
    assert all(german.reasons[t] != english.reasons[t] for t in english.reasons)
