"""The transcript browser: conversation filters, pages of conversations, and one conversation turn by turn."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from fulfillment.adapters.turn_query import FLAGS, TurnQuery
from fulfillment.apps.support.message import Message
from fulfillment.apps.support.ports import ReviewReader
from fulfillment.domain.errors import BadInput, NotFound

_WORD = re.compile(r"\w+", re.UNICODE)


def _date(raw: str | None, name: str) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadInput(Message("%(name)s must be a date like 2025-01-31.", name=name), code=f"bad_{name}") from None


def search_words(text: str) -> tuple[str, ...]:
    """The words of a transcript search (at most 12), each to begin a word of a turn ('jack' finds 'jackets')."""
    return tuple(_WORD.findall(text.lower())[:12])


@dataclass(frozen=True)
class ConversationFilter:
    """What the conversations list shows; parsed from and written back to the query string."""

    since: date | None = None
    until: date | None = None
    """Inclusive: the whole day counts."""
    channel: str = ""
    customer: str = ""
    intent: str = ""
    max_confidence: float | None = None
    """Only turns understood with less confidence than this."""
    flags: frozenset[str] = field(default_factory=frozenset)
    """Any of FLAGS; all given must hold for the same turn."""
    text: str = ""
    """Full-text search over what shoppers said."""
    page: int = 1

    @classmethod
    def from_query(cls, query: Mapping[str, str], flags: list[str] | None = None) -> ConversationFilter:
        raw_conf = query.get("max_confidence", "").strip()
        try:
            confidence = float(raw_conf) if raw_conf else None
            page = max(1, int(query.get("page") or 1))
        except ValueError:
            raise BadInput(Message("Confidence is a number between 0 and 1; page a whole number."),
                           code="bad_filter") from None
        if confidence is not None and not 0 <= confidence <= 1:
            raise BadInput(Message("Confidence is a number between 0 and 1."), code="bad_filter")
        chosen = frozenset(flags if flags is not None else [f for f in FLAGS if query.get(f)])
        if chosen - set(FLAGS):
            raise BadInput(Message("Unknown flag; use %(flags)s.", flags=", ".join(FLAGS)), code="bad_filter")
        return cls(
            since=_date(query.get("since"), "since"), until=_date(query.get("until"), "until"),
            channel=query.get("channel", "").strip(), customer=query.get("customer", "").strip(),
            intent=query.get("intent", "").strip(), max_confidence=confidence, flags=chosen,
            text=query.get("q", "").strip()[:200], page=min(page, 100_000),
        )

    def to_query(self, **changes: Any) -> dict[str, str]:
        f = replace(self, **changes)
        query = {
            "since": f.since.isoformat() if f.since else "", "until": f.until.isoformat() if f.until else "",
            "channel": f.channel, "customer": f.customer, "intent": f.intent, "q": f.text,
            "max_confidence": "" if f.max_confidence is None else f"{f.max_confidence:g}",
            **{flag: "1" for flag in sorted(f.flags)}, "page": str(f.page) if f.page > 1 else "",
        }
        return {k: v for k, v in query.items() if v}

    def turn_query(self) -> TurnQuery:
        return TurnQuery(
            since=self.since.isoformat() if self.since else None,
            before=(self.until + timedelta(days=1)).isoformat() if self.until else None,
            channel=self.channel or None, customer=self.customer or None, intent=self.intent or None,
            max_confidence=self.max_confidence, flags=tuple(sorted(self.flags)), words=search_words(self.text),
        )


@dataclass(frozen=True)
class ConversationPage:
    rows: list[dict[str, Any]]
    total: int
    page: int
    pages: int


def list_conversations(store: ReviewReader, filt: ConversationFilter, page_size: int) -> ConversationPage:
    rows, total = store.sessions(filt.turn_query(), page_size, (filt.page - 1) * page_size)
    return ConversationPage(rows, total, filt.page, max(1, math.ceil(total / page_size)))


def _json(raw: str | None, default: Any) -> Any:
    try:
        return json.loads(raw) if raw else default
    except ValueError:
        return default


def asr_confidence(asr: Mapping[str, Any] | None) -> float | None:
    """The recognizer's confidence: its own figure, else exp(average log-probability) of the words."""
    if not asr:
        return None
    if isinstance(asr.get("confidence"), int | float):
        return float(asr["confidence"])
    if isinstance(asr.get("avg_logprob"), int | float):
        return round(min(1.0, math.exp(asr["avg_logprob"])), 3)
    return None


@dataclass(frozen=True)
class TurnView:
    """One turn as the support app shows it."""

    id: str
    created_at: str
    channel: str
    heard: str
    """Redacted text; raw text for supervisors who asked for it (when the store keeps it)."""
    asr: dict[str, Any] | None
    asr_confidence: float | None
    intent: str | None
    confidence: float | None
    entities: list[dict[str, Any]]
    action: str | None
    reply: str | None
    timings: dict[str, float]
    error: str | None
    products: int | None
    """How many products a search found."""
    annotated_intent: str | None = None
    tags: list[str] = field(default_factory=list)
    audio_url: str | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any], raw: bool = False) -> TurnView:
        asr = _json(row.get("asr"), None)
        result = _json(row.get("result"), {}) or {}
        products = result.get("data", {}).get("products") if row.get("action") == "search" else None
        return cls(
            id=row["id"], created_at=row["created_at"], channel=row["channel"],
            heard=(row.get("text_raw") or row["text"]) if raw else row["text"],
            asr=asr, asr_confidence=asr_confidence(asr), intent=row.get("intent"), confidence=row.get("confidence"),
            entities=_json(row.get("entities"), []), action=row.get("action"), reply=row.get("reply"),
            timings=_json(row.get("timings"), {}), error=row.get("error"),
            products=len(products) if isinstance(products, list) else None,
            annotated_intent=row.get("annotated_intent"), tags=_json(row.get("annotation_tags"), []),
        )


@dataclass(frozen=True)
class ConversationView:
    session_id: str
    customer_id: str
    turns: list[TurnView]
    raw_available: bool
    """The store keeps unredacted text (the privacy layer's `text_raw`) that differs from what agents see."""


def conversation(store: ReviewReader, session_id: str, raw: bool = False) -> ConversationView:
    rows = store.turns(session_id)
    if not rows:
        raise NotFound(Message("No conversation '%(session)s'.", session=session_id), code="conversation_not_found")
    return ConversationView(
        session_id, rows[0]["customer_id"], [TurnView.from_row(r, raw) for r in rows],
        any(r.get("text_raw") and r.get("text_raw") != r["text"] for r in rows),
    )
