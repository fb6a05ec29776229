"""Run one conversation turn from ask-sdk's synchronous handlers, within Alexa's reply budget.

ask-sdk-core dispatches synchronously, so the skill runs in a worker thread; the `TurnHandler` is
async and lives on the server's event loop. `TurnRunner.run` submits the turn to that loop with
`asyncio.run_coroutine_threadsafe` and waits for it in the worker thread:

- after `progressive_after_s` it asks the loop to send a progressive response ("one moment");
- at the deadline it gives up waiting and returns None, so the skill can answer gracefully
  before Alexa's 8 s timeout. The turn itself keeps running and its result is recorded by the
  core; `on_late` callbacks (e.g. the order e-mail) still run when it completes.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from fulfillment.domain.turns import TurnHandler, TurnRequest, TurnResult
from skill.progressive import ProgressiveDirective, ProgressiveSender

log = logging.getLogger(__name__)


class TurnFailed(Exception):
    """The conversation core raised; the skill apologises instead of crashing."""


@dataclass(frozen=True)
class TurnDeadline:
    """When the reply must be ready, on the `time.monotonic` clock."""

    at: float
    progressive_at: float

    @classmethod
    def starting_now(cls, budget_s: float, progressive_after_s: float, margin_s: float = 0.25):
        now = time.monotonic()
        return cls(at=now + budget_s - margin_s, progressive_at=now + progressive_after_s)


class TurnRunner:
    """Bridges worker threads to the async `TurnHandler` on `loop`."""

    def __init__(
        self,
        turns: TurnHandler,
        loop: asyncio.AbstractEventLoop,
        progressive: ProgressiveSender,
    ) -> None:
        self._turns = turns
        self._loop = loop
        self._progressive = progressive

    def run(
        self,
        request: TurnRequest,
        deadline: TurnDeadline,
        progressive: ProgressiveDirective | None = None,
        on_late: Callable[[TurnResult], object] | None = None,
    ) -> TurnResult | None:
        """The turn's result, or None when it is not ready by the deadline. Call from a thread."""
        future = asyncio.run_coroutine_threadsafe(self._turns.handle(request), self._loop)
        try:
            if progressive is not None:
                try:
                    return self._result(future, deadline.progressive_at)
                except concurrent.futures.TimeoutError:
                    self.speak_progressive(progressive)
            return self._result(future, deadline.at)
        except concurrent.futures.TimeoutError:
            log.warning(
                "turn %s not ready in time; answering 'still working'", request.idempotency_key
            )
            if on_late is not None:
                future.add_done_callback(lambda done: _late(done, on_late))
            return None

    def speak_progressive(self, directive: ProgressiveDirective) -> None:
        """Fire and forget: the sender runs on the loop, the worker thread keeps waiting."""
        asyncio.run_coroutine_threadsafe(self._progressive.send(directive), self._loop)

    @staticmethod
    def _result(future: concurrent.futures.Future[TurnResult], until: float) -> TurnResult:
        try:
            return future.result(timeout=max(0.0, until - time.monotonic()))
        except concurrent.futures.TimeoutError as err:
            if future.done():  # the core itself raised TimeoutError
                raise TurnFailed("the conversation core timed out") from err
            raise
        except Exception as err:
            raise TurnFailed(str(err)) from err


def _late(future: concurrent.futures.Future[TurnResult], on_late: Callable[[TurnResult], object]):
    if future.cancelled() or future.exception() is not None:
        return
    try:
        on_late(future.result())
    except Exception:
        log.exception("late turn follow-up failed")
