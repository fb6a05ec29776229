"""The OpenAPI description against the running server: schemathesis sends what it describes (and what it
forbids) to a real app on loopback and checks every answer against it."""

from __future__ import annotations

import asyncio
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from aiohttp import web
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from fulfillment.adapters.sqlite.api_keys import ApiKeyRepository
from fulfillment.adapters.sqlite.database import Database
from fulfillment.apps.http.app import create_app
from fulfillment.apps.http.openapi import OPENAPI
from fulfillment.apps.http.runner import app_runner
from fulfillment.services.api_keys import ApiKeys
from fulfillment.settings import Settings
from tests.fakes import DEMO_FLOW, TableNlu

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          # and the description is the contract: what it allows is taken, what it forbids refused with a 4xx
          positive_data_acceptance, negative_data_rejection]


@pytest.fixture(scope="module")
def home(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("openapi-home")
    shutil.copyfile(demo_db, home / "emma.db")
    return home


@pytest.fixture(scope="module")
def api_key(home: Path) -> str:
    """A key with every scope, bound to no customer (a trusted front end)."""
    db = Database(Settings(home=home).db_path)
    try:
        return ApiKeys(ApiKeyRepository(db)).add("schemathesis", None, None)[1]
    finally:
        db.close()


@pytest.fixture(scope="module")
def emma_url(home: Path, api_key: str) -> Iterator[str]:
    """Emma's HTTP app as `emma serve` runs it when exposed (keys required), on its own loop in a thread:
    schemathesis' calls block."""
    app = create_app(Settings(home=home), nlu=TableNlu(DEMO_FLOW), api_keys_required=True)
    runner = app_runner(app)
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()

    async def start() -> int:
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        return runner.addresses[0][1]

    port = asyncio.run_coroutine_threadsafe(start(), loop).result(timeout=60)
    yield f"http://127.0.0.1:{port}"
    asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(timeout=60)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def api(emma_url: str) -> schemathesis.BaseSchema:
    # Parameters the description does not name are ignored, as most HTTP APIs do: don't send them as "invalid".
    # The key is the test's own (a real one, sent with every call), not generated.
    config = schemathesis.Config.from_dict({"generation": {"allow-extra-parameters": False,
                                                           "with-security-parameters": False}})
    return schemathesis.openapi.from_url(f"{emma_url}/api/v1/openapi.json", config=config)


def _breakable(operation: dict[str, Any]) -> bool:
    """Has an input a request can get wrong (a body, or a parameter more constrained than any string)."""
    return "requestBody" in operation or any(p["schema"] != {"type": "string"} for p in operation.get("parameters", []))


RUNS = [
    pytest.param(path, method.upper(), mode, id=f"{method.upper()} {path} {mode.value}")
    for path, item in OPENAPI["paths"].items() for method, operation in item.items()
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if mode is GenerationMode.POSITIVE or _breakable(operation)
]


@pytest.mark.parametrize(("path", "method", "mode"), RUNS)
def test_the_server_keeps_to_its_openapi_description(
    api: schemathesis.BaseSchema, emma_url: str, api_key: str, path: str, method: str, mode: GenerationMode
) -> None:
    # schemathesis' own pytest plugin breaks on pytest 9 (`Function._nodeid`), so drive Hypothesis directly.
    @given(case=api[path][method].as_strategy(mode))
    @settings(max_examples=30, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    def call_and_validate(case: schemathesis.Case) -> None:
        case.call_and_validate(base_url=emma_url, headers={"Authorization": f"Bearer {api_key}"}, checks=CHECKS,
                               timeout=10)

    call_and_validate()
