"""The training project Emma assembles, and the hash that names its model (no Rasa needed)."""

from __future__ import annotations

import yaml

from nlu.training import data_hash, project_files, write_vocabulary


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
