"""The support app's config comes from Emma's settings."""

from __future__ import annotations

from pathlib import Path

from fulfillment.apps.support.config import SupportConfig
from fulfillment.services.privacy.retention import Retention
from fulfillment.settings import Settings


def test_support_config_follows_the_settings(tmp_path: Path):
    env = {"EMMA_ENV": "production", "EMMA_RETENTION_TRANSCRIPT_DAYS": "90", "EMMA_KEEP_AUDIO_DAYS": "3"}
    config = SupportConfig.from_settings(Settings.from_env(env, home=tmp_path))
    assert config.audio_dir == tmp_path / "audio"
    assert config.cookie_secure is True
    assert config.retention == Retention(transcript_days=90, audio_days=3)  # what /support/retention shows unset
