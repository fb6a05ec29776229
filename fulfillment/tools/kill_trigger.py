"""SIGKILL a server at the worst moment: right after it commits a side effect.

A crash only misbehaves between two commits of one turn (the order or the cart write is in,
the turn record that makes a retry safe is not). That window lasts about a millisecond, so a
thread polls the database every half millisecond and kills the moment the k-th new order (or the
k-th new cart unit) appears. The `random` kind kills after a delay instead, as a control.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from fulfillment.tools.bench_home import EFFECT_QUERIES

KINDS = ("order", "cart", "random")
POLL_S = 0.0005


class KillTrigger(threading.Thread):
    def __init__(
        self, db_path: Path, kind: str, rises: int, deadline_s: float, kill: Callable[[], None],
        fired: asyncio.Future[str],
    ) -> None:
        super().__init__(name=f"kill-on-{kind}", daemon=True)
        assert kind in KINDS
        self.db_path = db_path
        self.kind = kind
        self.rises = rises
        """Kill on this many observed increases of the watched count."""
        self.deadline_s = deadline_s
        """Kill after this long anyway (the delay itself for `random`)."""
        self._kill = kill
        self._fired = fired
        self._loop = fired.get_loop()
        self._halt = threading.Event()
        self.killed_at: float | None = None
        """time.monotonic() of the SIGKILL, if it was sent."""

    def cancel(self) -> None:
        self._halt.set()
        self.join()

    def run(self) -> None:
        started = time.monotonic()
        query = EFFECT_QUERIES.get(self.kind)
        with contextlib.closing(sqlite3.connect(self.db_path, timeout=1)) as conn:
            last = conn.execute(query).fetchone()[0] if query else 0
            seen = 0
            while not self._halt.is_set():
                if query:
                    with contextlib.suppress(sqlite3.OperationalError):  # busy: just look again
                        now = conn.execute(query).fetchone()[0]
                        seen += now > last
                        last = now
                if (query and seen >= self.rises) or time.monotonic() - started >= self.deadline_s:
                    self._fire(f"{self.kind} #{seen}" if query and seen >= self.rises else f"{self.kind} timer")
                    return
                time.sleep(POLL_S)

    def _fire(self, reason: str) -> None:
        self._kill()
        self.killed_at = time.monotonic()
        self._loop.call_soon_threadsafe(_resolve, self._fired, reason)


def _resolve(future: asyncio.Future[str], reason: str) -> None:
    if not future.done():
        future.set_result(reason)
