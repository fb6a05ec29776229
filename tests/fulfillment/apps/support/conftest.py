"""Support app fixtures: a shop database with one user per role, a fake NLU trainer, a logged-in client."""

from __future__ import annotations

import re
import shutil
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from fulfillment.adapters.postgres.database import PgDatabase
from fulfillment.apps.server import create_server
from fulfillment.apps.support.config import NLU_PROJECT, SupportConfig
from fulfillment.apps.support.models import Role
from fulfillment.apps.support.services import open_services
from fulfillment.apps.support.web.keys import SUPPORT_CONFIG, SUPPORT_TRAINER
from fulfillment.domain.conversation import Conversation
from fulfillment.domain.turns import TurnRequest
from fulfillment.settings import Settings
from fulfillment.wiring import open_home
from tests.fakes import DEMO_FLOW, TableNlu
from tests.postgres import BACKENDS

PASSWORD = "a-long-test-password"
USERS = {"alex": Role.AGENT, "amy": Role.AGENT, "sofia": Role.SUPERVISOR, "ada": Role.ADMIN}
FLOW = {
    **DEMO_FLOW,
    "do you have snowboards": ("search_product", 0.93, [("product", "snowboards")]),
    "i want a kayak": ("search_product", 0.9, [("product", "kayak")]),
}
PG_SUPPORT_TEMPLATE = "emma_support"
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')


class FakeTrainer:
    """Trains instantly; every new model scores five points more intent accuracy than the one before."""

    def __init__(self) -> None:
        self.trained: list[Path] = []
        self.models = 0
        self.gate = threading.Event()
        """Cleared by a test that needs a training run to stay busy until it says so."""
        self.gate.set()

    def train(self) -> Path:
        self.gate.wait(timeout=30)
        self.trained.append(Path("model"))
        return Path(f"model-{len(self.trained)}")

    def evaluate(self, model: Path) -> dict[str, float]:
        n = int(model.name.split("-")[1])
        return {"intent_accuracy": 0.80 + 0.05 * (n - 1), "intent_f1": 0.78, "entity_f1": 0.9, "examples": 120.0}


def cheap(config: SupportConfig) -> SupportConfig:
    """Fast password hashing for tests (the production cost is 64 MiB and three passes)."""
    return replace(config, argon2_time_cost=1, argon2_memory_kib=1024)


@pytest.fixture(scope="session")
def support_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo shop plus one support user per role (argon2 hashing once per run, not per test)."""
    home = tmp_path_factory.mktemp("support-home")
    shutil.copyfile(demo_db, home / "emma.db")
    config = Settings(home=home)
    shop = open_home(config)
    auth = open_services(shop.db, cheap(SupportConfig.from_settings(config))).auth
    for name, role in USERS.items():
        auth.add_user(name, role, PASSWORD)
    shop.db.close()
    return home / "emma.db"


@pytest.fixture(scope="session")
def pg_support_template(postgres, pg_demo_template: str, support_db: Path) -> str:
    """The PostgreSQL demo shop plus the same support users (copied from the SQLite support home's hashes)."""
    url = postgres.create_database(PG_SUPPORT_TEMPLATE, template=pg_demo_template)
    db = PgDatabase(url)
    try:
        with closing(sqlite3.connect(support_db)) as src, db.transaction() as conn:
            conn.executemany("INSERT INTO support_users (name, password_hash, role, disabled, created_at)"
                             " VALUES (?,?,?,?,?)",
                             src.execute("SELECT name, password_hash, role, disabled, created_at FROM support_users"))
    finally:
        db.close()
    return PG_SUPPORT_TEMPLATE


@pytest.fixture(params=BACKENDS)
def config(request: pytest.FixtureRequest, tmp_path: Path, support_db: Path) -> Iterator[Settings]:
    """The support home of this test, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        shutil.copyfile(support_db, tmp_path / "emma.db")
        yield Settings(home=tmp_path)
        return
    postgres = request.getfixturevalue("postgres")
    name = "s_" + uuid.uuid4().hex[:16]
    url = postgres.create_database(name, template=request.getfixturevalue("pg_support_template"))
    request.getfixturevalue("monkeypatch").setenv("EMMA_DATABASE_URL", url)  # `emma` commands the tests run
    yield Settings(home=tmp_path, database_url=url)
    postgres.drop_database(name)


@pytest.fixture
def nlu_data(tmp_path: Path) -> Path:
    """A copy of nlu/data the annotation import may write to."""
    target = tmp_path / "nlu-data"
    shutil.copytree(NLU_PROJECT / "data", target)
    (target / "nlu" / "annotations.yml").unlink(missing_ok=True)
    return target


@pytest.fixture
def support_config(config: Settings, nlu_data: Path) -> SupportConfig:
    return cheap(SupportConfig(audio_dir=config.home / "audio", nlu_data_dir=nlu_data))


@pytest.fixture
def services(shop, support_config):
    return open_services(shop.db, support_config)


@pytest.fixture
def trainer() -> FakeTrainer:
    return FakeTrainer()


@pytest.fixture
def app(config, shop, support_config, trainer):
    app = create_server(config, shop=shop, nlu=TableNlu(FLOW), purge=False)
    app[SUPPORT_CONFIG] = support_config
    app[SUPPORT_TRAINER] = trainer
    return app


@pytest.fixture
async def client(app, aiohttp_client):
    # aiohttp_client after app (and so after shop): the server stops before the shop's database closes.
    return await aiohttp_client(app)


def csrf_of(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "no csrf field on the page"
    return match.group(1)


async def login(client, name: str, password: str = PASSWORD) -> str:
    """Logs `name` in on this client (after forgetting any earlier login); returns the session's CSRF token."""
    client.session.cookie_jar.clear()
    page = await (await client.get("/support/login")).text()
    resp = await client.post("/support/login", data={"name": name, "password": password, "csrf": csrf_of(page)},
                             allow_redirects=False)
    assert resp.status == 303, await resp.text()
    return csrf_of(await (await client.get("/support/conversations")).text())


async def talk(shop, session: str, texts: list[str], customer: str = "demo", channel: str = "text",
               asr: dict | None = None) -> None:
    """Runs turns through the real conversation core (table NLU)."""
    conversation = Conversation(shop, TableNlu(FLOW))
    for text in texts:
        await conversation.handle(TurnRequest(session, text, customer, channel, asr=asr))


ORDER = ["do you have rain jackets", "the second one", "add two in medium", "check out", "yes"]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: real headless Chromium driven by Playwright (/usr/bin/chromium)")
