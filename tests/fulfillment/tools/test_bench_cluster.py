"""A reduced `emma bench cluster`: three real `emma serve` behind nginx on one real PostgreSQL, the real Rasa.

It asserts correctness only (orders, duplicates, restarts), never speed. Run it with `-m slow`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fulfillment.tools.bench_cluster import run_plan
from fulfillment.tools.bench_figures import render
from fulfillment.tools.bench_reliability import Plan

pytestmark = [
    pytest.mark.slow, pytest.mark.integration,
    pytest.mark.skipif(not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()),
                       reason="nginx is not installed (make cluster installs it)"),
]

PLAN = Plan(replays=30, buyers=40, units=5, rounds=2, burst=8)


async def test_reduced_cluster_run_keeps_every_invariant(rasa_server: tuple[str, str], tmp_path: Path) -> None:
    url, token = rasa_server
    results, _ = await run_plan(PLAN, url, token, tmp_path, instances=3)
    report = render("reduced emma bench cluster", results)
    print(report)
    assert [f.broken for f in results] == [[], [], [], []], report
    replay, race, kills, restart = results
    assert (replay.orders, replay.duplicates) == (1, 0), report
    assert (race.orders, race.duplicates) == (PLAN.units, 0), report
    assert kills.restarts == PLAN.rounds and (kills.orders, kills.duplicates) == (PLAN.rounds * PLAN.burst, 0), report
    assert restart.restarts == 1 and (restart.orders, restart.duplicates) == (2 * PLAN.burst, 0), report
