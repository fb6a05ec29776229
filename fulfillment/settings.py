"""Emma's configuration: one frozen dataclass, built from the environment and CLI flags."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

DEFAULT_HOME = Path("var")


@dataclass(frozen=True)
class Config:
    home: Path
    """EMMA_HOME: holds the database, models, audio and logs of one instance."""
    host: str = "127.0.0.1"
    port: int = 8080
    nlu_url: str | None = None
    """EMMA_NLU_URL: use this Rasa server instead of starting one."""
    nlu_token: str | None = None
    """EMMA_NLU_TOKEN: auth token for a remote Rasa server."""
    server_url: str = "http://127.0.0.1:8080"
    """EMMA_URL: where `emma ask` looks for a running server."""
    rasa_python: str | None = None
    """EMMA_RASA_PYTHON: the Rasa virtualenv's python (default: .venv-rasa next to the project)."""
    pin_threshold: float = 100.0
    """EMMA_PIN_THRESHOLD: order totals at or above this ask for the voice PIN (EUR)."""
    nlu_confidence: float = 0.45
    """Below this intent confidence Emma asks a clarifying question."""
    max_text_chars: int = 500
    """Longer utterances are refused; nobody says 500 characters in one breath."""
    max_body_bytes: int = 64 * 1024
    env: str = "development"
    """EMMA_ENV: `production` refuses unsafe development switches."""

    @property
    def db_path(self) -> Path:
        return self.home / "emma.db"

    @property
    def models_dir(self) -> Path:
        return self.home / "models"

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, home: str | Path | None = None) -> Config:
        env = os.environ if env is None else env
        return cls(
            home=Path(home or env.get("EMMA_HOME") or DEFAULT_HOME).resolve(),
            nlu_url=env.get("EMMA_NLU_URL") or None,
            nlu_token=env.get("EMMA_NLU_TOKEN") or None,
            server_url=env.get("EMMA_URL", "http://127.0.0.1:8080"),
            rasa_python=env.get("EMMA_RASA_PYTHON") or None,
            pin_threshold=float(env.get("EMMA_PIN_THRESHOLD", "100")),
            env=env.get("EMMA_ENV", "development"),
        )

    def with_(self, **changes: object) -> Config:
        return replace(self, **changes)  # type: ignore[arg-type]
