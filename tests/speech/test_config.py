from pathlib import Path

import pytest

from speech.config import SpeechConfig


@pytest.mark.parametrize(
    ("env", "field", "value"),
    [({}, "asr_model", "tiny.en"), ({"EMMA_ASR_MODEL": "base"}, "asr_model", "base"), ({}, "beam_size", 1),
     ({"EMMA_ASR_BEAM": "5"}, "beam_size", 5), ({}, "keep_audio_days", 0), ({"EMMA_KEEP_AUDIO_DAYS": "7"},
     "keep_audio_days", 7), ({"EMMA_MAX_AUDIO_SECONDS": "10"}, "max_seconds", 10.0)],
)
def test_speech_settings_come_from_the_environment(env, field, value):
    assert getattr(SpeechConfig.from_env(Path("/home"), env), field) == value


def test_limits_follow_the_settings():
    limits = SpeechConfig(home=Path("/home"), max_seconds=12.0).limits
    assert limits.max_seconds == 12.0 and limits.max_bytes == 4 * 1024 * 1024
