"""HTML responses: jinja2 templates with the logged-in user, redirects and form reading."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlencode

import jinja2
from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from fulfillment.apps.support.models import Role, SupportSession
from fulfillment.apps.support.web.keys import SESSION, TEMPLATES
from fulfillment.domain.errors import BadInput

PREFIX = "/support"
COOKIE = "emma_support"
LOGIN_COOKIE = "emma_support_login"


def _when(value: str | None) -> str:
    """ISO timestamps as `2025-01-31 14:05` (UTC)."""
    if not value:
        return ""
    try:
        return datetime.fromisoformat(value).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return value


def _percent(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value * 100:.{digits}f}%"


def _euros(value: float | None) -> str:
    return "–" if value is None else f"€{value:,.2f}"


def templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("fulfillment.apps.support", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters.update(when=_when, percent=_percent, euros=_euros, query=lambda q: urlencode(q))
    env.globals.update(prefix=PREFIX, Role=Role)
    return env


def session_of(request: web.Request) -> SupportSession:
    """The logged-in session; the middleware guarantees one on every non-public route."""
    return request[SESSION]


def render(request: web.Request, template: str, status: int = 200, **context: Any) -> web.Response:
    session = request.get(SESSION)
    user = session.user if session else None
    html = request.app[TEMPLATES].get_template(template).render(
        user=user, csrf=session.csrf_token if session else "",
        can=(lambda role: bool(user and user.role.allows(role))), path=request.path, **context,
    )
    return web.Response(text=html, status=status, content_type="text/html", charset="utf-8")


def redirect(location: str) -> web.Response:
    """303 See Other: after a POST the browser GETs the next page."""
    return web.Response(status=303, headers={"Location": location})


async def form(request: web.Request) -> dict[str, str]:
    """The urlencoded or multipart form, first value of each field; `BadInput` if it can't be read."""
    try:
        data = await request.post()
    except (ValueError, LookupError, HttpProcessingError) as err:  # bad UTF-8 or charset, broken multipart
        raise BadInput("The form could not be read; reload the page and try again.", code="bad_form") from err
    out: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, str):
            out.setdefault(key, value)
    return out


def safe_next(target: str | None) -> str:
    """Only paths inside the app: a login link must not send anyone elsewhere."""
    if target and target.startswith(PREFIX + "/") and not target.startswith("//") and "\\" not in target:
        return target
    return f"{PREFIX}/conversations"
