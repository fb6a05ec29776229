"""Settings: every EMMA_* variable is read once, in fulfillment/settings.py, and documented in README.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from fulfillment.apps.cli.main import main
from fulfillment.settings import Settings, SettingsError
from fulfillment.wiring import speech_config

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("fulfillment", "nlu", "speech", "skill")
_VARIABLE = re.compile(r"EMMA_[A-Z_]+[A-Z]")
_READS = re.compile(r"""(environ\.get\(|environ\[|getenv\(|env\.get\()\s*["']EMMA_""")
"""A lookup of an EMMA_* variable (building a child process's environment is not one)."""


@pytest.mark.parametrize(
    ("env", "path", "value"),
    [
        ({}, "home", Path("var").resolve()),
        ({"EMMA_HOME": "/srv/emma"}, "home", Path("/srv/emma")),
        ({"EMMA_ENV": " Production "}, "env", "production"),
        ({"EMMA_URL": "http://10.0.0.2:9000"}, "http.server_url", "http://10.0.0.2:9000"),
        ({"EMMA_NLU_URL": "http://rasa:5005"}, "nlu.url", "http://rasa:5005"),
        ({"EMMA_NLU_TOKEN": "t"}, "nlu.token", "t"),
        ({"EMMA_RASA_PYTHON": "/r/bin/python"}, "nlu.rasa_python", "/r/bin/python"),
        ({"EMMA_PIN_THRESHOLD": "250.5"}, "orders.pin_threshold", 250.5),
        ({"EMMA_ASR_MODEL": "base"}, "speech.asr_model", "base"),
        ({"EMMA_ASR_BEAM": "5"}, "speech.beam_size", 5),
        ({"EMMA_VOICE": "/v/x.onnx"}, "speech.voice", "/v/x.onnx"),
        ({"EMMA_MAX_AUDIO_SECONDS": "12"}, "speech.max_seconds", 12.0),
        ({"EMMA_KEEP_AUDIO_DAYS": "7"}, "privacy.audio_days", 7),
        ({"EMMA_RETENTION_TRANSCRIPT_DAYS": "90"}, "privacy.transcript_days", 90),
        ({"EMMA_ALEXA_SKILL_ID": " amzn1.ask.skill.x "}, "alexa.skill_id", "amzn1.ask.skill.x"),
        ({"EMMA_ALEXA_VERIFY": "off"}, "alexa.verify", False),
        ({"EMMA_SMTP_URL": "smtps://mail"}, "mail.smtp_url", "smtps://mail"),
        ({"EMMA_MAIL_OUTBOX": "/mail"}, "outbox_dir", Path("/mail")),
        ({"EMMA_HOME": "/srv/emma"}, "outbox_dir", Path("/srv/emma/outbox")),
        ({"EMMA_MAIL_FROM": "a@b.c"}, "mail.sender", "a@b.c"),
        ({"EMMA_SHOP_NAME": "Corner"}, "mail.shop_name", "Corner"),
        ({}, "languages", ("en",)),
        ({"EMMA_LANGUAGES": "de, EN"}, "languages", ("de", "en")),
        ({"EMMA_LANGUAGES": "de"}, "default_language", "de"),
    ],
)
def test_each_variable_lands_in_its_setting(env, path, value):
    settings = Settings.from_env(env)
    for name in path.split("."):
        settings = getattr(settings, name)
    assert settings == value


def test_flags_win_over_the_environment(tmp_path: Path):
    env = {"EMMA_HOME": "/elsewhere", "EMMA_ASR_MODEL": "base"}
    settings = Settings.from_env(env, home=tmp_path, host="0.0.0.0", port=0, asr_model="tiny.en")
    assert (settings.home, settings.http.host, settings.http.port) == (tmp_path, "0.0.0.0", 0)
    assert speech_config(settings).asr_model == "tiny.en"


def test_speech_models_live_in_the_same_home_as_everything_else():
    settings = Settings.from_env({})
    assert speech_config(settings).home == settings.home == Path("var").resolve()


@pytest.mark.parametrize(
    ("env", "code"),
    [({"EMMA_PIN_THRESHOLD": "lots"}, "bad_setting"), ({"EMMA_PIN_THRESHOLD": "nan"}, "bad_setting"),
     ({"EMMA_ASR_BEAM": "0"}, "bad_setting"), ({"EMMA_KEEP_AUDIO_DAYS": "-1"}, "bad_setting"),
     ({"EMMA_RETENTION_TRANSCRIPT_DAYS": "1.5"}, "bad_setting"), ({"EMMA_ALEXA_VERIFY": "maybe"}, "bad_flag"),
     ({"EMMA_LANGUAGES": "de,xx"}, "bad_languages"), ({"EMMA_LANGUAGES": "en,en"}, "bad_languages")],
)
def test_a_bad_value_is_refused_with_the_variables_name(env, code):
    with pytest.raises(SettingsError) as caught:
        Settings.from_env(env)
    assert caught.value.code == code and next(iter(env)) in caught.value.message


def test_the_cli_reports_a_bad_value_instead_of_a_traceback(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("EMMA_ASR_BEAM", "wide")
    assert main(["--home", str(tmp_path), "setup"]) == 2
    assert "EMMA_ASR_BEAM" in capsys.readouterr().err


def _sources() -> list[Path]:
    return [p for package in PACKAGES for p in (ROOT / package).rglob("*.py")]


def test_only_the_settings_read_emma_variables():
    readers = {p.relative_to(ROOT).as_posix() for p in _sources() if _READS.search(p.read_text(encoding="utf-8"))}
    assert readers <= {"fulfillment/settings.py", "fulfillment/tools/bench_peers.py"}  # the bench's own switch


def test_readme_documents_every_variable():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = {m for line in readme.splitlines() if line.startswith("| `EMMA_") for m in _VARIABLE.findall(line)}
    read = set(_VARIABLE.findall((ROOT / "fulfillment/settings.py").read_text(encoding="utf-8")))
    read |= {"EMMA_PEER_TUNED"}
    assert read <= table
