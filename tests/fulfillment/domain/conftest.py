"""The store and dialogue tests of the domain run on both backends, SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from fulfillment.settings import Settings


@pytest.fixture
def config(backend_config: Settings) -> Settings:
    return backend_config
