"""The app factory: resources live in cleanup contexts, never at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator

from aiohttp import web

from nlu.parser import NluParser

from ..config import Config
from ..conversation import Conversation
from ..dialogue.context import Shop
from ..shop import open_shop
from .keys import CONFIG, CONVERSATION, NLU, SHOP
from .middlewares import json_errors
from .routes import setup_routes


def create_app(config: Config, shop: Shop | None = None, nlu: NluParser | None = None) -> web.Application:
    """`shop` and `nlu` may be given (tests); otherwise they are opened and started here."""
    app = web.Application(middlewares=[json_errors], client_max_size=config.max_body_bytes)
    app[CONFIG] = config

    async def services(app: web.Application) -> AsyncIterator[None]:
        own_shop = shop or open_shop(config)
        app[SHOP] = own_shop
        if nlu is not None:
            app[NLU] = nlu
            app[CONVERSATION] = Conversation(own_shop, nlu)
            yield
        else:
            from nlu.runtime import nlu_parser

            async with nlu_parser(config) as parser:
                app[NLU] = parser
                app[CONVERSATION] = Conversation(own_shop, parser)
                yield
        if shop is None:
            own_shop.db.close()

    app.cleanup_ctx.append(services)
    setup_routes(app)
    return app
