from pathlib import Path

import pytest

from fulfillment.settings import Settings
from speech.config import SpeechConfig


@pytest.mark.parametrize(
    ("env", "field", "value"),
    [({}, "asr_model", "tiny.en"), ({"EMMA_ASR_MODEL": "base"}, "asr_model", "base"), ({}, "beam_size", 5),
     ({"EMMA_ASR_BEAM": "1"}, "beam_size", 1), ({"EMMA_VOICE": "/v/x.onnx"}, "voice", "/v/x.onnx"),
     ({"EMMA_MAX_AUDIO_SECONDS": "10"}, "max_seconds", 10.0)],
)
def test_speech_config_comes_from_the_settings(env, field, value):
    settings = Settings.from_env(env, home=Path("/home"))
    assert getattr(SpeechConfig.from_settings(settings.speech, settings.home), field) == value


def test_the_asr_model_flag_wins_over_the_environment():
    settings = Settings.from_env({"EMMA_ASR_MODEL": "base"}, asr_model="/models/small")
    assert SpeechConfig.from_settings(settings.speech, settings.home).asr_model == "/models/small"


def test_limits_follow_the_settings():
    limits = SpeechConfig(home=Path("/home"), max_seconds=12.0).limits
    assert limits.max_seconds == 12.0 and limits.max_bytes == 4 * 1024 * 1024
