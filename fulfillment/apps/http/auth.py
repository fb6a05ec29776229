"""Who is calling the API: a Bearer API key, or this machine when the server listens on loopback only."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from aiohttp import web
from aiohttp.typedefs import Handler

from fulfillment.adapters.sqlite.api_keys import ApiKey, ApiKeyRepository
from fulfillment.apps.http.keys import CONFIG
from fulfillment.apps.http.middlewares import error_body
from fulfillment.apps.loopback import is_loopback_address
from fulfillment.services.api_keys import ApiKeys, acting_customer
from fulfillment.wiring import open_database

KEYS_REQUIRED = web.AppKey("api_keys_required", bool)
"""True when the server listens beyond loopback: then every API request needs a key."""
API_KEYS = web.AppKey("api_keys", ApiKeys)
CALLER = web.RequestKey("api_caller", ApiKey)
"""The verified key of this request; absent for a local caller without one."""

ROUTE_SCOPES: dict[tuple[str, str], str] = {
    ("POST", "/api/v1/turn"): "turns",
    ("GET", "/api/v1/turns/{turn_id}/reply.wav"): "turns",
    ("GET", "/api/v1/products"): "catalog",
    ("GET", "/api/v1/orders/{order_id}"): "orders",
}
"""The scope each API route needs. An /api/ route missing here is refused to every key (fail closed)."""
PUBLIC = frozenset({"/api/v1/openapi.json"})
"""API routes anyone may call. Outside /api/ (/health, /alexa, /support) each part checks its own callers."""
_RELAYED = ("Forwarded", "X-Forwarded-For", "X-Real-IP")
"""A proxy on this machine sets one of these: its requests come from loopback but not from this machine."""


def setup_auth(app: web.Application, keys_required: bool) -> None:
    """Checks keys against the home's database; `require_api_key` must be among the app's middlewares."""
    app[KEYS_REQUIRED] = keys_required

    async def key_store(app: web.Application) -> AsyncIterator[None]:
        db = open_database(app[CONFIG])  # PostgreSQL's when configured: every instance checks the same keys
        app[API_KEYS] = ApiKeys(ApiKeyRepository(db))
        yield
        db.close()

    app.cleanup_ctx.append(key_store)


def is_local(request: web.Request) -> bool:
    return is_loopback_address(request.remote) and not any(h in request.headers for h in _RELAYED)


def customer_for(request: web.Request, named: str | None) -> str | None:
    """The customer this request acts for: a key bound to a customer allows that one only (else 403)."""
    return acting_customer(request.get(CALLER), named)


def bound_customer(request: web.Request) -> str | None:
    key = request.get(CALLER)
    return key.customer_id if key is not None else None


@web.middleware
async def require_api_key(request: web.Request, handler: Handler) -> web.StreamResponse:
    match = request.match_info
    if match.http_exception is not None:  # no such route: the 404 or 405 tells nothing
        return await handler(request)
    resource = match.route.resource
    path = resource.canonical if resource is not None else ""
    if not path.startswith("/api/") or path in PUBLIC:
        return await handler(request)
    header = request.headers.get("Authorization")
    if header is None:
        if not request.app[KEYS_REQUIRED] and is_local(request):
            return await handler(request)
        return _unauthorized("missing_api_key", "This API needs a key: send Authorization: Bearer <key>.")
    scheme, _, presented = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not presented.strip():
        return _unauthorized("bad_authorization", "Send the key as Authorization: Bearer <key>.")
    key = await asyncio.to_thread(request.app[API_KEYS].verify, presented.strip())
    if key is None:  # wrong and revoked look the same: nothing to learn from trying
        return _unauthorized("invalid_api_key", "The API key is not valid.", 'error="invalid_token"')
    method = "GET" if request.method == "HEAD" else request.method
    if ROUTE_SCOPES.get((method, path)) not in key.scopes:
        return web.json_response(error_body("missing_scope", "This API key may not use this endpoint."),
                                 status=403)
    request[CALLER] = key
    return await handler(request)


def _unauthorized(code: str, message: str, detail: str = "") -> web.Response:
    challenge = f'Bearer realm="emma", {detail}' if detail else 'Bearer realm="emma"'
    return web.json_response(error_body(code, message), status=401, headers={"WWW-Authenticate": challenge})
