"""URL table."""

from __future__ import annotations

from aiohttp import web

from fulfillment.apps.http import audio_views, views


def setup_routes(app: web.Application) -> None:
    app.router.add_post("/api/v1/turn", views.turn)
    app.router.add_get("/api/v1/turns/{turn_id}/reply.wav", audio_views.reply_audio)
    app.router.add_get("/api/v1/products", views.products)
    app.router.add_get("/api/v1/orders/{order_id}", views.order)
    app.router.add_get("/api/v1/openapi.json", views.openapi)
    app.router.add_get("/health", views.health)
