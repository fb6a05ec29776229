"""Background work is waited for on exit, so nothing it uses is closed under it."""

from __future__ import annotations

import asyncio
import threading
import time

from fulfillment.services.periodic import every


async def test_leaving_waits_for_the_run_under_way() -> None:
    started, finished = threading.Event(), threading.Event()

    def slow_work() -> None:
        started.set()
        time.sleep(0.2)  # the run is still going when the block is left
        finished.set()

    async with every(3600, slow_work, name="slow"):
        await asyncio.to_thread(started.wait, 5)
    assert finished.is_set()


async def test_a_failed_round_does_not_stop_the_next() -> None:
    rounds: list[int] = []

    def flaky() -> None:
        rounds.append(len(rounds))
        if len(rounds) == 1:
            raise RuntimeError("disk full")

    async with every(0.01, flaky, name="flaky"):
        for _ in range(500):
            if len(rounds) >= 3:
                break
            await asyncio.sleep(0.01)
    assert len(rounds) >= 3


async def test_first_now_false_waits_a_period_first() -> None:
    calls: list[float] = []
    async with every(3600, lambda: calls.append(1), name="later", first_now=False):
        await asyncio.sleep(0.05)
    assert calls == []
