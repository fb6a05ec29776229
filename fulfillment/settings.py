"""Emma's settings: frozen dataclasses built once at start-up from the environment and CLI flags.

Every `EMMA_*` variable is read here and nowhere else (README.md lists them all); the parts receive
their sub-settings. Bad values fail at start-up with the variable's name, not later in a request.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from fulfillment.domain.errors import EmmaError

DEFAULT_HOME = Path("var")
LANGUAGES = ("en", "de")
"""The languages Emma can run a shop in: each has a Rasa project (nlu/) and a language pack."""
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class SettingsError(EmmaError):
    """An `EMMA_*` variable holds a value Emma cannot use."""

    code = "bad_setting"


@dataclass(frozen=True)
class HttpSettings:
    """The HTTP server, and where the CLI finds one."""

    host: str = "127.0.0.1"
    """`emma serve --host`: the address the server binds."""
    port: int = 8080
    """`emma serve --port`: the port the server binds."""
    server_url: str = "http://127.0.0.1:8080"
    """EMMA_URL: where `emma ask`/`talk` look for a running server (used when it serves the same home)."""
    max_body_bytes: int = 64 * 1024
    """Largest JSON request body; audio bodies have their own limit (SpeechSettings)."""
    api_key: str | None = None
    """EMMA_API_KEY: the key `emma ask`/`chat`/`talk` send to a server that requires one (`emma api-key add`)."""


@dataclass(frozen=True)
class NluSettings:
    """The Rasa NLU service."""

    url: str | None = None
    """EMMA_NLU_URL: use this Rasa server instead of starting one."""
    token: str | None = None
    """EMMA_NLU_TOKEN: auth token for a remote Rasa server."""
    rasa_python: str | None = None
    """EMMA_RASA_PYTHON: the Rasa virtualenv's python (default: .venv-rasa next to the project)."""


@dataclass(frozen=True)
class ConversationSettings:
    """Limits of one turn of the conversation core."""

    nlu_confidence: float = 0.45
    """Below this intent confidence Emma asks a clarifying question."""
    max_text_chars: int = 500
    """Longer utterances are refused; nobody says 500 characters in one breath."""
    german_form: str = "sie"
    """EMMA_GERMAN_FORM: `sie` (default) or `du`, how Emma addresses German-speaking shoppers."""


@dataclass(frozen=True)
class OrderSettings:
    """Checkout rules."""

    pin_threshold: float = 100.0
    """EMMA_PIN_THRESHOLD: order totals at or above this ask for the voice PIN (EUR)."""


@dataclass(frozen=True)
class SpeechSettings:
    """Speech recognition and synthesis."""

    asr_model: str = "tiny.en"
    """EMMA_ASR_MODEL (or `--asr-model`): `tiny.en`, `base` (multilingual) or a CTranslate2 folder."""
    voice: str | None = None
    """EMMA_VOICE: path of a piper `.onnx` voice; default en_US-joe-medium from its package."""
    voice_de: str | None = None
    """EMMA_VOICE_DE: path of a German piper `.onnx` voice (de_DE-thorsten-medium.onnx); default espeak-ng's
    German voice."""
    beam_size: int = 5
    """EMMA_ASR_BEAM: Whisper beam size; 5 (with the short encoder window) hears more, and gives the NLU
    runners-up to choose among; 1 (greedy) is fastest."""
    max_seconds: float = 30.0
    """EMMA_MAX_AUDIO_SECONDS: longer recordings are refused from the WAV header, before decoding."""


@dataclass(frozen=True)
class PrivacySettings:
    """Retention defaults; an admin's choice stored in the database wins over them."""

    transcript_days: int = 365
    """EMMA_RETENTION_TRANSCRIPT_DAYS: turns, dialogue state and ticket copies older than this are deleted."""
    audio_days: int = 0
    """EMMA_KEEP_AUDIO_DAYS: keep shoppers' recordings this many days (0: never stored)."""


@dataclass(frozen=True)
class AlexaSettings:
    """The Alexa channel (`POST /alexa`)."""

    skill_id: str = ""
    """EMMA_ALEXA_SKILL_ID: the skill allowed to call; setting it enables the channel."""
    verify: bool = True
    """EMMA_ALEXA_VERIFY: `0` turns request verification off (local testing; refused in production)."""

    @property
    def enabled(self) -> bool:
        """Served when a skill id is set, or when verification is off for local testing."""
        return bool(self.skill_id) or not self.verify


@dataclass(frozen=True)
class MailSettings:
    """Order confirmation e-mails."""

    outbox_dir: Path | None = None
    """EMMA_MAIL_OUTBOX: where e-mails are written as `.eml` files without SMTP (None: `<home>/outbox`)."""
    smtp_url: str | None = None
    """EMMA_SMTP_URL: `smtp://user:pass@host:587`, `smtps://...:465` or `smtp+plain://localhost:1025`."""
    sender: str = "orders@emma-shop.invalid"
    """EMMA_MAIL_FROM: sender address of order e-mails."""
    shop_name: str = "Emma's Corner Shop"
    """EMMA_SHOP_NAME: the shop's name on Alexa cards and in e-mails."""


@dataclass(frozen=True)
class Settings:
    """Everything configurable about one Emma instance."""

    home: Path
    """EMMA_HOME (or `--home`): holds the database, models, audio, outbox and logs of one instance."""
    database_url: str | None = None
    """EMMA_DATABASE_URL: `postgresql://user@host:5432/emma` stores the shop in PostgreSQL, shared by several
    instances; unset, the shop is SQLite at `<home>/emma.db`."""
    env: str = "development"
    """EMMA_ENV: `production` refuses unsafe development switches."""
    http: HttpSettings = field(default_factory=HttpSettings)
    """The HTTP server."""
    nlu: NluSettings = field(default_factory=NluSettings)
    """The Rasa NLU service."""
    conversation: ConversationSettings = field(default_factory=ConversationSettings)
    """Limits of one turn."""
    orders: OrderSettings = field(default_factory=OrderSettings)
    """Checkout rules."""
    speech: SpeechSettings = field(default_factory=SpeechSettings)
    """Whisper and Piper."""
    privacy: PrivacySettings = field(default_factory=PrivacySettings)
    """Retention defaults."""
    alexa: AlexaSettings = field(default_factory=AlexaSettings)
    """The Alexa channel."""
    mail: MailSettings = field(default_factory=MailSettings)
    """Order e-mails."""
    languages: tuple[str, ...] = ("en",)
    """EMMA_LANGUAGES: the shop's languages, comma-separated (`de,en`); the first is its default. Only
    these are loaded: a German-only shop starts one Rasa model."""
    support_language: str | None = None
    """EMMA_SUPPORT_LANGUAGE: the support app's language for everyone (`de`, `en`; a reader may still pick
    another); unset, each browser's Accept-Language chooses."""

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @property
    def production(self) -> bool:
        return self.env == "production"

    @property
    def db_path(self) -> Path:
        return self.home / "emma.db"

    @property
    def models_dir(self) -> Path:
        return self.home / "models"

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @property
    def audio_dir(self) -> Path:
        """Kept recordings: `<audio_dir>/<YYYY-MM-DD>/<turn_id>.wav`."""
        return self.home / "audio"

    @property
    def outbox_dir(self) -> Path:
        """Order e-mails written as files when there is no SMTP server."""
        return self.mail.outbox_dir or self.home / "outbox"

    @classmethod
    def from_env(
        cls, env: Mapping[str, str] | None = None, *, home: str | Path | None = None, host: str | None = None,
        port: int | None = None, asr_model: str | None = None,
    ) -> Settings:
        """Reads every `EMMA_*` variable of `env` (default: the process environment); flags given win."""
        env = os.environ if env is None else env

        def text(name: str, default: str) -> str:
            return env.get(name, "").strip() or default

        def optional(name: str) -> str | None:
            return env.get(name, "").strip() or None

        return cls(
            home=Path(home or text("EMMA_HOME", str(DEFAULT_HOME))).resolve(),
            database_url=_database_url(optional("EMMA_DATABASE_URL")),
            env=text("EMMA_ENV", "production").lower(),  # safe unless told otherwise (`make run` is)
            http=HttpSettings(
                host=host or HttpSettings.host, port=HttpSettings.port if port is None else port,
                server_url=text("EMMA_URL", HttpSettings.server_url),
                api_key=optional("EMMA_API_KEY"),
            ),
            nlu=NluSettings(url=optional("EMMA_NLU_URL"), token=optional("EMMA_NLU_TOKEN"),
                            rasa_python=optional("EMMA_RASA_PYTHON")),
            orders=OrderSettings(pin_threshold=_number(env, "EMMA_PIN_THRESHOLD", 100.0)),
            conversation=ConversationSettings(german_form=_german_form(text("EMMA_GERMAN_FORM", "sie"))),
            speech=SpeechSettings(
                asr_model=asr_model or text("EMMA_ASR_MODEL", SpeechSettings.asr_model),
                voice=optional("EMMA_VOICE"),
                voice_de=optional("EMMA_VOICE_DE"),
                beam_size=_whole(env, "EMMA_ASR_BEAM", SpeechSettings.beam_size, low=1),
                max_seconds=_number(env, "EMMA_MAX_AUDIO_SECONDS", SpeechSettings.max_seconds, low=0.1),
            ),
            privacy=PrivacySettings(
                transcript_days=_whole(env, "EMMA_RETENTION_TRANSCRIPT_DAYS", PrivacySettings.transcript_days),
                audio_days=_whole(env, "EMMA_KEEP_AUDIO_DAYS", PrivacySettings.audio_days),
            ),
            alexa=AlexaSettings(skill_id=text("EMMA_ALEXA_SKILL_ID", ""),
                                verify=_flag(env, "EMMA_ALEXA_VERIFY", default=True)),
            mail=MailSettings(
                outbox_dir=Path(outbox) if (outbox := optional("EMMA_MAIL_OUTBOX")) else None,
                smtp_url=optional("EMMA_SMTP_URL"),
                sender=text("EMMA_MAIL_FROM", MailSettings.sender),
                shop_name=text("EMMA_SHOP_NAME", MailSettings.shop_name),
            ),
            languages=_languages(env.get("EMMA_LANGUAGES", "")),
            support_language=_support_language(optional("EMMA_SUPPORT_LANGUAGE")),
        )

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]


def _database_url(url: str | None) -> str | None:
    if url is not None and not url.startswith(("postgresql://", "postgres://")):
        raise SettingsError("EMMA_DATABASE_URL must start with postgresql:// (unset, Emma uses SQLite).")
    return url


def _german_form(raw: str) -> str:
    if raw.lower() not in ("sie", "du"):
        raise SettingsError(f"EMMA_GERMAN_FORM must be sie or du, not {raw!r}.")
    return raw.lower()


def _support_language(raw: str | None) -> str | None:
    if raw is not None and raw.lower() not in LANGUAGES:
        raise SettingsError(f"EMMA_SUPPORT_LANGUAGE must be one of {', '.join(LANGUAGES)} or unset, not {raw!r}.",
                            code="bad_support_language")
    return raw.lower() if raw else None


def _languages(raw: str) -> tuple[str, ...]:
    """`de, EN` -> ("de", "en"); unset -> English."""
    names = [name.strip().lower() for name in raw.split(",") if name.strip()]
    unknown = [name for name in names if name not in LANGUAGES]
    if unknown or len(set(names)) != len(names):
        raise SettingsError(
            f"EMMA_LANGUAGES must list languages of {', '.join(LANGUAGES)} once each, comma-separated "
            f"(the first is the default), not {raw!r}.", code="bad_languages",
        )
    return tuple(names) or ("en",)


def _number(env: Mapping[str, str], name: str, default: float, low: float = 0) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not low <= value < float("inf"):
        raise SettingsError(f"{name} must be a number of at least {low:g}, not {raw!r}.")
    return value


def _whole(env: Mapping[str, str], name: str, default: int, low: int = 0) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < low:
        raise SettingsError(f"{name} must be a whole number of at least {low}, not {raw!r}.")
    return int(raw)


def _flag(env: Mapping[str, str], name: str, *, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise SettingsError(f"{name} must be one of 1/0, true/false, yes/no, on/off, not {raw!r}.", code="bad_flag")
