"""Runs one turn end to end: checks, NLU, dialogue, state and transcript, exactly once."""

from __future__ import annotations

import asyncio
import re
import time
import unicodedata
import uuid
import weakref
from dataclasses import replace

from fulfillment.adapters.sqlite.conversations import TurnRecord
from fulfillment.domain.dialogue.context import Reply, Shop, Turn
from fulfillment.domain.dialogue.router import respond
from fulfillment.domain.dialogue.state import DialogueState
from fulfillment.domain.errors import BadInput, CustomerNotFound, EmmaError
from fulfillment.domain.models import Customer
from fulfillment.domain.turns import TurnRequest, TurnResult
from fulfillment.lang.en import prompts as say
from nlu.parser import NluParser, NluResult

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9:._@-]{0,127}$")


def clean_text(text: str, max_chars: int) -> str:
    """Drops control characters and folds whitespace; refuses absurdly long input."""
    if len(text) > max_chars * 4:  # don't even normalize megabytes
        raise BadInput(f"The text is longer than {max_chars} characters.", code="text_too_long")
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    text = " ".join(text.split())
    if len(text) > max_chars:
        raise BadInput(f"The text is longer than {max_chars} characters.", code="text_too_long")
    return text


def check_id(kind: str, value: str) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise BadInput(
            f"{kind} must be 1 to 128 letters, digits or : . _ @ -", code=f"bad_{kind}"
        )
    return value


class Conversation:
    """The TurnHandler every channel calls."""

    def __init__(self, shop: Shop, nlu: NluParser) -> None:
        self.shop = shop
        self.nlu = nlu
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    async def handle(self, request: TurnRequest) -> TurnResult:
        started = time.perf_counter()
        check_id("session_id", request.session_id)
        check_id("customer_id", request.customer_id)
        key = check_id("idempotency_key", request.idempotency_key) if request.idempotency_key else None
        text = clean_text(request.text, self.shop.config.max_text_chars)
        lock = self._locks.setdefault(request.session_id, asyncio.Lock())
        async with lock:  # one turn at a time per conversation
            if key:
                previous = await asyncio.to_thread(self.shop.transcripts.result_for_key, key)
                if previous is not None:
                    return TurnResult.from_json(previous)
            customer = await asyncio.to_thread(self._customer_for, request)
            request = replace(request, text=text, idempotency_key=key or uuid.uuid4().hex)
            if not text:
                nlu = NluResult(text="", intent="empty", confidence=1.0)
                nlu_ms = 0.0
            else:
                t0 = time.perf_counter()
                try:
                    nlu = await self.nlu.parse(text)
                except EmmaError as err:
                    await asyncio.to_thread(self._record_failure, request, err)
                    raise
                nlu_ms = (time.perf_counter() - t0) * 1000
            return await asyncio.to_thread(self._run, request, customer, nlu, nlu_ms, started)

    def _customer_for(self, request: TurnRequest) -> Customer:
        customer = self.shop.customers.get(request.customer_id)
        if customer is None:
            raise CustomerNotFound(f"Unknown customer '{request.customer_id}'.")
        session = self.shop.sessions.load(request.session_id)
        if session is not None and session[0] != customer.id:
            raise BadInput("This session belongs to another customer.", code="session_customer_mismatch")
        return customer

    def _run(
        self, request: TurnRequest, customer: Customer, nlu: NluResult, nlu_ms: float, started: float
    ) -> TurnResult:
        shop = self.shop
        t0 = time.perf_counter()
        loaded = shop.sessions.load(request.session_id)
        state = DialogueState.from_json(loaded[1] if loaded else None)
        assert request.idempotency_key
        turn = Turn(shop, customer, request.session_id, nlu, state, request.idempotency_key)
        if nlu.intent == "empty":
            reply = Reply("empty", say.EMPTY_UTTERANCE, expects_answer=True)
        else:
            reply = respond(turn, shop.config.nlu_confidence)
        fulfillment_ms = (time.perf_counter() - t0) * 1000
        result = TurnResult(
            session_id=request.session_id,
            turn_id=uuid.uuid4().hex,
            transcript=request.text,
            intent={"name": nlu.intent, "confidence": round(nlu.confidence, 4)},
            entities=[e.to_json() for e in nlu.entities],
            action=reply.action,
            reply=reply.text,
            data=reply.data,
            timings_ms={
                "nlu": round(nlu_ms, 2),
                "fulfillment": round(fulfillment_ms, 2),
                "total": round((time.perf_counter() - started) * 1000, 2),
            },
            expects_answer=reply.expects_answer,
            end_session=reply.end_session,
        )
        with shop.db.transaction() as conn:
            shop.sessions.save(conn, request.session_id, customer.id, turn.state.to_json())
            shop.transcripts.record(conn, _record(request, result))
        return result

    def _record_failure(self, request: TurnRequest, err: EmmaError) -> None:
        with self.shop.db.transaction() as conn:
            self.shop.transcripts.record(conn, TurnRecord(
                id=uuid.uuid4().hex, session_id=request.session_id, customer_id=request.customer_id,
                channel=request.channel, text=request.text, error=f"{err.code}: {err.message}",
                asr=request.asr,
            ))


def _record(request: TurnRequest, result: TurnResult) -> TurnRecord:
    return TurnRecord(
        id=result.turn_id, idempotency_key=request.idempotency_key, session_id=request.session_id,
        customer_id=request.customer_id, channel=request.channel, text=request.text,
        intent=result.intent["name"], confidence=result.intent["confidence"],
        entities=tuple(result.entities), action=result.action, reply=result.reply,
        timings=result.timings_ms, asr=request.asr, result=result.to_json(),
    )
