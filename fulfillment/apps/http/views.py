"""HTTP views: parse and check the request, call the domain, shape the answer."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import web

from fulfillment.adapters.sqlite.catalog import ProductFilter
from fulfillment.apps.http import audio_views
from fulfillment.apps.http.keys import CONFIG, CONVERSATION, SHOP
from fulfillment.apps.http.openapi import OPENAPI
from fulfillment.domain.errors import BadInput, OrderNotFound
from fulfillment.domain.models import euros
from fulfillment.domain.search import SearchRequest
from fulfillment.domain.turns import TurnRequest


async def read_json_object(request: web.Request, limit: int) -> dict[str, Any]:
    if request.content_type != "application/json":
        raise BadInput("Send the turn as application/json or audio/wav.", code="unsupported_media_type")
    if request.content_length is not None and request.content_length > limit:
        raise BodyTooLarge(f"The body is larger than {limit} bytes.")
    body = await request.content.read(limit + 1)
    if len(body) > limit:
        raise BodyTooLarge(f"The body is larger than {limit} bytes.")
    try:
        data = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise BadInput("The body is not valid UTF-8.", code="bad_encoding") from err
    except json.JSONDecodeError as err:
        raise BadInput(f"The body is not valid JSON: {err.msg}.", code="bad_json") from err
    if not isinstance(data, dict):
        raise BadInput("The body must be a JSON object.", code="bad_json")
    return data


def _string(data: dict[str, Any], name: str, default: str | None = None) -> str:
    value = data.get(name, default)
    if not isinstance(value, str):
        raise BadInput(f"'{name}' must be a string.", code=f"bad_{name}")
    return value


class BodyTooLarge(BadInput):
    code = "body_too_large"
    status = 413


async def turn(request: web.Request) -> web.StreamResponse:
    if request.content_type in audio_views.WAV_TYPES:
        return await audio_views.audio_turn(request)
    data = await read_json_object(request, request.app[CONFIG].max_body_bytes)
    key = data.get("idempotency_key") or request.headers.get("Idempotency-Key")
    turn_request = TurnRequest(
        session_id=_string(data, "session_id"),
        customer_id=_string(data, "customer_id", "demo"),
        text=_string(data, "text"),
        channel="http",
        idempotency_key=_string({"k": key}, "k") if key is not None else None,
    )
    result = await request.app[CONVERSATION].handle(turn_request)
    return web.json_response(result.to_json())


def _number(query: Any, name: str) -> float | None:
    raw = query.get(name)
    if raw is None or raw == "":
        return None
    try:
        value = float(raw)
    except ValueError as err:
        raise BadInput(f"'{name}' must be a number.", code=f"bad_{name}") from err
    if not 0 <= value < 1e7:
        raise BadInput(f"'{name}' is out of range.", code=f"bad_{name}")
    return value


async def products(request: web.Request) -> web.Response:
    q = request.query
    low, high = _number(q, "price_min"), _number(q, "price_max")
    limit = int(_number(q, "limit") or 10)
    search = SearchRequest(q.get("q", "")[:200], ProductFilter(
        color=q.get("color") or None, size=q.get("size") or None,
        brand=q.get("brand") or None, category=q.get("category") or None,
        material=q.get("material") or None,
        price_min_cents=round(low * 100) if low is not None else None,
        price_max_cents=round(high * 100) if high is not None else None,
        in_stock=q.get("in_stock", "").lower() in ("1", "true", "yes"),
    ))
    shop = request.app[SHOP]

    def run() -> dict[str, Any]:
        result = shop.search.search(search)
        found = shop.catalog.get_many(result.ids[: max(1, min(limit, 50))])
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
    customer_id = request.query.get("customer_id")
    found = await asyncio.to_thread(shop.orders.orders.get, order_id)
    # Orders are private: the caller must name the customer the order belongs to.
    if found is None or found.customer_id != customer_id:
        raise OrderNotFound(f"No order {order_id} for this customer.")
    return web.json_response({
        **found.to_json(), "placed_at": found.placed_at, "status_dates": found.status_dates,
        "shipping": euros(found.shipping_cents),
        "items": [{"sku": x.sku, "title": x.title, "quantity": x.quantity, "price": euros(x.price_cents)}
                  for x in found.lines],
    })


async def health(request: web.Request) -> web.Response:
    shop = request.app[SHOP]
    count = await asyncio.to_thread(shop.catalog.count)
    return web.json_response({"status": "ok", "home": str(request.app[CONFIG].home), "products": count})


async def openapi(request: web.Request) -> web.Response:
    return web.json_response(OPENAPI)
