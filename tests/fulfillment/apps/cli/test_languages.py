"""`--lang` on ask, chat and nlu: a turn in one of the shop's languages (EMMA_LANGUAGES), the NLU project of
a language (no Rasa: the handler and the trainer are fakes)."""

from __future__ import annotations

from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from fulfillment.apps.cli import commands
from fulfillment.apps.cli.main import main
from fulfillment.domain.turns import TurnRequest, TurnResult


class Recorder:
    def __init__(self) -> None:
        self.requests: list[TurnRequest] = []

    async def handle(self, request: TurnRequest) -> TurnResult:
        self.requests.append(request)
        return TurnResult(request.session_id, "t1", request.text, {"name": "greet", "confidence": 1.0}, [],
                          "greet", "Hallo!")


@pytest.fixture
def recorder(monkeypatch) -> Recorder:
    recorder = Recorder()

    @asynccontextmanager
    async def handler(config, prefer_server=True):
        yield recorder

    monkeypatch.setattr(commands, "turn_handler", handler)
    return recorder


@pytest.mark.parametrize(("languages", "flag", "locale"), [("de,en", [], "de"), ("de,en", ["--lang", "en"], "en"),
                                                            ("", [], "en"), ("en,de", ["--lang", "DE"], "de")])
def test_ask_talks_in_the_language_asked_for(monkeypatch, tmp_path, recorder, languages, flag, locale):
    monkeypatch.setenv("EMMA_LANGUAGES", languages)
    assert main(["--home", str(tmp_path), "ask", *flag, "hallo"]) == 0
    assert recorder.requests[0].locale == locale


def test_a_language_the_shop_does_not_speak_is_refused(monkeypatch, tmp_path, recorder, capsys):
    monkeypatch.setenv("EMMA_LANGUAGES", "en")
    assert main(["--home", str(tmp_path), "ask", "--lang", "de", "hallo"]) == 2
    assert "unsupported_language" in capsys.readouterr().err and not recorder.requests


def test_nlu_test_evaluates_the_language_asked_for(monkeypatch, tmp_path, capsys):
    asked: list[str] = []

    def fake_evaluate(model: Path, rasa_python, out_dir: Path, language: str = "en") -> dict[str, float]:
        asked.append(language)
        return {"intent_accuracy": 0.97, "intent_f1": 0.96, "entity_f1": 0.93, "examples": 250.0}

    monkeypatch.setattr(commands, "ensure_nlu_model", lambda config, language="en": Path(f"nlu-{language}.tar.gz"))
    monkeypatch.setattr("nlu.training.evaluate", fake_evaluate)
    assert main(["--home", str(tmp_path), "nlu", "test", "--lang", "de"]) == 0
    out = capsys.readouterr().out
    assert asked == ["de"] and "Held-out split (de): 250 examples" in out
    assert "Intent accuracy: 97.0%" in out and "Entity F1 (micro): 93.0%" in out
