"""The support app's settings: one frozen dataclass, built from Emma's Settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fulfillment.services.privacy.retention import Retention
from fulfillment.settings import Settings

NLU_PROJECT = Path(__file__).resolve().parents[3] / "nlu"


@dataclass(frozen=True)
class SupportConfig:
    audio_dir: Path
    """Kept recordings: `<audio_dir>/<YYYY-MM-DD>/<turn_id>.wav`."""
    nlu_data_dir: Path = NLU_PROJECT / "data"
    """Rasa training data; corrected turns are merged into `nlu/annotations.yml` below it."""
    held_out_file: Path = NLU_PROJECT / "tests" / "test_nlu.yml"
    """The held-out split: its examples are never copied into the training data."""
    domain_file: Path = NLU_PROJECT / "domain.yml"
    """Where the intents and entities an annotation may use are listed."""
    session_hours: float = 12.0
    """A login lasts this long."""
    cookie_secure: bool = False
    """Send the session cookie over HTTPS only (on in production, Settings.env)."""
    retention: Retention = Retention()
    """The retention windows in force until an admin stores others (Settings.privacy)."""
    page_size: int = 25
    """Conversations per page."""
    language: str | None = None
    """EMMA_SUPPORT_LANGUAGE: every page in this language (`de`, `en`) unless a reader picks another; unset, the
    browser's Accept-Language decides."""
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 64 * 1024
    """argon2id cost of new password hashes (RFC 9106's second recommendation); older hashes are upgraded at login."""

    @property
    def annotations_file(self) -> Path:
        return self.nlu_data_dir / "nlu" / "annotations.yml"

    @classmethod
    def from_settings(cls, settings: Settings) -> SupportConfig:
        return cls(audio_dir=settings.audio_dir, cookie_secure=settings.production,
                   retention=Retention.from_settings(settings.privacy), language=settings.support_language)
