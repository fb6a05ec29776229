"""A real PostgreSQL for the tests (pytest plugin, loaded by tests/conftest.py).

One throwaway server per run from Debian's packages (installed when missing, as root with apt), under a
temporary folder on a free port, removed afterwards. The demo shop is copied once into a template database;
each test gets its own database cloned from it (CREATE DATABASE ... TEMPLATE: a file copy, ~0.1 s).
`backend_config` runs a test on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from fulfillment.adapters.postgres.catalog import PgCatalog
from fulfillment.adapters.postgres.copy import copy_sqlite
from fulfillment.adapters.postgres.database import PgDatabase
from fulfillment.settings import Settings
from fulfillment.tools.local_postgres import LocalPostgres, PostgresMissing

BACKENDS = ("sqlite", "postgres")
DEMO_TEMPLATE = "emma_demo"


@pytest.fixture(scope="session")
def postgres() -> Iterator[LocalPostgres]:
    """The run's PostgreSQL server."""
    try:
        server = LocalPostgres.create()
    except PostgresMissing as err:  # not root, no apt: nothing we can do here
        pytest.skip(str(err))
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_demo_template(postgres: LocalPostgres, demo_db: Path) -> str:
    """A database holding the demo shop, copied from the run's SQLite demo; tests clone it."""
    db = PgDatabase(postgres.create_database(DEMO_TEMPLATE))
    try:
        copy_sqlite(demo_db, db, PgCatalog(db))
    finally:
        db.close()
    return DEMO_TEMPLATE


@pytest.fixture
def pg_url(postgres: LocalPostgres, pg_demo_template: str) -> Iterator[str]:
    """A database of this test's own, holding the demo shop."""
    name = "t_" + uuid.uuid4().hex[:16]
    url = postgres.create_database(name, template=pg_demo_template)
    yield url
    postgres.drop_database(name)


@pytest.fixture(params=BACKENDS)
def backend_config(request: pytest.FixtureRequest, tmp_path: Path, demo_db: Path) -> Settings:
    """Settings of a demo shop of this test's own, once on SQLite and once on PostgreSQL."""
    if request.param == "postgres":
        return Settings(home=tmp_path, database_url=request.getfixturevalue("pg_url"))
    shutil.copyfile(demo_db, tmp_path / "emma.db")
    return Settings(home=tmp_path)
