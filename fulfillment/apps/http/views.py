"""HTTP views: parse and check the request, call the domain, shape the answer."""

from __future__ import annotations

import asyncio
from typing import Any

from aiohttp import web

from fulfillment.apps.http import audio_views, limits, query
from fulfillment.apps.http.auth import customer_for, is_local
from fulfillment.apps.http.bodies import read_json_object
from fulfillment.apps.http.keys import CONFIG, CONVERSATION, SHOP
from fulfillment.apps.http.openapi import spec_for
from fulfillment.domain.conversation import check_id
from fulfillment.domain.errors import BadInput, OrderNotFound
from fulfillment.domain.models import ProductFilter, euros
from fulfillment.domain.search import SearchRequest
from fulfillment.domain.turns import TurnRequest
from fulfillment.lang import known_locales, language_of


def _string(data: dict[str, Any], name: str, default: str | None = None) -> str:
    value = data.get(name, default)
    if not isinstance(value, str):
        raise BadInput(f"'{name}' must be a string.", code=f"bad_{name}")
    return value


def locale_of(value: object, languages: tuple[str, ...] = ("en",)) -> str:
    """The turn's locale: one with a language pack, in one of the shop's languages (EMMA_LANGUAGES);
    absent, the shop's default language."""
    if value is None:
        return languages[0]
    allowed = [name for name in known_locales() if language_of(name) in languages]
    if not isinstance(value, str) or value not in allowed:
        raise BadInput(f"'locale' must be one of {', '.join(allowed)}.", code="unsupported_locale")
    return value


def _optional_id(data: dict[str, Any], name: str) -> str | None:
    """A well-formed id, or None when the field is absent or null."""
    return check_id(name, data[name]) if data.get(name) is not None else None


async def turn(request: web.Request) -> web.StreamResponse:
    if request.content_type in audio_views.WAV_TYPES:
        return await audio_views.audio_turn(request)
    data = await read_json_object(request, request.app[CONFIG].http.max_body_bytes)
    header_key = request.headers.get("Idempotency-Key")
    if header_key is not None:
        check_id("idempotency_key", header_key)  # checked even when the body's key wins
    turn_request = TurnRequest(
        session_id=_string(data, "session_id"),
        customer_id=customer_for(request, _optional_id(data, "customer_id")) or "demo",
        text=_string(data, "text"),
        channel="http",
        idempotency_key=_optional_id(data, "idempotency_key") or header_key,
        locale=locale_of(data.get("locale"), request.app[CONFIG].languages),
    )
    result = await request.app[CONVERSATION].handle(turn_request)
    return web.json_response(result.to_json())


async def products(request: web.Request) -> web.Response:
    q = request.query
    low = query.number(q, "price_min", 0, limits.MAX_PRICE)
    high = query.number(q, "price_max", 0, limits.MAX_PRICE)
    limit = query.integer(q, "limit", 1, limits.MAX_PRODUCTS, limits.DEFAULT_PRODUCTS)
    words, color, size, brand, category, material = (
        query.single(q, name) for name in ("q", "color", "size", "brand", "category", "material"))
    search = SearchRequest((words or "")[: limits.MAX_QUERY_CHARS], ProductFilter(
        color=color or None, size=size or None, brand=brand or None, category=category or None,
        material=material or None,
        price_min_cents=round(low * 100) if low is not None else None,
        price_max_cents=round(high * 100) if high is not None else None,
        in_stock=query.flag(q, "in_stock"),
    ))
    shop = request.app[SHOP]

    def run() -> dict[str, Any]:
        result = shop.search.search(search)
        found = shop.catalog.get_many(result.ids[:limit])
        return {
            "exact": result.exact,
            "products": [
                {**p.to_json(), "category": p.category, "type": p.type, "rating": p.rating,
                 "in_stock": p.in_stock, "variants": [
                     {"sku": v.sku, "color": v.color, "size": v.size, "price": euros(v.price_cents),
                      "stock": v.stock} for v in p.variants]}
                for p in found
            ],
        }

    return web.json_response(await asyncio.to_thread(run))


async def order(request: web.Request) -> web.Response:
    shop = request.app[SHOP]
    order_id = request.match_info["order_id"].upper()
    named = request.query.get("customer_id")
    customer_id = customer_for(request, check_id("customer_id", named) if named is not None else None)
    found = await asyncio.to_thread(shop.order_store.get, order_id)
    # Orders are private: the caller must name the customer the order belongs to.
    if found is None or found.customer_id != customer_id:
        raise OrderNotFound(order_id)
    return web.json_response({
        **found.to_json(), "placed_at": found.placed_at, "status_dates": found.status_dates,
        "shipping": euros(found.shipping_cents),
        "items": [{"sku": x.sku, "title": x.title, "quantity": x.quantity, "price": euros(x.price_cents)}
                  for x in found.lines],
    })


async def health(request: web.Request) -> web.Response:
    if not is_local(request):  # the outside world learns only that Emma is up
        return web.json_response({"status": "ok"})
    count = await asyncio.to_thread(request.app[SHOP].catalog.count)
    return web.json_response({"status": "ok", "home": str(request.app[CONFIG].home), "products": count})


async def openapi(request: web.Request) -> web.Response:
    return web.json_response(spec_for(request.app[CONFIG].languages))
