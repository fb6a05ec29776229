"""Shared fixtures: a demo shop in a temporary EMMA_HOME (copied from one built per test run)."""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from fulfillment.settings import Settings
from fulfillment.wiring import ShopHome, open_home

DATA = Path(__file__).parent / "data"
pytest_plugins = ["tests.postgres"]  # the real PostgreSQL server and the both-backends fixtures


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo shop loaded once per run; tests get copies."""
    home = tmp_path_factory.mktemp("demo-home")
    shop = open_home(Settings(home=home))
    shop.db.close()
    return home / "emma.db"


@pytest.fixture
def config(tmp_path: Path, demo_db: Path) -> Settings:
    shutil.copyfile(demo_db, tmp_path / "emma.db")
    return Settings(home=tmp_path)


@pytest.fixture
def shop(config: Settings) -> Iterator[ShopHome]:
    shop = open_home(config)
    yield shop
    shop.db.close()


CACHE = Path(__file__).resolve().parents[1] / ".cache" / "nlu-models"
"""Trained Rasa models, by the hash of their data: each is trained once, by the first run that needs it."""


@pytest.fixture(scope="session")
def nlu_model() -> Path:
    """The real English Rasa model for the current data."""
    from nlu.training import ensure_model

    return ensure_model(CACHE, os.environ.get("EMMA_RASA_PYTHON"))


@pytest.fixture(scope="session")
def german_nlu_model() -> Path:
    """The real German Rasa model for the current data (nlu/de)."""
    from nlu.training import ensure_model

    return ensure_model(CACHE, os.environ.get("EMMA_RASA_PYTHON"), language="de")


@pytest.fixture(scope="session")
def rasa_server(nlu_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """One real English `rasa run --enable-api` for the whole run: (url, token)."""
    yield from _serve(nlu_model, tmp_path_factory.mktemp("rasa-logs"), "en")


@pytest.fixture(scope="session")
def german_rasa_server(german_nlu_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """One real German `rasa run --enable-api` for the whole run: (url, token)."""
    yield from _serve(german_nlu_model, tmp_path_factory.mktemp("rasa-de"), "de")


def _serve(model: Path, logs: Path, language: str) -> Iterator[tuple[str, str]]:
    """Rasa serving `model` on its own event loop in a thread, so tests on any loop can talk to it over HTTP."""
    from nlu.rasa_service import RasaService

    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    service = RasaService(model, os.environ.get("EMMA_RASA_PYTHON"), logs / "rasa.log", language=language)
    asyncio.run_coroutine_threadsafe(service.start(), loop).result(timeout=400)
    yield service.parser.url, service.token
    asyncio.run_coroutine_threadsafe(service.stop(), loop).result(timeout=60)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=10)
