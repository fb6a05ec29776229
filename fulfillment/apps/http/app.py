"""The app factory: resources live in cleanup contexts, never at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from aiohttp import web

from fulfillment.apps.http.auth import require_api_key, setup_auth
from fulfillment.apps.http.keys import CONFIG, CONVERSATION, NLU, REPLY_AUDIO, SHOP, VOICE
from fulfillment.apps.http.middlewares import json_errors
from fulfillment.apps.http.reply_audio import ReplyAudioCache
from fulfillment.apps.http.routes import setup_routes
from fulfillment.apps.loopback import is_loopback_host
from fulfillment.settings import Settings
from fulfillment.wiring import ShopHome, open_conversation, open_voice, opened_shop

if TYPE_CHECKING:
    from nlu.parser import NluParser
    from speech.config import SpeechConfig
    from speech.runtime import SpeechBackends


def create_app(
    config: Settings, shop: ShopHome | None = None, nlu: NluParser | None = None,
    speech: SpeechConfig | None = None, speech_backends: SpeechBackends | None = None,
    api_keys_required: bool | None = None,
) -> web.Application:
    """`shop`, `nlu` and `speech_backends` may be given (tests); otherwise they are opened and
    started here (fulfillment.wiring builds them). With `speech`, turns take WAV. The API only: the server
    (fulfillment.apps.server) adds the support app, Alexa and the retention purge.
    `api_keys_required` (default: when `config.http.host` is not loopback) refuses API calls without a key."""
    app = web.Application(middlewares=[json_errors, require_api_key], client_max_size=config.http.max_body_bytes)
    setup_auth(app, not is_loopback_host(config.http.host) if api_keys_required is None else api_keys_required)
    app[CONFIG] = config
    app[REPLY_AUDIO] = ReplyAudioCache()

    async def services(app: web.Application) -> AsyncIterator[None]:
        with opened_shop(config, shop) as own_shop:
            app[SHOP] = own_shop
            async with open_conversation(config, own_shop, nlu) as conversation:
                app[NLU] = conversation.nlu
                app[CONVERSATION] = conversation
                yield

    async def voice(app: web.Application) -> AsyncIterator[None]:
        if speech is None:
            yield
            return
        async with open_voice(config, app[SHOP], app[CONVERSATION], speech, speech_backends) as pipeline:
            app[VOICE] = pipeline
            try:
                yield
            finally:
                await app[REPLY_AUDIO].close()  # replies still being spoken stop with the app

    app.cleanup_ctx.append(services)
    app.cleanup_ctx.append(voice)
    setup_routes(app)
    return app
