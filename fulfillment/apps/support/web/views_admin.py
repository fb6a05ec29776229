"""Admin pages: support users and the audit log of transcript reads."""

from __future__ import annotations

import asyncio

from aiohttp import web

from fulfillment.apps.support.audit import audit_page
from fulfillment.apps.support.auth import parse_role
from fulfillment.apps.support.errors import Conflict
from fulfillment.apps.support.message import Message
from fulfillment.apps.support.models import Role
from fulfillment.apps.support.web.keys import SUPPORT
from fulfillment.apps.support.web.render import PREFIX, form, redirect, render, session_of, translated
from fulfillment.domain.errors import BadInput
from fulfillment.services.privacy.retention import get_retention, set_retention

AUDIT_PAGE = 50


async def users(request: web.Request) -> web.StreamResponse:
    rows = await asyncio.to_thread(request.app[SUPPORT].auth.list_users)
    return render(request, "users.html", rows=rows, roles=list(Role), error="", done=request.query.get("done", ""))


async def add_user(request: web.Request) -> web.StreamResponse:
    auth = request.app[SUPPORT].auth
    data = await form(request)
    try:
        role = parse_role(data.get("role", ""))
        user = await asyncio.to_thread(auth.add_user, data.get("name", "").strip(), role, data.get("password", ""))
    except BadInput as err:
        rows = await asyncio.to_thread(auth.list_users)
        return render(request, "users.html", status=400, rows=rows, roles=list(Role),
                      error=translated(request, err.message), done="")
    return redirect(f"{PREFIX}/users?done={user.name}")


async def update_user(request: web.Request) -> web.StreamResponse:
    auth = request.app[SUPPORT].auth
    name = request.match_info["name"]
    data = await form(request)
    role = parse_role(data["role"]) if data.get("role") else None
    disabled = {"disable": True, "enable": False}.get(data.get("action", ""))
    if name == session_of(request).user.name and (disabled or (role and role is not Role.ADMIN)):
        raise Conflict(Message("You cannot lock yourself out: ask another admin."), code="self_lockout")
    await asyncio.to_thread(auth.update_user, name, role, disabled, data.get("password") or None)
    return redirect(f"{PREFIX}/users?done={name}")


async def audit_log(request: web.Request) -> web.StreamResponse:
    try:
        page = max(1, int(request.query.get("page", "1")))
    except ValueError:
        page = 1
    entries, total = await asyncio.to_thread(audit_page, request.app[SUPPORT].db, page, AUDIT_PAGE)
    return render(request, "audit.html", entries=entries, page=page, pages=max(1, -(-total // AUDIT_PAGE)),
                  total=total)


async def retention(request: web.Request) -> web.StreamResponse:
    services = request.app[SUPPORT]
    current = await asyncio.to_thread(get_retention, services.db, services.config.retention)
    return render(request, "retention.html", retention=current, saved=request.query.get("saved") == "1")


async def set_retention_days(request: web.Request) -> web.StreamResponse:
    data = await form(request)
    try:
        transcript_days, audio_days = int(data.get("transcript_days", "")), int(data.get("audio_days", ""))
    except ValueError:
        raise BadInput(Message("Retention is a whole number of days."), code="bad_retention") from None
    services = request.app[SUPPORT]
    await asyncio.to_thread(set_retention, services.db, transcript_days, audio_days,
                            by=session_of(request).user.name, defaults=services.config.retention)
    return redirect(f"{PREFIX}/retention?saved=1")
