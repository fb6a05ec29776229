"""Error types of the Alexa channel; each carries a stable `code` and a human `message`."""

from __future__ import annotations


class AlexaError(Exception):
    """Base of the channel's errors."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        """Stable, machine-readable reason (snake_case)."""
        self.message = message
        """What went wrong, for logs and the JSON error body; never echoes secrets."""

    def to_json(self) -> dict[str, dict[str, str]]:
        return {"error": {"code": self.code, "message": self.message}}


class AlexaRequestError(AlexaError):
    """The HTTP request cannot be accepted (answered with 400, or 413 for size)."""


class AlexaVerificationError(AlexaRequestError):
    """The request failed Amazon's signature, certificate, timestamp or skill-id checks."""


class AlexaConfigError(AlexaError):
    """The Alexa configuration is unusable or unsafe."""


class SkillPackageError(AlexaError):
    """The skill package could not be built (e.g. the interaction model breaks Amazon's rules)."""

    def __init__(self, code: str, message: str, problems: list[str] | None = None) -> None:
        super().__init__(code, message)
        self.problems = list(problems or [])
        """Every individual problem found."""
