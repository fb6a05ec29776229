"""The OpenAPI description served at /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any

_ERROR = {"$ref": "#/components/schemas/Error"}


def _errors(*codes: int) -> dict[str, Any]:
    return {str(c): {"description": "Error", "content": {"application/json": {"schema": _ERROR}}} for c in codes}


OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Emma", "version": "1", "description": "Emma, the voice shop assistant."},
    "paths": {
        "/api/v1/turn": {
            "post": {
                "summary": "Run one conversation turn",
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/TurnRequest"}},
                    "audio/wav": {"schema": {"type": "string", "format": "binary"}},
                }},
                "responses": {"200": {"description": "The turn", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Turn"}}}}, **_errors(400, 404, 409, 413, 415, 429, 503)},
            }
        },
        "/api/v1/products": {
            "get": {
                "summary": "Search products",
                "parameters": [
                    {"name": n, "in": "query", "schema": {"type": t}}
                    for n, t in (("q", "string"), ("color", "string"), ("size", "string"), ("brand", "string"),
                                 ("category", "string"), ("material", "string"), ("price_min", "number"),
                                 ("price_max", "number"), ("in_stock", "boolean"), ("limit", "integer"))
                ],
                "responses": {"200": {"description": "Matching products"}, **_errors(400)},
            }
        },
        "/api/v1/orders/{order_id}": {
            "get": {
                "summary": "One order of a customer",
                "parameters": [
                    {"name": "order_id", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "customer_id", "in": "query", "required": True, "schema": {"type": "string"}},
                ],
                "responses": {"200": {"description": "The order"}, **_errors(404)},
            }
        },
        "/health": {"get": {"summary": "Liveness", "responses": {"200": {"description": "OK"}}}},
    },
    "components": {"schemas": {
        "Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {
            "code": {"type": "string"}, "message": {"type": "string"}}}}},
        "TurnRequest": {"type": "object", "required": ["session_id", "text"], "properties": {
            "session_id": {"type": "string", "maxLength": 128},
            "customer_id": {"type": "string", "default": "demo"},
            "text": {"type": "string", "maxLength": 500},
            "idempotency_key": {"type": "string", "maxLength": 128},
        }},
        "Turn": {"type": "object", "properties": {
            "session_id": {"type": "string"}, "turn_id": {"type": "string"}, "transcript": {"type": "string"},
            "intent": {"type": "object", "properties": {"name": {"type": "string"}, "confidence": {"type": "number"}}},
            "entities": {"type": "array", "items": {"type": "object"}},
            "action": {"type": "string"}, "reply": {"type": "string"}, "data": {"type": "object"},
            "timings_ms": {"type": "object"}, "expects_answer": {"type": "boolean"}, "end_session": {"type": "boolean"},
        }},
    }},
}
