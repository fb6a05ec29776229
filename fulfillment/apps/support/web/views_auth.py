"""Logging in and out, and picking the pages' language. The login form has its own CSRF token (a cookie and a
hidden field that must match)."""

from __future__ import annotations

import asyncio
import hmac
import secrets

from aiohttp import web

from fulfillment.apps.support.errors import CsrfRejected, LoginFailed
from fulfillment.apps.support.message import Message
from fulfillment.apps.support.web.keys import SESSION, STYLESHEET, SUPPORT
from fulfillment.apps.support.web.language import LANGUAGE_COOKIE, LANGUAGES
from fulfillment.apps.support.web.render import (
    COOKIE,
    LOGIN_COOKIE,
    PREFIX,
    form,
    redirect,
    render,
    safe_next,
    translated,
)
from fulfillment.domain.errors import BadInput


async def login_form(request: web.Request) -> web.StreamResponse:
    if request.get(SESSION):
        return redirect(safe_next(request.query.get("next")))
    return _login_page(request, request.query.get("next", ""))


def _login_page(request: web.Request, next_url: str, error: str = "", status: int = 200) -> web.Response:
    token = secrets.token_urlsafe(32)
    response = render(request, "login.html", status=status, login_csrf=token, next_url=next_url, error=error)
    response.set_cookie(LOGIN_COOKIE, token, path=f"{PREFIX}/login", max_age=3600, httponly=True,
                        samesite="Strict", secure=request.app[SUPPORT].config.cookie_secure)
    return response


async def login(request: web.Request) -> web.StreamResponse:
    data = await form(request)
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not hmac.compare_digest(expected.encode(), data.get("csrf", "").encode()):
        raise CsrfRejected(Message("The login form is too old or was sent from elsewhere. Reload the page and try "
                                   "again."))
    services = request.app[SUPPORT]
    try:
        token, session = await asyncio.to_thread(
            services.auth.log_in, data.get("name", ""), data.get("password", ""))
    except LoginFailed as err:
        return _login_page(request, data.get("next", ""), translated(request, err.message), status=err.status)
    response = redirect(safe_next(data.get("next")))
    response.set_cookie(COOKIE, token, path=PREFIX, max_age=int(services.config.session_hours * 3600),
                        httponly=True, samesite="Strict", secure=services.config.cookie_secure)
    response.del_cookie(LOGIN_COOKIE, path=f"{PREFIX}/login")
    request[SESSION] = session
    return response


async def logout(request: web.Request) -> web.StreamResponse:
    await asyncio.to_thread(request.app[SUPPORT].auth.log_out, request.cookies.get(COOKIE, ""))
    response = redirect(f"{PREFIX}/login")
    response.del_cookie(COOKIE, path=PREFIX)
    return response


async def choose_language(request: web.Request) -> web.StreamResponse:
    """`?lang=de&next=...`: the reader's own choice, kept in a cookie for a year (it only changes their pages)."""
    language = request.query.get("lang", "")
    if language not in LANGUAGES:
        raise BadInput(Message("The language is one of: %(languages)s.", languages=", ".join(LANGUAGES)),
                       code="bad_language")
    response = redirect(safe_next(request.query.get("next")))
    response.set_cookie(LANGUAGE_COOKIE, language, path=PREFIX, max_age=365 * 24 * 3600, httponly=True,
                        samesite="Lax", secure=request.app[SUPPORT].config.cookie_secure)
    return response


async def stylesheet(request: web.Request) -> web.StreamResponse:
    return web.Response(body=request.app[STYLESHEET], content_type="text/css", charset="utf-8",
                        headers={"Cache-Control": "public, max-age=3600"})


async def home(request: web.Request) -> web.StreamResponse:
    return redirect(f"{PREFIX}/conversations")
