"""Wire types of one conversation turn, shared by every channel (CLI, HTTP, audio, Alexa)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from nlu.parser import NluResult


@dataclass(frozen=True)
class TurnRequest:
    """What a channel hands to the conversation core."""

    session_id: str
    """Conversation the turn belongs to; dialogue context is kept per session."""
    text: str
    """What the shopper said (typed, or transcribed by ASR / Alexa)."""
    customer_id: str = "demo"
    """Emma customer the cart and orders belong to."""
    channel: str = "text"
    """Where the turn came from: text, http, audio, alexa, wyoming."""
    idempotency_key: str | None = None
    """Replaying a turn with the same key returns the first result (a new one is generated if absent)."""
    asr: dict[str, Any] | None = None
    """ASR details for audio turns (language, avg_logprob, no_speech_prob, duration_s)."""
    locale: str = "en"
    """Language of the turn (en, en-US, de-DE...); picks the language pack of the reply."""
    nlu: NluResult | None = None
    """Already understood by the channel (Alexa's intent and slots): the NLU service is skipped."""


@dataclass(frozen=True)
class TurnResult:
    """What the conversation core answers; `to_json` is the public JSON of a turn."""

    session_id: str
    turn_id: str
    transcript: str
    intent: dict[str, Any]
    """{name, confidence}"""
    entities: list[dict[str, Any]]
    """[{entity, value}] after normalization (numbers as ints)."""
    action: str
    """What Emma did, e.g. `search`, `add_to_cart`, `place_order`, `clarify`."""
    reply: str
    """The spoken reply."""
    data: dict[str, Any] = field(default_factory=dict)
    """`products`, `cart`, `order` when relevant."""
    timings_ms: dict[str, float] = field(default_factory=dict)
    expects_answer: bool = False
    """True while a question is open (size, confirmation, PIN); voice channels keep the mic open."""
    end_session: bool = False
    """True after goodbye."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> TurnResult:
        names = cls.__dataclass_fields__.keys()
        return cls(**{k: v for k, v in raw.items() if k in names})


@dataclass(frozen=True)
class TurnRecord:
    """One row of the transcript store."""

    id: str
    session_id: str
    customer_id: str
    channel: str
    text: str
    idempotency_key: str | None = None
    intent: str | None = None
    confidence: float | None = None
    entities: tuple[dict[str, Any], ...] = ()
    action: str | None = None
    reply: str | None = None
    timings: dict[str, float] | None = None
    asr: dict[str, Any] | None = None
    error: str | None = None
    result: dict[str, Any] | None = None


class TurnHandler(Protocol):
    """The one seam every channel calls: run a turn end to end and record it."""

    async def handle(self, request: TurnRequest) -> TurnResult: ...
