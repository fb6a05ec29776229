"""Bounded concurrency for heavy work: over capacity means a quick refusal, never a pile-up."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from speech.errors import SpeechError


class Overloaded(SpeechError):
    """Too many audio turns at once; retry after `retry_after_s`."""

    def __init__(self, retry_after_s: int = 2) -> None:
        super().__init__("overloaded", "Emma is busy with other recordings; please retry in a moment.")
        self.retry_after_s = retry_after_s


class CapacityGate:
    def __init__(self, max_active: int, max_waiting: int) -> None:
        self._slots = asyncio.Semaphore(max_active)
        self._limit = max_active + max_waiting
        self._inside = 0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        if self._inside >= self._limit:
            raise Overloaded()
        self._inside += 1
        try:
            async with self._slots:
                yield
        finally:
            self._inside -= 1
