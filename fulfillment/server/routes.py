"""URL table."""

from __future__ import annotations

from aiohttp import web

from . import views


def setup_routes(app: web.Application) -> None:
    app.router.add_post("/api/v1/turn", views.turn)
    app.router.add_get("/api/v1/products", views.products)
    app.router.add_get("/api/v1/orders/{order_id}", views.order)
    app.router.add_get("/api/v1/openapi.json", views.openapi)
    app.router.add_get("/health", views.health)
