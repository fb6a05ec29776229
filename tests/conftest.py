"""Shared fixtures: a demo shop in a temporary EMMA_HOME (copied from one built per test run)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from fulfillment.config import Config
from fulfillment.dialogue.context import Shop
from fulfillment.runtime import open_home

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo shop loaded once per run; tests get copies."""
    home = tmp_path_factory.mktemp("demo-home")
    shop = open_home(Config(home=home))
    shop.db.close()
    return home / "emma.db"


@pytest.fixture
def config(tmp_path: Path, demo_db: Path) -> Config:
    shutil.copyfile(demo_db, tmp_path / "emma.db")
    return Config(home=tmp_path)


@pytest.fixture
def shop(config: Config) -> Iterator[Shop]:
    shop = open_home(config)
    yield shop
    shop.db.close()
