"""Runs the retention purge inside `emma serve`: at start, then once an hour."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import suppress

from aiohttp import web

from ..server.keys import CONFIG, SHOP
from .retention import purge

log = logging.getLogger(__name__)

PURGE_EVERY_S = 3600.0


def setup_retention(app: web.Application, every_s: float = PURGE_EVERY_S) -> None:
    """Adds the purge as a cleanup context. Call it after the context that opens the shop (app[SHOP])."""

    async def retention(app: web.Application) -> AsyncIterator[None]:
        task = asyncio.create_task(_purge_every(app, every_s))
        yield
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task

    app.cleanup_ctx.append(retention)


async def _purge_every(app: web.Application, every_s: float) -> None:
    while True:
        try:
            report = await asyncio.to_thread(purge, app[SHOP].db, app[CONFIG].home)
        except Exception:  # a failed purge must not stop the server; the next hour tries again
            log.exception("Retention purge failed")
        else:
            log.info("Retention purge: %s", report.to_json())
        await asyncio.sleep(every_s)
