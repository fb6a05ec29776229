"""A reduced `emma bench reliability` on real `emma serve` processes and the real Rasa: every invariant holds.

It asserts correctness only (orders, duplicates, restarts), never latency. Run it with `-m slow`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fulfillment.tools.bench_figures import render
from fulfillment.tools.bench_reliability import Plan, run_plan

pytestmark = [pytest.mark.slow, pytest.mark.integration]

PLAN = Plan(replays=30, buyers=40, units=5, rounds=3, burst=8)


async def test_reduced_reliability_run_keeps_every_invariant(rasa_server: tuple[str, str], tmp_path: Path) -> None:
    url, token = rasa_server
    results = await run_plan(PLAN, url, token, tmp_path)
    report = render("reduced emma bench reliability", results)
    print(report)
    assert [f.broken for f in results] == [[], [], []], report
    replay, race, crash = results
    assert (replay.orders, replay.duplicates) == (1, 0), report
    assert (race.orders, race.duplicates) == (PLAN.units, 0), report
    # Every round was killed mid-burst and recovered, and every conversation ended in one order.
    assert crash.restarts == PLAN.rounds, report
    assert (crash.orders, crash.duplicates) == (PLAN.rounds * PLAN.burst, 0), report
