"""Logins, sessions, CSRF and the role table: every route answers 401 or 403 to whoever may not use it."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from fulfillment.adapters.sqlite.support import SupportSessionStore, SupportUserStore
from fulfillment.apps.support.auth import Authenticator, token_hash
from fulfillment.apps.support.errors import LoginFailed, LoginThrottled
from fulfillment.apps.support.models import Role
from fulfillment.apps.support.web.routes import ROUTES
from tests.fulfillment.apps.support.conftest import PASSWORD, USERS, csrf_of, login

ROLE_USER = {Role.AGENT: "alex", Role.SUPERVISOR: "sofia", Role.ADMIN: "ada"}


def _url(path: str) -> str:
    return "/support" + re.sub(r"\{[^}]+\}", "x1", path)


GUARDED = [(method, _url(path), role) for method, path, _, _, role in ROUTES if role is not None]


async def test_login_sets_a_strict_httponly_cookie_and_stores_only_a_hash(client, shop):
    page = await (await client.get("/support/login")).text()
    resp = await client.post("/support/login", data={"name": "alex", "password": PASSWORD, "csrf": csrf_of(page)},
                             allow_redirects=False)
    assert resp.status == 303 and resp.headers["Location"] == "/support/conversations"
    cookie = resp.cookies["emma_support"]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/support"
    stored = [r[0] for r in shop.db.connection().execute("SELECT token_hash FROM support_sessions")]
    assert stored == [token_hash(cookie.value)] and cookie.value not in stored
    assert (await client.get("/support/conversations")).status == 200


@pytest.mark.parametrize(("name", "password"), [("alex", "wrong-password-1"), ("nobody", PASSWORD), ("", "")])
async def test_a_bad_login_says_the_same_thing_for_every_mistake(client, name, password):
    page = await (await client.get("/support/login")).text()
    resp = await client.post("/support/login", data={"name": name, "password": password, "csrf": csrf_of(page)})
    assert resp.status == 401
    assert "Wrong user name or password." in await resp.text()
    assert (await client.get("/support/conversations")).status == 401


async def test_login_without_its_csrf_token_is_refused(client):
    resp = await client.post("/support/login", data={"name": "alex", "password": PASSWORD, "csrf": "forged"})
    assert resp.status == 403 and "csrf_rejected" in await resp.text()


async def test_login_redirects_back_only_inside_the_app(client):
    for target, expected in (("/support/tickets", "/support/tickets"), ("https://evil.example/", None),
                             ("//evil.example/x", None)):
        client.session.cookie_jar.clear()
        page = await (await client.get(f"/support/login?next={target}")).text()
        resp = await client.post("/support/login", allow_redirects=False, data={
            "name": "alex", "password": PASSWORD, "csrf": csrf_of(page), "next": target})
        assert resp.headers["Location"] == (expected or "/support/conversations")


async def test_logout_ends_the_session(client):
    csrf = await login(client, "alex")
    resp = await client.post("/support/logout", data={"csrf": csrf}, allow_redirects=False)
    assert resp.status == 303
    assert (await client.get("/support/conversations")).status == 401


@pytest.mark.parametrize(("url", "data"), [
    ("/support/logout", {}),
    ("/support/logout", {"csrf": "not-the-token"}),
    ("/support/tickets/T1/claim", {}),
    ("/support/turns/x/annotate", {"intent": "greet", "text": "hi"}),
    ("/support/users", {"name": "mallory", "role": "admin", "password": "x" * 12}),
])
async def test_every_post_without_the_session_csrf_token_is_refused(client, url, data):
    await login(client, "ada")
    resp = await client.post(url, data=data)
    assert resp.status == 403
    assert "csrf_rejected" in await resp.text()
    assert (await client.get("/support/conversations")).status == 200  # still logged in


async def test_pages_redirect_a_browser_to_the_login_page(client):
    resp = await client.get("/support/tickets?status=open", headers={"Accept": "text/html"}, allow_redirects=False)
    assert resp.status == 303
    assert resp.headers["Location"] == "/support/login?next=%2Fsupport%2Ftickets%3Fstatus%3Dopen"


@pytest.mark.parametrize(("method", "url", "role"), GUARDED)
async def test_without_a_login_every_route_answers_401(client, method, url, role):
    resp = await client.request(method, url, allow_redirects=False)
    assert resp.status == 401


@pytest.mark.parametrize(("method", "url", "role"), [g for g in GUARDED if g[2] is not Role.AGENT])
async def test_a_lower_role_gets_403(client, method, url, role):
    for lower in [r for r in Role if not r.allows(role)]:
        csrf = await login(client, ROLE_USER[lower])
        resp = await client.request(method, url, data={"csrf": csrf} if method == "POST" else None)
        assert resp.status == 403, (lower, url)


async def test_unknown_support_urls_need_a_login_too(client):
    assert (await client.get("/support/secret/admin")).status == 401
    await login(client, "alex")
    assert (await client.get("/support/secret/admin")).status == 404


async def test_every_route_of_the_support_app_is_in_the_role_table(app):
    from fulfillment.apps.support.web.keys import ROLES, SUPPORT_APP

    support = app[SUPPORT_APP]
    names = {r.name for r in support.router.routes()}
    assert names == set(support[ROLES])


async def test_pages_carry_security_headers(client):
    resp = await client.get("/support/login")
    assert "frame-ancestors 'none'" in resp.headers["Content-Security-Policy"]
    assert resp.headers["Cache-Control"] == "no-store"
    assert resp.headers["X-Content-Type-Options"] == "nosniff"


def test_sessions_expire(shop):
    now = [datetime(2025, 1, 1, tzinfo=UTC)]
    auth = Authenticator(SupportUserStore(shop.db), SupportSessionStore(shop.db), 1.0, clock=lambda: now[0])
    token, _ = auth.log_in("alex", PASSWORD)
    assert auth.session(token).user.role is Role.AGENT
    now[0] += timedelta(minutes=61)
    assert auth.session(token) is None
    assert auth.session("made-up") is None


def test_password_guessing_pauses_a_name_after_five_misses(shop):
    now = [datetime(2025, 1, 1, tzinfo=UTC)]
    auth = Authenticator(SupportUserStore(shop.db), SupportSessionStore(shop.db), 1.0, clock=lambda: now[0])
    for _ in range(5):
        with pytest.raises(LoginFailed) as miss:
            auth.log_in("alex", "wrong-password-123")
        assert not isinstance(miss.value, LoginThrottled)
    with pytest.raises(LoginThrottled) as paused:
        auth.log_in("alex", PASSWORD)  # even the right password waits
    assert paused.value.status == 429 and "15 minutes" in paused.value.message
    auth.log_in("sofia", PASSWORD)  # other names are not affected
    now[0] += timedelta(minutes=15)
    auth.log_in("alex", PASSWORD)


async def test_a_paused_login_answers_429(client):
    for _ in range(6):
        page = await client.get("/support/login")
        resp = await client.post("/support/login", data={"name": "alex", "password": "nope-nope-nope",
                                                         "csrf": csrf_of(await page.text())})
    assert resp.status == 429 and "Too many wrong passwords" in await resp.text()


def test_disabling_a_user_ends_their_sessions(services):
    token, _ = services.auth.log_in("alex", PASSWORD)
    services.auth.update_user("alex", disabled=True)
    assert services.auth.session(token) is None
    with pytest.raises(LoginFailed):
        services.auth.log_in("alex", PASSWORD)


def test_users_of_the_fixture_have_the_expected_roles(services):
    assert {u.name: u.role for u in services.auth.list_users()} == USERS
