"""The server composition: the API app alone, and `emma serve`'s app with support, Alexa and the purge."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

from fulfillment.apps.http.app import create_app
from fulfillment.apps.server import create_server
from fulfillment.settings import AlexaSettings
from tests.fakes import DEMO_FLOW, TableNlu


def paths(app) -> set[str]:
    return {r.resource.canonical for r in app.router.routes() if r.resource is not None}


def test_the_api_app_imports_neither_the_support_app_nor_privacy():
    code = ("import sys, fulfillment.apps.http.app; "
            "print(sorted(m for m in sys.modules if m.startswith(('fulfillment.apps.support', "
            "'fulfillment.apps.privacy', 'skill'))))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_the_api_app_serves_the_api_only(config, shop):
    app = create_app(config, shop=shop, nlu=TableNlu(DEMO_FLOW))
    assert "/api/v1/turn" in paths(app)
    assert not {"/support", "/alexa"} & paths(app)


def test_the_server_mounts_support_and_alexa_when_the_settings_enable_it(config, shop):
    assert "/alexa" not in paths(create_server(config, shop=shop, nlu=TableNlu(DEMO_FLOW)))
    local = replace(config, env="development", alexa=AlexaSettings(verify=False))
    app = create_server(local, shop=shop, nlu=TableNlu(DEMO_FLOW))
    assert {"/api/v1/turn", "/support", "/alexa"} <= paths(app)
