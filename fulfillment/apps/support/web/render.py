"""HTML responses: jinja2 templates in the reader's language with the logged-in user, redirects and form
reading."""

from __future__ import annotations

import gettext
from typing import Any
from urllib.parse import urlencode

import jinja2
from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from fulfillment.apps.support.message import Message
from fulfillment.apps.support.models import Role, SupportSession
from fulfillment.apps.support.web.catalogs import load_translations
from fulfillment.apps.support.web.formats import Formats
from fulfillment.apps.support.web.keys import LANGUAGE, SESSION, TEMPLATES
from fulfillment.apps.support.web.language import DEFAULT, LANGUAGES
from fulfillment.domain.errors import BadInput

PREFIX = "/support"
COOKIE = "emma_support"
LOGIN_COOKIE = "emma_support_login"


def templates(language: str) -> jinja2.Environment:
    """The pages in `language`: its catalog installed for `_`/`gettext`/`ngettext`, its date and number filters."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("fulfillment.apps.support", "templates"), extensions=["jinja2.ext.i18n"],
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    catalog = load_translations(language)
    env.install_gettext_translations(catalog, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(Formats.of(language).filters(), query=lambda q: urlencode(q))
    env.globals.update(prefix=PREFIX, Role=Role, language=language, languages=LANGUAGES, catalog=catalog)
    return env


def all_templates() -> dict[str, jinja2.Environment]:
    return {language: templates(language) for language in LANGUAGES}


def language_of(request: web.Request) -> str:
    return request.get(LANGUAGE, DEFAULT)


def translated(request: web.Request, message: str) -> str:
    """An error or notice in the page's language; text the catalog doesn't know stays English."""
    catalog = request.app[TEMPLATES][language_of(request)].globals["catalog"]
    assert isinstance(catalog, gettext.NullTranslations)
    return message.translated(catalog.gettext) if isinstance(message, Message) else catalog.gettext(message)


def session_of(request: web.Request) -> SupportSession:
    """The logged-in session; the middleware guarantees one on every non-public route."""
    return request[SESSION]


def render(request: web.Request, template: str, status: int = 200, **context: Any) -> web.Response:
    session = request.get(SESSION)
    user = session.user if session else None
    language = language_of(request)
    html = request.app[TEMPLATES][language].get_template(template).render(
        user=user, csrf=session.csrf_token if session else "",
        can=(lambda role: bool(user and user.role.allows(role))), path=request.path, here=request.path_qs,
        **context,
    )
    return web.Response(text=html, status=status, content_type="text/html", charset="utf-8",
                        headers={"Content-Language": language})


def redirect(location: str) -> web.Response:
    """303 See Other: after a POST the browser GETs the next page."""
    return web.Response(status=303, headers={"Location": location})


async def form(request: web.Request) -> dict[str, str]:
    """The urlencoded or multipart form, first value of each field; `BadInput` if it can't be read."""
    try:
        data = await request.post()
    except (ValueError, LookupError, HttpProcessingError) as err:  # bad UTF-8 or charset, broken multipart
        raise BadInput(Message("The form could not be read; reload the page and try again."),
                       code="bad_form") from err
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
