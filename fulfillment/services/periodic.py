"""Blocking work repeated in the background while the server runs, never cut off halfway.

A task cancelled while it awaits `asyncio.to_thread` stops waiting, but its thread runs on: if the
server then closes the database, that thread writes through a closed SQLite connection, which
crashes the whole process. So on exit we ask the loop to stop and wait for the run under way.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress

log = logging.getLogger(__name__)


@asynccontextmanager
async def every(
    seconds: float, work: Callable[[], object], *, name: str, first_now: bool = True
) -> AsyncIterator[None]:
    """Runs `work` on a worker thread every `seconds` (at once too, with `first_now`) while the block runs."""
    stop = asyncio.Event()

    async def repeat() -> None:
        if not first_now:
            with suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), seconds)
        while not stop.is_set():
            try:
                await asyncio.to_thread(work)
            except Exception:  # one failed round must not end the loop; the next one tries again
                log.exception("%s failed", name)
            with suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), seconds)

    task = asyncio.create_task(repeat(), name=name)
    try:
        yield
    finally:
        stop.set()
        await task
