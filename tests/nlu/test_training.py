"""The training project Emma assembles, and the hash that names its model (no Rasa needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from nlu.training import UnknownNluLanguage, data_hash, model_path, project_files, write_vocabulary


def test_hash_changes_with_any_training_file_and_only_then(tmp_path):
    files = project_files()
    assert data_hash(files) == data_hash(project_files())
    changed = dict(files, **{"data/nlu/cart.yml": files["data/nlu/cart.yml"] + b"\n"})
    assert data_hash(changed) != data_hash(files)


def test_imported_vocabulary_replaces_catalog_names_and_keeps_curated_tables(tmp_path):
    vocabulary = tmp_path / "lookups.yml"
    assert write_vocabulary({"product": ["kayak", "paddle"], "brand": ["Acme"]}, ["berlin"], vocabulary)
    assert not write_vocabulary({"product": ["paddle", "kayak"], "brand": ["Acme"]}, ["berlin"], vocabulary)
    merged = yaml.safe_load(project_files(vocabulary)["data/lookups.yml"])
    tables = {item["lookup"]: item["examples"].split() for item in merged["nlu"]}
    assert tables["product"] == ["-", "kayak", "-", "paddle"]
    assert "occasion" in tables and "recipient" in tables  # curated in the project, not from the catalog
    assert data_hash(project_files(vocabulary)) != data_hash(project_files())


def test_each_language_is_its_own_project_and_english_keeps_its_hash():
    english, german = project_files(), project_files(language="de")
    assert not any(name.startswith("de/") for name in english)  # the German project never shapes English
    assert german["domain.yml"] == english["domain.yml"]  # one NLU contract for every language
    assert b"language: de" in german["config.yml"] and data_hash(german) != data_hash(english)
    assert model_path(Path("m"), english).name == f"nlu-{data_hash(english)}.tar.gz"
    assert model_path(Path("m"), german, "de").name == f"nlu-de-{data_hash(german)}.tar.gz"


def test_a_catalog_vocabulary_adds_to_the_german_lookups(tmp_path):
    vocabulary = tmp_path / "lookups.yml"
    write_vocabulary({"product": ["kajak"], "brand": ["Acme"]}, ["berlin"], vocabulary)
    merged = yaml.safe_load(project_files(vocabulary, "de")["data/lookups.yml"])
    tables = {item["lookup"]: item["examples"].split("\n") for item in merged["nlu"]}
    assert "- kajak" in tables["product"] and "- regenjacke" in tables["product"]  # German words stay
    assert "- Acme" in tables["brand"] and "- vater" in tables["recipient"]


def test_an_unknown_language_is_refused_clearly():
    with pytest.raises(UnknownNluLanguage) as caught:
        project_files(language="xx")
    assert caught.value.code == "nlu_language_unknown" and "de" in caught.value.message
