"""Who may see what: session lookup, role checks, CSRF on every POST, HTML errors and security headers."""

from __future__ import annotations

import asyncio
import logging
from urllib.parse import urlencode

from aiohttp import web
from aiohttp.typedefs import Handler

from fulfillment.apps.support.auth import check_csrf
from fulfillment.apps.support.errors import Forbidden, NotLoggedIn
from fulfillment.apps.support.message import Message
from fulfillment.apps.support.models import Role
from fulfillment.apps.support.web.keys import LANGUAGE, ROLES, SESSION, SUPPORT
from fulfillment.apps.support.web.language import LANGUAGE_COOKIE, choose
from fulfillment.apps.support.web.render import COOKIE, PREFIX, form, redirect, render, translated
from fulfillment.domain.errors import EmmaError

log = logging.getLogger("emma.support")

HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; media-src 'self';"
                               " form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def _wants_page(request: web.Request) -> bool:
    return request.method in ("GET", "HEAD") and "text/html" in request.headers.get("Accept", "")


def _error(request: web.Request, status: int, code: str, message: str) -> web.Response:
    return render(request, "error.html", status=status, code=code, message=translated(request, message))


@web.middleware
async def support_guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    request[LANGUAGE] = choose(request.cookies.get(LANGUAGE_COOKIE), request.app[SUPPORT].config.language,
                               request.headers.get("Accept-Language"))
    route_name = request.match_info.route.name
    roles = request.app[ROLES]
    needed = roles.get(route_name or "", Role.AGENT)  # unknown URLs: log in first
    session = await asyncio.to_thread(request.app[SUPPORT].auth.session, request.cookies.get(COOKIE))
    if session is not None:
        request[SESSION] = session
    try:
        if needed is not None:
            if session is None:
                raise NotLoggedIn(Message("Log in to use the support app."))
            if not session.user.role.allows(needed):
                raise Forbidden(Message("This needs the %(needed)s role; you are %(role)s.",
                                        needed=Message(needed.value), role=Message(session.user.role.value)))
            if request.method not in ("GET", "HEAD"):
                check_csrf(session, (await form(request)).get("csrf"))
        response = await handler(request)
    except NotLoggedIn as err:
        if _wants_page(request):
            return _secured(redirect(f"{PREFIX}/login?" + urlencode({"next": request.path_qs})))
        response = _error(request, err.status, err.code, err.message)
    except EmmaError as err:
        response = _error(request, err.status, err.code, err.message)
    except web.HTTPException as err:
        if err.status < 400:
            raise
        response = _error(request, err.status, err.reason.lower().replace(" ", "_"), _reason(err.status, err.reason))
        if "Allow" in err.headers:  # a 405 says which methods would do
            response.headers["Allow"] = err.headers["Allow"]
    except Exception:
        log.exception("support app error on %s %s", request.method, request.path)
        response = _error(request, 500, "internal_error", Message("Something went wrong on our side."))
    return _secured(response)


def _reason(status: int, reason: str) -> str:
    """aiohttp's own refusals (an unknown URL, a wrong method) in the page's language."""
    known = {404: Message("Not Found"), 405: Message("Method Not Allowed"),
             413: Message("Request Entity Too Large")}
    return known.get(status, reason)


def _secured(response: web.StreamResponse) -> web.StreamResponse:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    response.headers.setdefault("Vary", "Accept-Language, Cookie")  # the page's language depends on both
    if response.content_type == "text/html" or "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store"  # transcripts must not linger in caches
    return response
