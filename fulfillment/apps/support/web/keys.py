"""Typed keys: what the support sub-application holds, and what tests may set on the main app."""

from __future__ import annotations

import jinja2
from aiohttp import web

from fulfillment.apps.support.config import SupportConfig
from fulfillment.apps.support.models import Role, SupportSession
from fulfillment.apps.support.retrain import NluTrainer, TrainingJobs
from fulfillment.apps.support.services import SupportServices

SUPPORT = web.AppKey("support", SupportServices)
TEMPLATES = web.AppKey("support_templates", dict[str, jinja2.Environment])
"""Language -> the templates in that language."""
JOBS = web.AppKey("support_jobs", TrainingJobs)
ROLES = web.AppKey("support_roles", dict[str, Role | None])
"""Route name -> the least role that may use it (None: public)."""
STYLESHEET = web.AppKey("support_stylesheet", bytes)

SUPPORT_APP = web.AppKey("support_app", web.Application)
"""On the main app: the mounted support sub-application."""

# Set on the main app before it starts to override the defaults (tests do).
SUPPORT_CONFIG = web.AppKey("support_config", SupportConfig)
SUPPORT_TRAINER = web.AppKey("support_trainer", NluTrainer)

SESSION = web.RequestKey("support_session", SupportSession)
"""The logged-in session of a request (absent on public pages when nobody is logged in)."""
LANGUAGE = web.RequestKey("support_language", str)
"""The language the request's pages and messages are in (set by the guard middleware)."""
