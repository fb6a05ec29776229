"""Runs one turn end to end: checks, NLU, dialogue, state and transcript, exactly once."""

from __future__ import annotations

import asyncio
import random
import re
import time
import unicodedata
import uuid
import weakref
from dataclasses import replace

from fulfillment.domain.dialogue.context import Reply, Turn
from fulfillment.domain.dialogue.router import respond
from fulfillment.domain.dialogue.state import DialogueState
from fulfillment.domain.dialogue.without_nlu import understand_without_nlu
from fulfillment.domain.errors import BadInput, CustomerNotFound, EmmaError, NluUnavailable, StoreConflict
from fulfillment.domain.events import DomainEvent
from fulfillment.domain.models import Customer
from fulfillment.domain.shop import Shop
from fulfillment.domain.translations import in_language
from fulfillment.domain.turns import TurnRecord, TurnRequest, TurnResult
from fulfillment.lang import DEFAULT, pack_for
from fulfillment.lang import cues_for as say_cues
from nlu.parser import NluParser, NluResult, NluRouter

TURN_ATTEMPTS = 5
"""How often a turn runs when the store keeps reporting conflicts (PostgreSQL); then a 503 with Retry-After."""
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
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise BadInput(
            f"{kind} must be 1 to 128 letters, digits or : . _ @ -", code=f"bad_{kind}"
        )
    return value


class Conversation:
    """The TurnHandler every channel calls.

    One turn is one unit of work: its effects (cart, order, return, ticket), the session state and
    the turn record with its idempotency key commit together, once. A retry with the same key (of the
    same customer) returns the first result whatever point a crash interrupted.
    """

    def __init__(self, shop: Shop, nlu: NluParser) -> None:
        self.shop = shop
        self.nlu = nlu
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    async def handle(self, request: TurnRequest) -> TurnResult:
        started = time.perf_counter()
        check_id("session_id", request.session_id)
        check_id("customer_id", request.customer_id)
        key = check_id("idempotency_key", request.idempotency_key) if request.idempotency_key else None
        text = clean_text(request.text, self.shop.rules.max_text_chars)
        lock = self._locks.setdefault(request.session_id, asyncio.Lock())
        async with lock:  # one turn at a time per conversation (on this instance; the store decides across)
            if key:
                previous = await asyncio.to_thread(self._previous, request.customer_id, key)
                if previous is not None:
                    return previous
            customer = await asyncio.to_thread(self._customer_for, request)
            request = replace(request, text=text, idempotency_key=key or uuid.uuid4().hex)
            t0 = time.perf_counter()
            nlu = await self._understand(request)
            nlu_ms = (time.perf_counter() - t0) * 1000
            result, events = await asyncio.to_thread(self._run, request, customer, nlu, nlu_ms, started)
        if events:
            await asyncio.to_thread(self.shop.events.publish, events)
        return result

    async def _understand(self, request: TurnRequest) -> NluResult:
        if request.nlu is not None:  # the channel understood it already (Alexa's intent and slots)
            return request.nlu
        if not request.text:
            return NluResult(text="", intent="empty", confidence=1.0)
        try:
            parser = self.nlu.for_locale(request.locale) if isinstance(self.nlu, NluRouter) else self.nlu
            return await parser.parse(request.text)
        except NluUnavailable as err:
            offline = understand_without_nlu(request.text, say_cues(request.locale))
            if offline is not None:
                return offline
            await asyncio.to_thread(self._record_failure, request, err)
            raise

    def _previous(self, customer_id: str, key: str) -> TurnResult | None:
        with self.shop.unit_of_work() as uow:
            raw = uow.turns.result_for_key(customer_id, key)
        return TurnResult.from_json(raw) if raw is not None else None

    def _customer_for(self, request: TurnRequest) -> Customer:
        customer = self.shop.customers.get(request.customer_id)
        if customer is None:
            raise CustomerNotFound(f"Unknown customer '{request.customer_id}'.")
        return customer

    def _run(
        self, request: TurnRequest, customer: Customer, nlu: NluResult, nlu_ms: float, started: float
    ) -> tuple[TurnResult, list[DomainEvent]]:
        """Runs the turn; when the store reports a conflict (nothing committed), runs the whole turn again."""
        for attempt in range(1, TURN_ATTEMPTS + 1):
            try:
                return self._run_once(request, customer, nlu, nlu_ms, started)
            except StoreConflict:
                if attempt == TURN_ATTEMPTS:
                    raise
                time.sleep(random.uniform(0, 0.005 * attempt))  # let the other transaction finish first
        raise AssertionError("unreachable")

    def _run_once(
        self, request: TurnRequest, customer: Customer, nlu: NluResult, nlu_ms: float, started: float
    ) -> tuple[TurnResult, list[DomainEvent]]:
        assert request.idempotency_key
        with self.shop.unit_of_work() as uow:
            # Inside the write lock: a twin request with the same key (another session, another
            # instance) that committed first has left its result here.
            raw = uow.turns.result_for_key(customer.id, request.idempotency_key)
            if raw is not None:
                return TurnResult.from_json(raw), []
            loaded = uow.sessions.load(request.session_id)
            if loaded is not None and loaded[0] != customer.id:
                raise BadInput("This session belongs to another customer.", code="session_customer_mismatch")
            state = DialogueState.from_json(loaded[1] if loaded else None)
            t0 = time.perf_counter()
            pack = pack_for(request.locale, self.shop.rules.german_form)
            shop = self.shop if pack is DEFAULT else replace(  # product texts in the turn's language
                self.shop, catalog=in_language(self.shop.catalog, pack.code, DEFAULT.code))
            turn = Turn(shop, uow, customer, request.session_id, nlu, state, request.idempotency_key, pack)
            if nlu.intent == "empty":
                reply = Reply("empty", turn.say.EMPTY_UTTERANCE, expects_answer=True)
            else:
                reply = respond(turn, self.shop.rules.nlu_confidence)
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
            uow.sessions.save(request.session_id, customer.id, turn.state.to_json())
            uow.turns.record(_record(request, result))
            events = list(uow.events)
            uow.commit()
        return result, events

    def _record_failure(self, request: TurnRequest, err: EmmaError) -> None:
        with self.shop.unit_of_work() as uow:
            uow.turns.record(TurnRecord(
                id=uuid.uuid4().hex, session_id=request.session_id, customer_id=request.customer_id,
                channel=request.channel, text=request.text, error=f"{err.code}: {err.message}",
                asr=request.asr,
            ))
            uow.commit()


def _record(request: TurnRequest, result: TurnResult) -> TurnRecord:
    return TurnRecord(
        id=result.turn_id, idempotency_key=request.idempotency_key, session_id=request.session_id,
        customer_id=request.customer_id, channel=request.channel, text=request.text,
        intent=result.intent["name"], confidence=result.intent["confidence"],
        entities=tuple(result.entities), action=result.action, reply=result.reply,
        timings=result.timings_ms, asr=request.asr, result=result.to_json(),
    )
