"""Mounts the support app under /support as a sub-application of Emma's server."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from importlib import resources

from aiohttp import web

from fulfillment.apps.keys import CONFIG, NLU, SHOP
from fulfillment.apps.support.config import SupportConfig
from fulfillment.apps.support.retrain import RasaTrainer, TrainingJobs
from fulfillment.apps.support.services import open_services
from fulfillment.apps.support.web.keys import (
    JOBS,
    ROLES,
    STYLESHEET,
    SUPPORT,
    SUPPORT_APP,
    SUPPORT_CONFIG,
    SUPPORT_TRAINER,
    TEMPLATES,
)
from fulfillment.apps.support.web.middlewares import support_guard
from fulfillment.apps.support.web.render import PREFIX, all_templates, redirect
from fulfillment.apps.support.web.routes import setup_routes
from fulfillment.services.periodic import every

SESSION_SWEEP_S = 3600


def setup_support(app: web.Application) -> None:
    """Registers /support (pages, middleware, start-up and clean-up) on Emma's app. Its services open when the
    app starts, over the shop database the main app opened."""
    support = web.Application(middlewares=[support_guard])
    support[ROLES] = setup_routes(support)
    support[TEMPLATES] = all_templates()
    support[STYLESHEET] = resources.files("fulfillment.apps.support").joinpath("static/support.css").read_bytes()

    async def services(support: web.Application) -> AsyncIterator[None]:
        config = app.get(SUPPORT_CONFIG) or SupportConfig.from_settings(app[CONFIG])
        opened = open_services(app[SHOP].db, config)
        support[SUPPORT] = opened
        trainer = app.get(SUPPORT_TRAINER) or RasaTrainer(app[CONFIG])
        load_model = getattr(app.get(NLU), "load_model", None)  # the running Rasa takes the new model
        support[JOBS] = TrainingJobs(opened.annotations, opened.runs, trainer, config, on_new_model=load_model)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        await asyncio.to_thread(opened.runs.interrupt_running, now)  # left over by a stopped server

        async with every(SESSION_SWEEP_S, opened.auth.purge_expired, name="support-session-sweep"):
            yield

    async def stop_jobs(support: web.Application) -> None:  # before the main app closes the database
        if JOBS in support:
            await support[JOBS].close()

    async def to_app(request: web.Request) -> web.StreamResponse:
        return redirect(f"{PREFIX}/")

    support.cleanup_ctx.append(services)
    support.on_shutdown.append(stop_jobs)
    app.router.add_get(PREFIX, to_app)
    app.add_subapp(PREFIX, support)
    app[SUPPORT_APP] = support
