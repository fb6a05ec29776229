"""The OpenAPI description served at /api/v1/openapi.json.

It states what the server enforces (tests/fulfillment/apps/http/test_openapi_schemathesis.py holds the two to
each other): id patterns as `check_id` checks them, the bounds the views check, the errors each route answers.
"""

from __future__ import annotations

import copy
from typing import Any

from fulfillment.apps.http import limits
from fulfillment.lang import known_locales, language_of

_ERROR = {"$ref": "#/components/schemas/Error"}
_KEY: list[dict[str, list[str]]] = [{"apiKey": []}]
"""Without a key only this machine may call, and only when the server listens on loopback."""
_ID = {"type": "string", "pattern": limits.ID_PATTERN}
_PRICE = {"type": "number", "minimum": 0, "exclusiveMaximum": limits.MAX_PRICE}
_MONEY = {"type": "number"}


_BAD_REQUEST = {
    "description": "Error; plain text when the HTTP itself is malformed (a URL or header over 8 KB, a broken "
                   "chunk), refused before Emma reads it",
    "content": {"application/json": {"schema": _ERROR}, "text/plain": {"schema": {"type": "string"}}},
}


def _errors(*codes: int) -> dict[str, Any]:
    return {str(c): _BAD_REQUEST if c == 400 else {"description": "Error", "content": {
        "application/json": {"schema": _ERROR}}} for c in codes}


def _json(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _query(name: str, schema: dict[str, Any], description: str = "") -> dict[str, Any]:
    return {"name": name, "in": "query", "schema": schema, **({"description": description} if description else {})}


def _object(required: list[str], **properties: Any) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": properties}


_TEXT_FILTER = {"type": "string"}

OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Emma", "version": "1", "description": "Emma, the voice shop assistant."},
    "paths": {
        "/api/v1/turn": {
            "post": {
                "summary": "Run one conversation turn (scope `turns`)",
                "security": _KEY,
                "description": "A JSON turn, or a WAV recording (servers with speech) whose session_id, customer_id "
                               "and idempotency_key come in the query or the X-Emma-Session, X-Emma-Customer and "
                               "Idempotency-Key headers.",
                "parameters": [{"name": "Idempotency-Key", "in": "header", "required": False, "schema": _ID,
                                "description": "Used when the body has no idempotency_key."}],
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/TurnRequest"}},
                    "audio/wav": {"schema": {"type": "string", "format": "binary"}},
                }},
                "responses": {
                    "200": {"description": "The turn (its spoken reply as audio/wav when the Accept header asks)",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Turn"}},
                                        "audio/wav": {"schema": {"type": "string", "format": "binary"}}}},
                    **_errors(400, 401, 403, 404, 409, 413, 415, 429, 503),
                },
            }
        },
        "/api/v1/turns/{turn_id}/reply.wav": {
            "get": {
                "summary": "The spoken reply of a turn (scope `turns`)",
                "security": _KEY,
                "parameters": [{"name": "turn_id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": {"description": "The reply: a chunked WAV of open length (0xFFFFFFFF), each "
                                                     "sentence sent once spoken", "content": {"audio/wav": {
                    "schema": {"type": "string", "format": "binary"}}}}, **_errors(400, 401, 403, 404, 503)},
            }
        },
        "/api/v1/products": {
            "get": {
                "summary": "Search products (scope `catalog`)",
                "security": _KEY,
                "parameters": [
                    _query("q", {"type": "string"}, f"Words to match; only the first {limits.MAX_QUERY_CHARS} "
                                                    "characters count."),
                    *(_query(name, _TEXT_FILTER) for name in ("color", "size", "brand", "category", "material")),
                    _query("price_min", _PRICE, "Euros."),
                    _query("price_max", _PRICE, "Euros."),
                    _query("in_stock", {"type": "boolean"}, "Only products with stock."),
                    _query("limit", {"type": "integer", "minimum": 1, "maximum": limits.MAX_PRODUCTS,
                                     "default": limits.DEFAULT_PRODUCTS}),
                ],
                "responses": {"200": _json("Matching products", {"$ref": "#/components/schemas/Products"}),
                              **_errors(400, 401, 403)},
            }
        },
        "/api/v1/orders/{order_id}": {
            "get": {
                "summary": "One order of a customer (scope `orders`)",
                "security": _KEY,
                "parameters": [
                    {"name": "order_id", "in": "path", "required": True, "schema": {"type": "string"}},
                    _query("customer_id", _ID, "The customer the order belongs to; required unless the key is "
                                               "bound to a customer."),
                ],
                "responses": {"200": _json("The order", {"$ref": "#/components/schemas/Order"}),
                              **_errors(400, 401, 403, 404)},
            }
        },
        "/health": {"get": {"summary": "Liveness", "responses": {"200": _json("OK", _object(
            ["status"], status={"type": "string"}, home={"type": "string"}, products={"type": "integer"}))}}},
    },
    "components": {"securitySchemes": {"apiKey": {
        "type": "http", "scheme": "bearer", "description": "An API key from `emma api-key add`."}}, "schemas": {
        "Error": _object(["error"], error=_object(["code", "message"], code={"type": "string"},
                                                  message={"type": "string"})),
        "TurnRequest": _object(
            ["session_id", "text"],
            session_id=_ID,
            customer_id={**_ID, "type": ["string", "null"], "default": "demo",
                         "description": "A key bound to a customer acts for that customer only"},
            text={"type": "string", "description": "At most max_text_chars (500 unless configured) characters, "
                                                   "once control characters are dropped and white space folded."},
            idempotency_key={**_ID, "type": ["string", "null"]},
            locale={"type": ["string", "null"], "enum": [*known_locales(), None], "default": "en",
                    "description": "The language of the turn and its reply."},
        ),
        "Turn": _object(
            ["session_id", "turn_id", "transcript", "intent", "entities", "action", "reply", "data", "timings_ms"],
            session_id={"type": "string"}, turn_id={"type": "string"}, transcript={"type": "string"},
            intent=_object(["name", "confidence"], name={"type": "string"}, confidence={"type": "number"}),
            entities={"type": "array", "items": {"type": "object"}},
            action={"type": "string"}, reply={"type": "string"}, data={"type": "object"},
            timings_ms={"type": "object", "additionalProperties": {"type": "number"}},
            expects_answer={"type": "boolean"}, end_session={"type": "boolean"},
            reply_audio={"type": "string", "description": "Audio turns: where the spoken reply streams from "
                                                          "(GET it at once; it is synthesized as it is sent)."},
        ),
        "Products": _object(["exact", "products"], exact={"type": "boolean"},
                            products={"type": "array", "items": {"$ref": "#/components/schemas/Product"}}),
        "Product": _object(
            ["sku", "handle", "title", "price", "variants"],
            sku={"type": "string"}, handle={"type": "string"}, title={"type": "string"},
            brand={"type": ["string", "null"]}, price=_MONEY, category={"type": ["string", "null"]},
            type={"type": ["string", "null"]}, rating={"type": ["number", "null"]}, in_stock={"type": "boolean"},
            variants={"type": "array", "items": _object(
                ["sku", "price", "stock"], sku={"type": "string"}, color={"type": ["string", "null"]},
                size={"type": ["string", "null"]}, price=_MONEY, stock={"type": "integer"})},
        ),
        "Order": _object(
            ["id", "status", "total", "items"],
            id={"type": "string"}, status={"type": "string"}, total=_MONEY, placed_at={"type": ["string", "null"]},
            status_dates={"type": "object"}, shipping=_MONEY,
            items={"type": "array", "items": _object(["sku", "quantity", "price"], sku={"type": "string"},
                                                     title={"type": "string"}, quantity={"type": "integer"},
                                                     price=_MONEY)},
        ),
    }},
}


def spec_for(languages: tuple[str, ...]) -> dict[str, Any]:
    """OPENAPI for a shop in `languages` (EMMA_LANGUAGES): a turn takes only their locales."""
    spec = copy.deepcopy(OPENAPI)
    locale = spec["components"]["schemas"]["TurnRequest"]["properties"]["locale"]
    locale["enum"] = [*(name for name in known_locales() if language_of(name) in languages), None]
    locale["default"] = languages[0]
    return spec
