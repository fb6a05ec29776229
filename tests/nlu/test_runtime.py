"""Only the shop's languages are loaded: one NLU service per language (fake services, no Rasa)."""

from __future__ import annotations

from contextlib import asynccontextmanager

import pytest

from fulfillment.settings import NluSettings, Settings
from nlu import runtime
from tests.fakes import DEMO_FLOW, TableNlu


@pytest.mark.parametrize(("languages", "started"), [(("de",), ["de"]), (("de", "en"), ["de", "en"]),
                                                    (("en",), ["en"])])
async def test_one_service_per_language_of_the_shop_and_no_other(monkeypatch, tmp_path, languages, started):
    running: list[str] = []
    stopped: list[str] = []

    @asynccontextmanager
    async def fake_parser(config, progress=None, language=None):
        running.append(language)
        yield TableNlu(DEMO_FLOW)
        stopped.append(language)

    monkeypatch.setattr(runtime, "nlu_parser", fake_parser)
    async with runtime.nlu_router(Settings(home=tmp_path, languages=languages)) as router:
        assert running == started and router.default == languages[0]
        assert router.for_locale("de-DE") is router.parsers[languages[0] if "de" not in languages else "de"]
    assert sorted(stopped) == sorted(started)


async def test_a_remote_rasa_serves_only_the_default_language(tmp_path):
    config = Settings(home=tmp_path, languages=("de", "en"), nlu=NluSettings(url="http://127.0.0.1:9"))
    async with runtime.nlu_parser(config, language="de") as parser:
        assert getattr(parser, "url", None) == "http://127.0.0.1:9" and getattr(parser, "language", None) == "de"
