"""Plays the suite's cases through a TurnHandler and judges every reply."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from fulfillment.domain.errors import EmmaError
from fulfillment.domain.shop import Shop
from fulfillment.domain.turns import TurnHandler, TurnRequest
from fulfillment.tools.evaluation.checks import Context, Shown, Verdict
from fulfillment.tools.evaluation.facts import ShopFacts
from fulfillment.tools.evaluation.languages import reading
from fulfillment.tools.evaluation.speakable import MAX_WORDS, SpokenVocabulary, problems
from fulfillment.tools.evaluation.suite import Case, Suite


@dataclass(frozen=True)
class Judged:
    """One expectation's outcome."""

    name: str
    verdict: Verdict


@dataclass(frozen=True)
class TurnOutcome:
    said: str
    reply: str
    intent: str
    judged: tuple[Judged, ...]
    unspeakable: tuple[str, ...]
    """What makes the reply unfit to be spoken (empty when it is fine)."""

    @property
    def right(self) -> bool:
        return all(j.verdict.ok for j in self.judged)


@dataclass(frozen=True)
class CaseOutcome:
    case: Case
    turns: tuple[TurnOutcome, ...]

    @property
    def right(self) -> bool:
        return all(t.right for t in self.turns)

    @property
    def failed(self) -> list[tuple[TurnOutcome, Judged]]:
        return [(t, j) for t in self.turns for j in t.judged if not j.verdict.ok]


@dataclass
class SuiteOutcome:
    suite: Suite
    cases: list[CaseOutcome] = field(default_factory=list)


Reset = Callable[[str], None]
"""Prepares a customer for the next case (empties the cart)."""


async def run_suite(
    suite: Suite, turns: TurnHandler, facts: ShopFacts, reset: Reset | None = None, max_words: int = MAX_WORDS,
) -> SuiteOutcome:
    """Each case in a fresh session; the cart of its customer emptied first. The turns are spoken in the suite's
    language and the replies read in it (`facts` must hold the catalog as that language's shopper reads it)."""
    vocabulary = SpokenVocabulary.of(facts.products)
    outcome = SuiteOutcome(suite)
    run_id = uuid.uuid4().hex[:8]
    with reading(suite.language):
        for case in suite.cases:
            if reset is not None:
                await asyncio.to_thread(reset, case.customer)
            session = f"eval-{run_id}-{case.id}"
            outcome.cases.append(await run_case(case, turns, facts, vocabulary, session, max_words, suite.language))
    return outcome


async def run_case(
    case: Case, turns: TurnHandler, facts: ShopFacts, vocabulary: SpokenVocabulary, session: str,
    max_words: int = MAX_WORDS, locale: str = "en",
) -> CaseOutcome:
    session = session[:128]
    earlier: list[Shown] = []
    done: list[TurnOutcome] = []
    for step in case.steps:
        try:
            result = await turns.handle(TurnRequest(session, step.say, case.customer, "text", locale=locale))
            reply, data, intent = result.reply, result.data, str(result.intent.get("name", ""))
        except EmmaError as err:
            reply, data, intent = "", {}, f"error {err.code}"
        products, unknown = facts.listed(data.get("products") or [])
        shown = Shown(step.say, reply, tuple(products), tuple(unknown))
        ctx = Context(facts, case.customer, shown, tuple(earlier))
        judged = tuple(Judged(e.name, _judge(e.run, ctx)) for e in step.expect)
        done.append(TurnOutcome(step.say, reply, intent, judged, tuple(problems(reply, vocabulary, max_words))))
        earlier.append(shown)
    return CaseOutcome(case, tuple(done))


def _judge(run: Callable[[Context], Verdict], ctx: Context) -> Verdict:
    try:
        return run(ctx)
    except Exception as err:  # noqa: BLE001 - one broken expectation must not stop the measurement
        return Verdict(False, f"cannot check: {type(err).__name__}: {err}")


def emptying_carts(shop: Shop) -> Reset:
    """A Reset that empties the customer's cart in one unit of work, so cases do not see each other's carts."""

    def reset(customer_id: str) -> None:
        with shop.unit_of_work() as uow:
            uow.carts.clear(customer_id)
            uow.commit()

    return reset
