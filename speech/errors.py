"""Error types of the speech layer; each carries a stable `code` and a readable `message`.

Channels (HTTP, Wyoming, CLI) translate these to their own wire errors; the codes are part of
the public API, the messages are for developers and logs.
"""

from __future__ import annotations


class SpeechError(Exception):
    """Base of every error the speech layer raises on purpose."""

    code: str = "speech_error"

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        """Stable machine-readable reason, e.g. `audio_truncated`."""
        self.message = message
        """One clear sentence saying what went wrong and, where possible, what to do."""

    def to_dict(self) -> dict[str, str]:
        """The `{code, message}` shape channels put on the wire."""
        return {"code": self.code, "message": self.message}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(code={self.code!r}, message={self.message!r})"


class AudioFormatError(SpeechError):
    """The uploaded audio is not a WAV Emma accepts.

    Codes: `audio_empty`, `audio_truncated`, `audio_not_wav`, `audio_unsupported_format`,
    `audio_bad_header`, `audio_bad_rate`, `audio_too_long`, `audio_too_large`.
    """


class TranscriptionError(SpeechError):
    """The recognizer failed on audio that was valid (wraps the backend's own error)."""

    def __init__(self, message: str, code: str = "transcription_failed") -> None:
        super().__init__(code, message)


class ModelNotFound(SpeechError):
    """A speech model could not be found or assembled locally (Emma never downloads one)."""

    def __init__(self, message: str, code: str = "model_not_found") -> None:
        super().__init__(code, message)
