"""Runs the retention purge inside `emma serve`: at start, then once an hour (compacting once a day)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import suppress

from aiohttp import web

from fulfillment.apps.keys import CONFIG, SHOP
from fulfillment.services.privacy.retention import PurgeReport, Retention, purge
from fulfillment.wiring import exclusively

log = logging.getLogger(__name__)

PURGE_EVERY_S = 3600.0
COMPACT_EVERY = 24
"""Every how many purges the database file is also rewritten (VACUUM)."""


def setup_retention(app: web.Application, every_s: float = PURGE_EVERY_S) -> None:
    """Adds the purge as a cleanup context. Call it after the context that opens the shop (app[SHOP]):
    on shutdown a purge under way is waited for, so the database is never closed under it."""

    async def retention(app: web.Application) -> AsyncIterator[None]:
        stop = asyncio.Event()
        task = asyncio.create_task(_purge_every(app, every_s, stop))
        yield
        stop.set()
        await task

    app.cleanup_ctx.append(retention)


async def _purge_every(app: web.Application, every_s: float, stop: asyncio.Event) -> None:
    runs = 0
    settings = app[CONFIG]
    defaults = Retention.from_settings(settings.privacy)
    while not stop.is_set():
        try:
            compact = runs % COMPACT_EVERY == 0
            runs += 1
            report = await asyncio.to_thread(_purge_unless_running, app, defaults, compact)
        except Exception:  # a failed purge must not stop the server; the next hour tries again
            log.exception("Retention purge failed")
        else:
            log.info("Retention purge: %s", report.to_json() if report else "another instance is purging")
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every_s)


def _purge_unless_running(app: web.Application, defaults: Retention, compact: bool) -> PurgeReport | None:
    """One instance at a time purges (PostgreSQL, several instances); the others skip this round."""
    with exclusively(app[SHOP], "retention-purge") as mine:
        return purge(app[SHOP].db, app[CONFIG].home, defaults, compact=compact) if mine else None
