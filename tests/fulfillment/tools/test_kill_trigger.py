"""The kill trigger fires on the k-th new order or cart unit, or on its timer, and never twice."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from fulfillment.tools.kill_trigger import KillTrigger


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "emma.db"
    with sqlite3.connect(path, isolation_level=None) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE orders (id TEXT PRIMARY KEY)")
        conn.execute("CREATE TABLE cart_items (customer_id TEXT, sku TEXT, quantity INTEGER)")
    return path


async def _watch(db: Path, kind: str, rises: int, deadline_s: float, writes: list[str]) -> tuple[list[str], str]:
    kills: list[str] = []
    fired: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    trigger = KillTrigger(db, kind, rises, deadline_s, kill=lambda: kills.append("SIGKILL"), fired=fired)
    trigger.start()
    with sqlite3.connect(db, isolation_level=None) as conn:
        for sql in writes:
            await asyncio.sleep(0.05)  # each write in its own poll
            conn.execute(sql)
    reason = await asyncio.wait_for(fired, 5)
    trigger.cancel()
    assert trigger.killed_at is not None
    return kills, reason


async def test_kills_on_the_kth_new_order(db: Path) -> None:
    writes = [f"INSERT INTO orders VALUES ('O{i}')" for i in range(3)]
    kills, reason = await _watch(db, "order", 2, 30.0, writes)
    assert (kills, reason) == (["SIGKILL"], "order #2")


async def test_kills_on_a_new_cart_unit(db: Path) -> None:
    kills, reason = await _watch(db, "cart", 1, 30.0, ["INSERT INTO cart_items VALUES ('c', 's', 1)"])
    assert (kills, reason) == (["SIGKILL"], "cart #1")


async def test_random_kills_on_its_timer(db: Path) -> None:
    kills, reason = await _watch(db, "random", 1, 0.05, [])
    assert (kills, reason) == (["SIGKILL"], "random timer")


async def test_nothing_happens_when_cancelled_first(db: Path) -> None:
    kills: list[str] = []
    fired: asyncio.Future[str] = asyncio.get_running_loop().create_future()
    trigger = KillTrigger(db, "order", 1, 30.0, kill=lambda: kills.append("SIGKILL"), fired=fired)
    trigger.start()
    await asyncio.sleep(0.05)
    trigger.cancel()
    assert kills == [] and trigger.killed_at is None and not fired.done()
